#include "ui/composerbar.h"

#include "ui/messagetext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kExcerptPixels = 600; // the quoted line is cut with "…" beyond this

} // namespace

ComposerBar::ComposerBar(QWidget *parent) : QWidget(parent), m_title(new QLabel(this)), m_excerpt(new QLabel(this))
{
    setObjectName(QStringLiteral("composerBar"));
    setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("composerBarTitle"));
    m_excerpt->setObjectName(QStringLiteral("composerBarExcerpt"));
    m_excerpt->setTextFormat(Qt::PlainText);
    m_title->setTextFormat(Qt::PlainText);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("composerBarCancel"));
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Cancel"));
    close->setAutoRaise(true);
    auto *lines = new QVBoxLayout;
    lines->setSpacing(0);
    lines->addWidget(m_title);
    lines->addWidget(m_excerpt);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 12, 6);
    layout->addLayout(lines, 1);
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &ComposerBar::cancel);
    hide();
}

void ComposerBar::startReply(const ChatMessage &original, const QString &senderName)
{
    start(Mode::Reply, original.localId, tr("Reply to %1").arg(senderName),
          MessageText::quoted(MessageText::quoteOf(original)));
}

void ComposerBar::startEdit(const ChatMessage &mine)
{
    start(Mode::Edit, mine.localId, tr("Edit message"), mine.text.simplified());
}

void ComposerBar::start(Mode mode, qint64 original, const QString &title, const QString &line)
{
    m_mode = mode;
    m_original = original;
    m_title->setText(title);
    m_excerpt->setText(m_excerpt->fontMetrics().elidedText(line, Qt::ElideRight, kExcerptPixels));
    show();
}

void ComposerBar::cancel()
{
    const Mode mode = std::exchange(m_mode, Mode::None);
    clear();
    if (mode != Mode::None)
        Q_EMIT cancelled(mode);
}

void ComposerBar::clear()
{
    m_mode = Mode::None;
    m_original = 0;
    hide();
}

} // namespace parley
