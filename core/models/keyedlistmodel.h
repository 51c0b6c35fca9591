#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <algorithm>

namespace parley {

// A list model of values with a key, updated from whole new lists: rows that went are removed, new ones
// inserted, moved ones moved and changed ones updated, each with its paired before/after signals, so a
// view keeps its selection and scroll position. Derived models sort the list and say what a row shows.
template <typename T>
class KeyedListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const QList<T> &rows() const { return m_rows; }
    int indexOfKey(const QString &key) const
    {
        for (int i = 0; i < m_rows.size(); ++i)
            if (keyOf(m_rows[i]) == key)
                return i;
        return -1;
    }

protected:
    virtual QString keyOf(const T &value) const = 0;

    // Makes the rows equal to `next` (already in display order).
    void update(const QList<T> &next)
    {
        QHash<QString, int> wanted;
        for (int i = 0; i < next.size(); ++i)
            wanted.insert(keyOf(next[i]), i);
        for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
            if (!wanted.contains(keyOf(m_rows[i]))) {
                beginRemoveRows({}, i, i);
                m_rows.removeAt(i);
                endRemoveRows();
            }
        }
        for (int i = 0; i < next.size(); ++i) {
            const QString key = keyOf(next[i]);
            const int at = i < m_rows.size() && keyOf(m_rows[i]) == key ? i : indexOfKey(key);
            if (at < 0) {
                beginInsertRows({}, i, i);
                m_rows.insert(i, next[i]);
                endInsertRows();
                continue;
            }
            if (at != i) {
                beginMoveRows({}, at, at, {}, i);
                m_rows.move(at, i);
                endMoveRows();
            }
            if (!(m_rows[i] == next[i])) {
                m_rows[i] = next[i];
                Q_EMIT dataChanged(index(i), index(i));
            }
        }
    }

private:
    QList<T> m_rows;
};

} // namespace parley
