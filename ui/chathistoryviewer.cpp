#include "ui/chathistoryviewer.h"

#include "core/models/linkfinder.h"
#include "protocol/contenttypes.h"
#include "ui/historycard.h"
#include "ui/messagetext.h"
#include "ui/theme.h"
#include "ui/timetext.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QImage>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kWidth = 520;
constexpr int kHeight = 600;

// A message's text as HTML, its links clickable.
QString linked(const QString &text)
{
    QString html;
    qsizetype at = 0;
    for (const LinkFinder::Link &link : LinkFinder::find(text)) {
        html += text.mid(at, link.start - at).toHtmlEscaped();
        html += u"<a href=\"%1\">%2</a>"_s.arg(link.url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                                text.mid(link.start, link.length).toHtmlEscaped());
        at = link.start + link.length;
    }
    html += text.mid(at).toHtmlEscaped();
    return html.replace(u'\n', u"<br>"_s);
}

} // namespace

ChatHistoryViewer::ChatHistoryViewer(const ChatHistory &history, QWidget *parent)
    : QDialog(parent), m_text(new QTextBrowser(this))
{
    setObjectName(u"chatHistoryViewer"_s);
    setWindowTitle(HistoryCard::title(history));
    resize(kWidth, kHeight);
    m_text->setOpenExternalLinks(true);
    m_text->setFrameShape(QFrame::NoFrame);
    QList<std::pair<QUrl, QImage>> pictures;
    m_text->setHtml(html(history, pictures));
    for (const auto &[name, picture] : std::as_const(pictures)) // after setHtml, which forgets resources
        m_text->document()->addResource(QTextDocument::ImageResource, name, picture);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
}

QString ChatHistoryViewer::plainText() const
{
    return m_text->toPlainText();
}

QString ChatHistoryViewer::html(const ChatHistory &history, QList<std::pair<QUrl, QImage>> &pictures)
{
    QString html = u"<div style=\"font-size:14px\">"_s;
    for (qsizetype i = 0; i < history.items.size(); ++i) {
        const ForwardedItem &item = history.items.at(i);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(item.timestampMs);
        html += u"<p style=\"margin-top:12px; margin-bottom:2px\"><b>%1</b>&nbsp;&nbsp;"
                "<span style=\"color:%2; font-size:12px\">%3</span></p>"_s.arg(
                    (item.senderName.isEmpty() ? item.sender : item.senderName).toHtmlEscaped(),
                    Theme::kSecondaryText.name(),
                    u"%1 %2"_s.arg(QLocale().toString(when.date(), QLocale::ShortFormat), TimeText::clock(item.timestampMs))
                        .toHtmlEscaped());
        QString body;
        if (item.contentType == content::kImage && !item.media.preview.isEmpty()) {
            QImage preview = QImage::fromData(item.media.preview);
            if (!preview.isNull()) {
                const QUrl name(u"preview:%1"_s.arg(i));
                pictures.append({name, preview.scaled(kPreviewPixels, kPreviewPixels, Qt::KeepAspectRatio,
                                                      Qt::SmoothTransformation)});
                body = u"<img src=\"%1\">"_s.arg(name.toString());
            }
        }
        if (body.isEmpty()) {
            body = item.contentType == content::kText ? linked(item.text)
                                                      : MessageText::forwarded(item).toHtmlEscaped();
            if (item.contentType == content::kFile && item.media.size > 0)
                body += u" <span style=\"color:%1\">· %2</span>"_s.arg(
                    Theme::kSecondaryText.name(), QLocale().formattedDataSize(qint64(item.media.size)).toHtmlEscaped());
        }
        html += u"<p style=\"margin-top:0\">%1</p>"_s.arg(body);
    }
    return html + u"</div>"_s;
}

} // namespace parley
