#pragma once

#include <QWidget>

#include <functional>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace parley {

// What an empty list shows instead of nothing: a title, a line that says what goes here and how it gets
// there, and buttons that lead there ("Add friend", "New group"), with room for more (a copyable ID).
// GUI thread.
class EmptyState : public QWidget {
    Q_OBJECT

public:
    EmptyState(const QString &title, const QString &text, QWidget *parent = nullptr);

    // A button under the text; the first is the primary one.
    QPushButton *addButton(const QString &label);
    // A widget under the text, above the buttons.
    void addWidget(QWidget *widget);
    // Shown instead of `list` while `model` has no rows and `alsoWhen` (if given) holds; rows coming and
    // going are followed, refresh() checks again for anything else.
    void standInFor(QWidget *list, const QAbstractItemModel *model, std::function<bool()> alsoWhen = {});
    void refresh();

private:
    QVBoxLayout *m_layout;
    QVBoxLayout *m_buttons;
    QWidget *m_list = nullptr;
    const QAbstractItemModel *m_model = nullptr;
    std::function<bool()> m_alsoWhen;
};

} // namespace parley
