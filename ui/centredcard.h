#pragma once

class QVBoxLayout;
class QWidget;

namespace parley {

// The look of the windows before the main one (login, welcome): one column of fixed width in the middle of
// the window. Lays `window` out so and returns the column's layout, for the window to fill. GUI thread.
QVBoxLayout *centredCard(QWidget *window);

} // namespace parley
