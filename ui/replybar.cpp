#include "ui/replybar.h"

#include "ui/messagetext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kExcerptPixels = 600; // the quoted line is cut with "…" beyond this

} // namespace

ReplyBar::ReplyBar(QWidget *parent) : QWidget(parent), m_title(new QLabel(this)), m_excerpt(new QLabel(this))
{
    setObjectName(QStringLiteral("replyBar"));
    setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("replyTitle"));
    m_excerpt->setObjectName(QStringLiteral("replyExcerpt"));
    m_excerpt->setTextFormat(Qt::PlainText);
    m_title->setTextFormat(Qt::PlainText);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("replyCancel"));
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Cancel the reply"));
    close->setAutoRaise(true);
    auto *lines = new QVBoxLayout;
    lines->setSpacing(0);
    lines->addWidget(m_title);
    lines->addWidget(m_excerpt);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 12, 6);
    layout->addLayout(lines, 1);
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &ReplyBar::clear);
    hide();
}

void ReplyBar::start(const ChatMessage &original, const QString &senderName)
{
    m_original = original.localId;
    m_title->setText(tr("Reply to %1").arg(senderName));
    const QString line = MessageText::quoted(MessageText::quoteOf(original));
    m_excerpt->setText(m_excerpt->fontMetrics().elidedText(line, Qt::ElideRight, kExcerptPixels));
    show();
}

void ReplyBar::clear()
{
    m_original = 0;
    hide();
}

} // namespace parley
