#pragma once

#include <QAbstractItemModel>
#include <QStringList>

// One role of every row of a list model, as strings: what a list view would show, in order.
inline QStringList modelColumn(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row, 0), role).toString());
    return out;
}
