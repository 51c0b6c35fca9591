#pragma once

#include <QSplitter>
#include <QString>

namespace parley {

// A page's two panes: the list on the left at its usual width, the content taking the rest, neither
// collapsing. With a settings key, the position the user dragged it to is kept across runs. GUI thread.
class ListSplitter : public QSplitter {
    Q_OBJECT

public:
    static constexpr int kListWidth = 300;
    static constexpr int kContentWidth = 700;

    ListSplitter(QWidget *list, QWidget *content, QString settingsKey, QWidget *parent = nullptr);
    ~ListSplitter() override;

private:
    QString m_settingsKey;
};

} // namespace parley
