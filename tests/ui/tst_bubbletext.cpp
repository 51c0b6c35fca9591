// What a text bubble shows: the addresses in a message found as links (web and e-mail, ending where the
// sentence's punctuation or another script begins), words wrapped at their boundaries (inside a word only
// when the word alone is wider than the bubble), and the link found under a point. Laid-out texts and chip
// labels are kept, and an edit, another width or another font is laid out anew.

#include "core/models/linkfinder.h"
#include "ui/bubbletext.h"
#include "ui/bubbletextcache.h"
#include "ui/chiplabels.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <functional>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

QStringList found(const QString &text)
{
    QStringList links;
    for (const LinkFinder::Link &link : LinkFinder::find(text))
        links.append(u"%1 %2"_s.arg(text.mid(link.start, link.length), link.url.toString()));
    return links;
}

const QColor kLink(0x2f, 0x7c, 0xf6);

} // namespace

class TestBubbleText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linksAreFound_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected"); // each "as written, as opened"
        QTest::newRow("the sentence's full stop is not the address's")
            << u"see https://example.com/a?b=1#c."_s
            << QStringList{u"https://example.com/a?b=1#c https://example.com/a?b=1#c"_s};
        QTest::newRow("brackets: the address's own, then the sentence's")
            << u"(https://en.wikipedia.org/wiki/Foo_(bar))"_s
            << QStringList{u"https://en.wikipedia.org/wiki/Foo_(bar) https://en.wikipedia.org/wiki/Foo_(bar)"_s};
        QTest::newRow("Chinese around it") << u"看https://example.com/docs这个，好吗"_s
                                           << QStringList{u"https://example.com/docs https://example.com/docs"_s};
        QTest::newRow("www. without a scheme")
            << u"www.parley.chat, ok"_s << QStringList{u"www.parley.chat https://www.parley.chat"_s};
        QTest::newRow("capitals") << u"HTTPS://EXAMPLE.COM!"_s
                                  << QStringList{u"HTTPS://EXAMPLE.COM https://example.com"_s};
        QTest::newRow("e-mail") << u"mail li.ming@example.com.cn."_s
                                << QStringList{u"li.ming@example.com.cn mailto:li.ming@example.com.cn"_s};
        QTest::newRow("an e-mail inside an address is the address's")
            << u"https://user@example.com/x"_s
            << QStringList{u"https://user@example.com/x https://user@example.com/x"_s};
        QTest::newRow("two, in order") << u"a@example.org or http://example.net"_s
                                       << QStringList{u"a@example.org mailto:a@example.org"_s,
                                                      u"http://example.net http://example.net"_s};
        QTest::newRow("none: numbers, a bare @, other schemes, no domain")
            << u"3.14 @alice a@b ftp://example.com wwwhat x@localhost"_s << QStringList{};
    }

    void linksAreFound()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(found(text), expected);
    }

    void aLongSentenceWrapsBetweenWords()
    {
        const QString sentence = u"The quick brown fox jumps over the lazy dog while the messenger keeps wrapping "
                                 u"every sentence at word boundaries instead of splitting words in half"_s;
        const QFont font;
        const int width = int(QFontMetricsF(font).horizontalAdvance(u"The quick brown fox jumps over"_s));
        const BubbleText text(sentence, font, width, kLink);
        const QStringList lines = text.lines();
        QVERIFY2(lines.size() >= 3, qPrintable(lines.join(u'|')));
        QCOMPARE(lines.join(QString()), sentence);
        for (int i = 0; i + 1 < lines.size(); ++i)
            QVERIFY2(lines[i].endsWith(u' '), qPrintable(lines.join(u'|'))); // no word split
        QVERIFY(text.size().width() <= width);
    }

    void aLineBreakInTheTextIsOne()
    {
        const QFont font;
        const BubbleText text(u"好啊，几点？\n我带水"_s, font, 1000, kLink);
        QCOMPARE(text.lines().size(), 2);
        QVERIFY(text.size().height() > QFontMetrics(font).height());
    }

    void aWordWiderThanTheBubbleBreaksInside()
    {
        const QFont font;
        const int width = 120;
        const BubbleText text(u"https://example.com/"_s + QString(200, u'a'), font, width, kLink);
        QVERIFY(text.lines().size() > 1);
        QVERIFY(text.size().width() <= width);
    }

    void theLinkUnderAPoint()
    {
        const QFont font;
        const QString before = u"go to "_s;
        const BubbleText text(before + u"https://example.com now"_s, font, 1000, kLink);
        const QFontMetricsF metrics(font);
        const int y = text.size().height() / 2;
        const int start = int(metrics.horizontalAdvance(before));
        const int end = int(metrics.horizontalAdvance(before + u"https://example.com"_s));
        QCOMPARE(text.linkAt(QPoint(start + 3, y)), QUrl(u"https://example.com"_s));
        QCOMPARE(text.linkAt(QPoint(end - 3, y)), QUrl(u"https://example.com"_s));
        QVERIFY(text.linkAt(QPoint(start - 3, y)).isEmpty());
        QVERIFY(text.linkAt(QPoint(end + 6, y)).isEmpty());
        QVERIFY(text.linkAt(QPoint(start + 3, text.size().height() + 2)).isEmpty()); // below the text
    }

    void aTextIsLaidOutOncePerTextAndWidth()
    {
        BubbleTextCache cache(kLink);
        const QFont font;
        const auto first = cache.text(u"see you at the station"_s, font, 80);
        QVERIFY(first->lines().size() > 1);
        QCOMPARE(cache.text(u"see you at the station"_s, font, 80), first); // the same layout, kept
        const auto edited = cache.text(u"see you at the gate"_s, font, 80);
        QVERIFY(edited != first);
        QCOMPARE(edited->lines().join(QString()), u"see you at the gate"_s);
        const auto wider = cache.text(u"see you at the gate"_s, font, 1000);
        QVERIFY(wider != edited);
        QCOMPARE(wider->lines().size(), 1);
        QFont bigger = font;
        bigger.setPixelSize(40);
        const auto big = cache.text(u"see you at the gate"_s, bigger, 1000);
        QVERIFY(big->size().height() > wider->size().height());
        QVERIFY(cache.text(u"see you at the gate"_s, font, 1000) != wider); // another font emptied it
    }

    void longTextsPushOutOthers()
    {
        constexpr qsizetype kBudget = 3 * BubbleTextCache::kCostPerText;
        BubbleTextCache cache(kLink, kBudget);
        const QFont font;
        const auto shortOne = cache.text(u"ok"_s, font, 200);
        const QString longText(BubbleTextCache::kCostPerText / 2, u'a'); // "ok" and one of these fit, not two
        const auto firstLong = cache.text(longText, font, 200);
        QCOMPARE(cache.text(u"ok"_s, font, 200), shortOne);
        cache.text(longText + u'b', font, 200); // over the budget with the first long one: it goes first
        QCOMPARE(cache.text(u"ok"_s, font, 200), shortOne);
        const auto again = cache.text(longText, font, 200);
        QVERIFY(again != firstLong); // laid out anew
        QCOMPARE(again->lines().join(QString()), longText);
        const QString overBudget(kBudget, u'c'); // laid out, not kept
        QVERIFY(cache.text(overBudget, font, 200) != cache.text(overBudget, font, 200));
        QCOMPARE(cache.text(u"ok"_s, font, 200), shortOne);
    }

    void aChipLabelLooksAsDrawnText_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<qreal>("ratio");
        for (const QString &label : {u"👍 2"_s, u"😂 12"_s})
            for (qreal ratio : {1.0, 1.5, 2.0})
                QTest::addRow("%s at %.1f", qPrintable(label), ratio) << label << ratio;
    }

    void aChipLabelLooksAsDrawnText()
    {
        QFETCH(QString, label);
        QFETCH(qreal, ratio);
        QFont font;
        font.setPixelSize(12);
        const QColor color(0x2f, 0x7c, 0xf6);
        const QRect chip(10, 4, 60, 22);
        constexpr int kTolerance = 8; // of 255, per channel
        const auto pictureOf = [&](const std::function<void(QPainter &)> &draw) {
            QImage image(QSize(80, 30) * ratio, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            draw(painter);
            painter.end();
            return image;
        };
        const QImage asText = pictureOf([&](QPainter &p) {
            p.setFont(font);
            p.setPen(color);
            p.drawText(chip, Qt::AlignCenter, label);
        });
        ChipLabels labels;
        QCOMPARE(labels.width(label, font), QFontMetrics(font).horizontalAdvance(label));
        for (int round = 0; round < 2; ++round) { // drawn, then drawn again from what was kept
            const QImage asChip = pictureOf([&](QPainter &p) { labels.paint(&p, chip, label, font, color); });
            // The same pixels, but for rounding where antialiased edges are blended (a pixmap in between).
            int ink = 0, differing = 0;
            for (int y = 0; y < asText.height(); ++y)
                for (int x = 0; x < asText.width(); ++x) {
                    const QRgb a = asText.pixel(x, y), b = asChip.pixel(x, y);
                    ink += a != qRgb(255, 255, 255);
                    differing += std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                           std::abs(qBlue(a) - qBlue(b))}) > kTolerance;
                }
            QVERIFY(ink > 20);
            QVERIFY2(differing == 0, qPrintable(u"%1 of %2 pixels differ"_s.arg(differing).arg(ink)));
        }
    }
};

QTEST_MAIN(TestBubbleText)
#include "tst_bubbletext.moc"
