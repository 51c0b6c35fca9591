#include "ui/composer.h"

#include "protocol/limits.h"

#include "ui/settingspage.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kEditorHeight = 80;
constexpr int kEmojiColumns = 8;
constexpr int kEmojiButton = 32;
constexpr int kCompletionWidth = 200;

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent),
      m_editor(new QPlainTextEdit(this)),
      m_completer(new QCompleter(this)),
      m_names(new QStringListModel(this)),
      m_send(new QPushButton(tr("Send"), this)),
      m_warning(new QLabel(this))
{
    setObjectName(QStringLiteral("composer"));
    setAttribute(Qt::WA_StyledBackground);
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    m_editor->setPlaceholderText(tr("Write a message"));
    m_editor->setFixedHeight(kEditorHeight);
    m_editor->installEventFilter(this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Enter sends, Shift+Enter starts a new line"));
    m_warning->setObjectName(QStringLiteral("composerWarning"));
    m_warning->hide();

    m_completer->setModel(m_names);
    m_completer->setWidget(m_editor);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &Composer::insertMention);

    // The emoji picker: a grid in a menu under the smiley; a click puts the emoji at the cursor.
    auto *emoji = new QToolButton(this);
    emoji->setObjectName(QStringLiteral("emojiButton"));
    emoji->setIcon(QIcon(QStringLiteral(":/icons/smile.svg")));
    emoji->setToolTip(tr("Emoji"));
    emoji->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(emoji);
    auto *grid = new QWidget(menu);
    auto *gridLayout = new QGridLayout(grid);
    gridLayout->setSpacing(2);
    const QStringList all = emojis();
    for (int i = 0; i < all.size(); ++i) {
        auto *b = new QToolButton(grid);
        b->setText(all[i]);
        b->setAutoRaise(true);
        b->setFixedSize(kEmojiButton, kEmojiButton);
        connect(b, &QToolButton::clicked, this, [this, menu, e = all[i]] {
            m_editor->insertPlainText(e);
            menu->close();
            m_editor->setFocus();
        });
        gridLayout->addWidget(b, i / kEmojiColumns, i % kEmojiColumns);
    }
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(grid);
    menu->addAction(action);
    emoji->setMenu(menu);
    auto *tools = new QHBoxLayout;
    tools->addWidget(emoji);
    tools->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 6, 16, 12);
    layout->setSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(m_editor);
    auto *row = new QHBoxLayout;
    row->addWidget(m_warning, 1);
    row->addStretch();
    row->addWidget(m_send);
    layout->addLayout(row);

    connect(m_send, &QPushButton::clicked, this, &Composer::trySend);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::updateCompletion);
    onTextChanged();
}

QStringList Composer::emojis()
{
    return QStringList{u"😀"_s,      u"😁"_s,    u"😂"_s, u"🤣"_s, u"😊"_s,      u"😍"_s,    u"😘"_s,      u"😎"_s,
                       u"🤔"_s,   u"😅"_s,    u"😭"_s, u"😡"_s,    u"😴"_s,      u"🤗"_s, u"🙄"_s,   u"😱"_s,
                       u"👍"_s,      u"👎"_s,    u"👏"_s, u"🙏"_s,    u"💪"_s,      u"👌"_s,    u"✌️"_s, u"🤝"_s,
                       u"❤️"_s, u"💔"_s,    u"🎉"_s, u"🔥"_s,    u"⭐"_s,      u"🌹"_s,    u"☕"_s,      u"🍺"_s,
                       u"🍰"_s,      u"🧧"_s, u"🎁"_s, u"📷"_s,    u"⛰️"_s, u"🚗"_s,    u"✅"_s,      u"❓"_s};
}

QString Composer::allName() const
{
    return tr("all", "the @-mention that means everyone in the group");
}

void Composer::setMentionCandidates(const QList<std::pair<QString, QString>> &members, bool everyone)
{
    m_idsByName.clear();
    QStringList names;
    for (const auto &[id, name] : members) {
        m_idsByName.insert(name, id);
        names.append(name);
    }
    m_everyone = everyone && !members.isEmpty();
    if (m_everyone)
        names.prepend(allName());
    m_names->setStringList(names);
}

void Composer::updateCompletion()
{
    if (m_names->rowCount() == 0)
        return;
    // The word being typed, if it starts with '@': "@ha" completes to a member's name.
    QTextCursor cursor = m_editor->textCursor();
    const QString before = m_editor->toPlainText().left(cursor.position());
    const qsizetype at = before.lastIndexOf(u'@');
    const QString typed = at >= 0 ? before.mid(at + 1) : QString();
    if (at < 0 || typed.contains(u' ') || typed.contains(u'\n')) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(typed);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = m_editor->cursorRect();
    rect.setWidth(kCompletionWidth);
    m_completer->complete(rect);
}

void Composer::insertMention(const QString &name)
{
    QTextCursor cursor = m_editor->textCursor();
    const QString before = m_editor->toPlainText().left(cursor.position());
    const qsizetype at = before.lastIndexOf(u'@');
    if (at < 0)
        return;
    cursor.setPosition(int(at), QTextCursor::MoveAnchor);
    cursor.setPosition(int(before.size()), QTextCursor::KeepAnchor);
    cursor.insertText(u"@%1 "_s.arg(name));
    m_editor->setTextCursor(cursor);
}

QString Composer::text() const
{
    return m_editor->toPlainText();
}

void Composer::clear()
{
    m_editor->clear();
}

void Composer::setText(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

void Composer::setEnabledForConversation(bool enabled)
{
    m_editor->setEnabled(enabled);
    onTextChanged();
}

void Composer::focusEditor()
{
    m_editor->setFocus();
}

void Composer::onTextChanged()
{
    const QString text = m_editor->toPlainText().trimmed();
    const qsizetype bytes = text.toUtf8().size();
    const bool tooLong = bytes > limits::kMaxTextBytes;
    m_warning->setVisible(tooLong);
    if (tooLong)
        m_warning->setText(tr("The message is too long by %n character(s).", nullptr,
                              int(text.size() - text.size() * limits::kMaxTextBytes / std::max<qsizetype>(bytes, 1))));
    m_send->setEnabled(m_editor->isEnabled() && !text.isEmpty() && !tooLong);
}

void Composer::trySend()
{
    if (!m_send->isEnabled())
        return;
    const QString text = m_editor->toPlainText().trimmed();
    // Whoever is still named with an '@' in what is sent is mentioned.
    QStringList mentioned;
    for (auto it = m_idsByName.cbegin(); it != m_idsByName.cend(); ++it) {
        if (text.contains(u"@%1"_s.arg(it.key())))
            mentioned.append(it.value());
    }
    const bool everyone = m_everyone && text.contains(u"@%1"_s.arg(allName()));
    Q_EMIT sendRequested(text, everyone ? QStringList() : mentioned, everyone);
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        // While names are offered, Enter, Tab and Escape belong to the list of names.
        if (m_completer->popup()->isVisible() && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
                                                  key->key() == Qt::Key_Tab || key->key() == Qt::Key_Escape)) {
            event->ignore();
            return true;
        }
        if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter)
            return QWidget::eventFilter(watched, event);
        // Enter sends and Shift+Enter breaks the line, or (a setting) Ctrl+Enter sends and Enter breaks.
        const bool ctrlEnterSends = QSettings().value(QLatin1StringView(SettingsPage::kSendKey)).toBool();
        const bool sends = ctrlEnterSends ? (key->modifiers() & Qt::ControlModifier)
                                          : !(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
        if (sends) {
            trySend();
            return true;
        }
        if (ctrlEnterSends) {
            m_editor->insertPlainText(QStringLiteral("\n"));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace parley
