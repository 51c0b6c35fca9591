#pragma once

#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace parley::popups {

// Menus and questions that do not block: no nested event loop runs while they are up, so network
// replies, timers and painting carry on, and a test (or an accessibility tool) finds them as ordinary
// widgets. Both delete themselves when closed.

// A context menu owned by parent; add actions, then call menu->popup(globalPos).
QMenu *contextMenu(QWidget *parent);

// Asks about a step that cannot be undone. The box is modal to parent's window; its confirming button
// says what will happen (confirmText) and Cancel is the default. onConfirmed runs only on that button,
// and never after parent is gone.
void confirm(QWidget *parent, const QString &title, const QString &question, const QString &confirmText,
             std::function<void()> onConfirmed);

// Says something that needs no decision (why a step failed, why the session ended); closes with OK.
void inform(QWidget *parent, const QString &title, const QString &text);

} // namespace parley::popups
