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

// The same for an action in a submenu: path names the submenu, then the action (the submenu's own click is not
// driven; the action is triggered as its click would).
inline bool pickFromContextMenu(QAbstractItemView *view, const QModelIndex &index, const QStringList &path)
{
    const QPoint pos = view->visualRect(index).center();
    QContextMenuEvent click(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &click);
    auto *top = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    if (!top)
        return false;
    QMenu *menu = top;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QList<QAction *> actions = menu->actions();
        const auto action =
            std::find_if(actions.cbegin(), actions.cend(), [&](QAction *a) { return a->text() == path[i]; });
        if (action == actions.cend())
            break;
        if (i + 1 == path.size() && !(*action)->menu()) {
            (*action)->trigger();
            top->close();
            return true;
        }
        if (!(*action)->menu())
            break;
        menu = (*action)->menu();
    }
    top->close();
    return false;
}

