#pragma once

// Driving a context menu as a user does, for the widget tests and the screenshot program.

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QTest>

#include <algorithm>

// Right-clicks index in view and picks the action called text from the menu that opens, as a user does.
inline bool pickFromContextMenu(QAbstractItemView *view, const QModelIndex &index, const QString &text)
{
    const QPoint pos = view->visualRect(index).center();
    QContextMenuEvent click(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &click);
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    if (!menu)
        return false;
    const QList<QAction *> actions = menu->actions();
    const auto action =
        std::find_if(actions.cbegin(), actions.cend(), [&text](QAction *a) { return a->text() == text; });
    if (action == actions.cend()) {
        menu->close();
        return false;
    }
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(*action).center());
    return !menu->isVisible();
}
