#pragma once

// Finding the window or dialog a step opened, as a user sees it, for the widget tests.

#include <QApplication>
#include <QWidget>

// The visible top-level window or dialog of type T, if any.
template <typename T>
T *shown()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
            return t;
    }
    return nullptr;
}
