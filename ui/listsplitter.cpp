#include "ui/listsplitter.h"

#include <QSettings>

namespace parley {

ListSplitter::ListSplitter(QWidget *list, QWidget *content, QString settingsKey, QWidget *parent)
    : QSplitter(parent), m_settingsKey(std::move(settingsKey))
{
    addWidget(list);
    addWidget(content);
    setStretchFactor(1, 1);
    setChildrenCollapsible(false);
    setSizes({kListWidth, kContentWidth});
    if (!m_settingsKey.isEmpty())
        restoreState(QSettings().value(m_settingsKey).toByteArray());
}

ListSplitter::~ListSplitter()
{
    if (!m_settingsKey.isEmpty())
        QSettings().setValue(m_settingsKey, saveState());
}

} // namespace parley
