#include "ui/composer.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>

#include "ui/settingspage.h"
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kEditorHeight = 96;

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent),
      m_editor(new QPlainTextEdit(this)),
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 8, 16, 12);
    layout->setSpacing(6);
    layout->addWidget(m_editor);
    auto *row = new QHBoxLayout;
    row->addWidget(m_warning, 1);
    row->addStretch();
    row->addWidget(m_send);
    layout->addLayout(row);

    connect(m_send, &QPushButton::clicked, this, &Composer::trySend);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);
    onTextChanged();
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
    const bool tooLong = bytes > kMaxTextBytes;
    m_warning->setVisible(tooLong);
    if (tooLong)
        m_warning->setText(tr("The message is too long by %n character(s).", nullptr,
                              int(text.size() - text.size() * kMaxTextBytes / std::max<qsizetype>(bytes, 1))));
    m_send->setEnabled(m_editor->isEnabled() && !text.isEmpty() && !tooLong);
}

void Composer::trySend()
{
    if (!m_send->isEnabled())
        return;
    Q_EMIT sendRequested(m_editor->toPlainText().trimmed());
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        // Enter sends and Shift+Enter breaks the line, or (a setting) Ctrl+Enter sends and Enter breaks.
        const bool ctrlEnterSends = QSettings().value(QLatin1StringView(SettingsPage::kSendKey)).toBool();
        const bool sends = ctrlEnterSends ? (key->modifiers() & Qt::ControlModifier)
                                          : !(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
        if (enter && sends) {
            trySend();
            return true;
        }
        if (enter && ctrlEnterSends) {
            m_editor->insertPlainText(QStringLiteral("\n"));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace parley
