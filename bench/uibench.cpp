// parley-uibench: the desktop client's speed and memory with a big local cache. Fills a cache with 1,000
// conversations and 1,000,000 messages (one conversation holds 100,000; one message in seven is a reply with
// its quote, one in eleven was edited, one in thirteen has reactions), then, in the real app (Client,
// MainWindow, widgets) and without a server (the client only retries in the background):
//   - cold start: from building the client to the conversation list painted with its 1,000 rows,
//   - opening the 100,000-message conversation: until its newest messages are painted,
//   - scrolling it from the newest to the first message a screen at a time: the time of each frame (the
//     scroll, the layout and a synchronous repaint) and the longest time the GUI thread was busy,
//   - resident memory after start and after the whole conversation has scrolled by,
//   - the local search of message texts for common, rare and absent terms, Chinese and Latin.
// With --pictures, instead: one conversation of 10,000 messages of which 2,000 are pictures, all downloaded
// (2,000 different JPEG files on disk): opening it, scrolling all of it, and memory before and after (the
// decoded pictures must be let go when out of view).
// Benchmarks are not tests: it prints figures (docs/BENCHMARKS.md records them). Needs a display or
// QT_QPA_PLATFORM=offscreen.

#include "bench/presettokenstore.h"
#include "bench/procstatus.h"
#include "core/client.h"
#include "core/files/mediapreparer.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/messagelistmodel.h"
#include "core/storage/localdatabase.h"
#include "core/storage/mediawire.h"
#include "core/storage/searchterms.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kConversations = 1000;
constexpr qint64 kMessages = 1000000;
constexpr qint64 kBigConversation = 100000;
constexpr qint64 kStartMs = 1790000000000; // the messages' clock
constexpr int kWaitMs = 120000;
constexpr double kFrameBudgetMs = 16.0;
constexpr double kStallMs = 50.0;
const QString kMe = u"me00000000"_s;
constexpr qint64 kPictureChat = 10000;
constexpr qint64 kPictureEvery = 5; // 2,000 pictures
constexpr qint64 kReplyEvery = 7;   // one message in seven is a reply with a quote
constexpr qint64 kReplyDistance = 3;
constexpr qint64 kEditedEvery = 11;  // one in eleven was edited
constexpr qint64 kReactedEvery = 13; // and one in thirteen has reactions
const QSize kPictureSize{1280, 960};

QString peer(int i)
{
    return u"user%1"_s.arg(i, 6, 10, QChar(u'0'));
}

// Two reactions: the peer's and mine on one emoji, the peer's on another.
QByteArray reactionsOf(const QString &peer)
{
    v1::ReactionList list;
    v1::Reaction *thumbs = list.add_reactions();
    thumbs->set_emoji("👍");
    thumbs->add_users(peer.toStdString());
    thumbs->add_users(kMe.toStdString());
    v1::Reaction *laugh = list.add_reactions();
    laugh->set_emoji("😂");
    laugh->add_users(peer.toStdString());
    return QByteArray::fromStdString(list.SerializeAsString());
}

// Writes the cache as sync would have: conversations, messages with their sequences, the sync position.
bool fillCache(const QString &path)
{
    LocalDatabase db;
    if (!db.open(path))
        return false;
    QSqlDatabase &sql = db.db();
    sql.transaction();
    QSqlQuery conversation(sql);
    conversation.prepare(
        u"INSERT INTO conversations (id, type, target, last_activity_ms, read_seq) VALUES (?, 0, ?, ?, ?)"_s);
    QSqlQuery indexed(sql); // as sync would have indexed them for search
    indexed.prepare(u"INSERT INTO message_search (rowid, terms) VALUES (?, ?)"_s);
    QSqlQuery message(sql);
    message.prepare(
        u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
        "outgoing, state, content_type, text, content, timestamp_ms, quote_uid, quote_seq, quote_sender, quote_type, "
        "quote_excerpt, edited_at, reactions) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, x'', ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const qint64 perOther = (kMessages - kBigConversation) / (kConversations - 1);
    qint64 uid = 0;
    for (int c = 1; c <= kConversations; ++c) {
        const qint64 count = c == 1 ? kBigConversation : perOther;
        const qint64 lastMs = kStartMs + qint64(c) * 60000 + count * 1000;
        conversation.addBindValue(c);
        conversation.addBindValue(peer(c));
        conversation.addBindValue(lastMs);
        conversation.addBindValue(count - (c % 7)); // a few unread in most conversations
        if (!conversation.exec())
            return false;
        for (qint64 seq = 1; seq <= count; ++seq) {
            ++uid;
            QByteArray uuid(16, '\0');
            qToBigEndian<qint64>(uid, uuid.data() + 8);
            const bool mine = seq % 3 == 0;
            message.addBindValue(c);
            message.addBindValue(mine ? kMe : peer(c));
            message.addBindValue(uuid);
            message.addBindValue(uid);
            message.addBindValue(seq);
            message.addBindValue(mine);
            message.addBindValue(mine ? 5 : 3); // read / received
            const QString text = seq % 5 == 0
                                     ? u"A longer message, as people write them when there is more to "
                                       "say: several lines, some punctuation, and a little detail. %1"_s.arg(seq)
                                     : u"message %1 — 好的，收到"_s.arg(seq);
            message.addBindValue(text);
            message.addBindValue(kStartMs + qint64(c) * 60000 + seq * 1000);
            // Every kReplyEvery-th message answers the one kReplyDistance before it, with its quote.
            const bool reply = seq % kReplyEvery == 0 && seq > kReplyDistance;
            const qint64 quoted = seq - kReplyDistance;
            message.addBindValue(reply ? QVariant(uid - kReplyDistance) : QVariant(QMetaType(QMetaType::LongLong)));
            message.addBindValue(reply ? quoted : 0);
            message.addBindValue(reply ? (quoted % 3 == 0 ? kMe : peer(c)) : u""_s); // NOT NULL columns
            message.addBindValue(reply ? 1 : 0);
            message.addBindValue(reply ? u"message %1 — 好的，收到"_s.arg(quoted) : u""_s);
            const qint64 sentMs = kStartMs + qint64(c) * 60000 + seq * 1000;
            message.addBindValue(seq % kEditedEvery == 0 ? sentMs + 30000 : 0); // "Edited" under the bubble
            message.addBindValue(seq % kReactedEvery == 0 ? QVariant(reactionsOf(peer(c)))
                                                          : QVariant(QMetaType(QMetaType::QByteArray)));
            if (!message.exec())
                return false;
            indexed.addBindValue(message.lastInsertId());
            indexed.addBindValue(SearchTerms::of(text));
            if (!indexed.exec())
                return false;
        }
    }
    QSqlQuery searchPosition(sql);
    searchPosition.exec(u"UPDATE sync_state SET value = %1 WHERE name = 'search_indexed'"_s.arg(uid));
    QSqlQuery position(sql);
    position.exec(u"INSERT INTO sync_state (name, value) VALUES ('inbox', %1)"_s.arg(uid));
    return sql.commit();
}

// One conversation of kPictureChat messages, every kPictureEvery-th a picture already downloaded: its own
// JPEG in `files`, known to the media cache, with its inline preview, as sync and a download would leave them.
bool fillPictureCache(const QString &path, const QString &files)
{
    LocalDatabase db;
    if (!db.open(path))
        return false;
    QDir().mkpath(files);
    QSqlDatabase &sql = db.db();
    sql.transaction();
    QSqlQuery conversation(sql);
    conversation.exec(u"INSERT INTO conversations (id, type, target, last_activity_ms, read_seq) "
                      "VALUES (1, 0, '%1', %2, %3)"_s.arg(peer(1))
                          .arg(kStartMs + kPictureChat * 1000)
                          .arg(kPictureChat));
    QSqlQuery message(sql);
    message.prepare(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                    "outgoing, state, content_type, text, content, timestamp_ms, media_sha256) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery cached(sql);
    cached.prepare(u"INSERT INTO media_cache (sha256, path, size, owned, last_used_ms) VALUES (?, ?, ?, 0, ?)"_s);
    for (qint64 seq = 1; seq <= kPictureChat; ++seq) {
        QByteArray uuid(16, '\0');
        qToBigEndian<qint64>(seq, uuid.data() + 8);
        const bool mine = seq % 3 == 0;
        const bool picture = seq % kPictureEvery == 0;
        QVariant content = QByteArray("", 0); // empty, not NULL
        QVariant sha256(QMetaType(QMetaType::QByteArray));
        if (picture) {
            // A different picture each time: a gradient and a disc placed by the sequence.
            QImage image(kPictureSize, QImage::Format_RGB32);
            QPainter painter(&image);
            QLinearGradient gradient(0, 0, kPictureSize.width(), kPictureSize.height());
            gradient.setColorAt(0, QColor::fromHsv(int(seq * 7 % 360), 160, 200));
            gradient.setColorAt(1, QColor::fromHsv(int(seq * 13 % 360), 200, 90));
            painter.fillRect(image.rect(), gradient);
            painter.setBrush(Qt::white);
            painter.drawEllipse(QPoint(int(seq * 37 % kPictureSize.width()), int(seq * 53 % kPictureSize.height())),
                                120, 120);
            painter.end();
            const QString file = QDir(files).filePath(u"picture-%1.jpg"_s.arg(seq));
            if (!image.save(file, "JPG", 85))
                return false;
            QFile saved(file);
            if (!saved.open(QIODevice::ReadOnly))
                return false;
            const QByteArray bytes = saved.readAll();
            Media media;
            media.fileId = u"f%1"_s.arg(seq);
            media.size = quint64(bytes.size());
            media.mimeType = u"image/jpeg"_s;
            media.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
            media.width = kPictureSize.width();
            media.height = kPictureSize.height();
            media.preview = MediaPreparer::previewOf(image);
            v1::MessageContent wire;
            wire.set_type(3);
            mediaToWire(media, wire);
            content = QByteArray::fromStdString(wire.SerializeAsString());
            sha256 = media.sha256;
            cached.addBindValue(media.sha256);
            cached.addBindValue(file);
            cached.addBindValue(qint64(media.size));
            cached.addBindValue(kStartMs);
            if (!cached.exec())
                return false;
        }
        message.addBindValue(mine ? kMe : peer(1));
        message.addBindValue(uuid);
        message.addBindValue(seq);
        message.addBindValue(seq);
        message.addBindValue(mine);
        message.addBindValue(mine ? 5 : 3);
        message.addBindValue(picture ? 3 : 1);
        message.addBindValue(picture ? u""_s : u"message %1 — 好的，收到"_s.arg(seq));
        message.addBindValue(content);
        message.addBindValue(kStartMs + seq * 1000);
        message.addBindValue(sha256);
        if (!message.exec()) {
            std::fprintf(stderr, "%s\n", qPrintable(message.lastError().text()));
            return false;
        }
    }
    QSqlQuery position(sql);
    position.exec(u"INSERT INTO sync_state (name, value) VALUES ('inbox', %1)"_s.arg(kPictureChat));
    return sql.commit();
}

// Scrolls a chat from its newest to its first message, a screen at a time, each frame timed: the scroll,
// the layout and a synchronous repaint. Older pages come from the cache on the engine thread.
struct Scroll {
    QList<double> frames; // sorted
    double longest = 0;
    double longestPage = 0; // the GUI thread's work when a page of older messages arrives
    double seconds = 0;

    double percentile(double p) const
    {
        return frames.at(std::min<qsizetype>(frames.size() - 1, qsizetype(p * frames.size())));
    }
    void print(qint64 messages, int windowRows) const
    {
        const qsizetype over =
            std::count_if(frames.cbegin(), frames.cend(), [](double f) { return f > kFrameBudgetMs; });
        const qsizetype stalls = std::count_if(frames.cbegin(), frames.cend(), [](double f) { return f > kStallMs; });
        std::printf("scroll: %lld frames over %lld messages in %.1f s; frame p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                    "%lld over %.0f ms, %lld over %.0f ms; window holds %d rows\n",
                    qlonglong(frames.size()), qlonglong(messages), seconds, percentile(0.5), percentile(0.99), longest,
                    qlonglong(over), kFrameBudgetMs, qlonglong(stalls), kStallMs, windowRows);
        std::printf("page arrival: the GUI thread's longest work for a page of older messages %.2f ms\n", longestPage);
    }
};

std::optional<Scroll> scrollToFirst(QListView *view, MessageListModel *messages)
{
    Scroll result;
    QScrollBar *bar = view->verticalScrollBar();
    QElapsedTimer frame;
    QElapsedTimer total;
    total.start();
    QElapsedTimer pageTimer;
    const QMetaObject::Connection before =
        QObject::connect(messages, &MessageListModel::windowAboutToMove, [&] { pageTimer.start(); });
    const QMetaObject::Connection after = QObject::connect(messages, &MessageListModel::windowMoved, [&] {
        result.longestPage = std::max(result.longestPage, pageTimer.nsecsElapsed() / 1e6);
    });
    const auto disconnect = qScopeGuard([&] {
        QObject::disconnect(before);
        QObject::disconnect(after);
    });
    while (true) {
        frame.start();
        bar->setValue(bar->value() - view->viewport()->height());
        QCoreApplication::processEvents();
        view->viewport()->repaint();
        const double ms = frame.nsecsElapsed() / 1e6;
        result.frames.append(ms);
        result.longest = std::max(result.longest, ms);
        const quint64 first =
            messages->index(0).data(MessageListModel::MessageRole).value<ChatMessage>().conversationSeq;
        if (bar->value() == bar->minimum()) {
            if (messages->reachedStart() && first == 1)
                break;
            QSignalSpy loaded(messages, &MessageListModel::olderLoaded);
            messages->loadOlder();
            if (!loaded.wait(kWaitMs) && !messages->reachedStart())
                return std::nullopt;
        }
    }
    std::sort(result.frames.begin(), result.frames.end());
    result.seconds = total.elapsed() / 1000.0;
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the desktop client with a big local cache."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption cacheOption(u"cache"_s, u"Keep (and reuse) the generated cache here."_s, u"dir"_s);
    const QCommandLineOption picturesOption(
        u"pictures"_s, u"One chat of 10,000 messages with 2,000 downloaded pictures, instead of the big cache."_s);
    parser.addOptions({cacheOption, picturesOption});
    parser.process(app);
    Theme::applyStyleSheet();
    const bool pictures = parser.isSet(picturesOption);
    const int conversations = pictures ? 1 : kConversations;
    const qint64 chatMessages = pictures ? kPictureChat : kBigConversation;

    QTemporaryDir temporary;
    const QString dataDir = QDir(parser.isSet(cacheOption) ? parser.value(cacheOption) : temporary.path())
                                .filePath(pictures ? u"pictures"_s : u"messages"_s);
    const QString cache = QDir(dataDir).filePath(u"accounts/%1/cache.sqlite"_s.arg(kMe));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dataDir);
    if (!QFile::exists(cache)) {
        QDir().mkpath(QFileInfo(cache).absolutePath());
        QElapsedTimer filling;
        filling.start();
        if (!(pictures ? fillPictureCache(cache, QDir(dataDir).filePath(u"media"_s)) : fillCache(cache))) {
            std::fprintf(stderr, "could not fill the cache\n");
            return 1;
        }
        std::printf("cache: %d conversations, %lld messages written in %.1f s (%.0f MB)\n", conversations,
                    qlonglong(pictures ? kPictureChat : kMessages), filling.elapsed() / 1000.0,
                    QFileInfo(cache).size() / 1048576.0);
    }
    {
        QSettings account(QDir(dataDir).filePath(u"parley.ini"_s), QSettings::IniFormat);
        account.setValue(u"account/userId"_s, kMe);
    }

    // Cold start: the client opens the cache; the window shows the list.
    const double rssBefore = selfResidentMb();
    QElapsedTimer clock;
    clock.start();
    ClientOptions options;
    options.port = 1; // nothing listens: the client retries in the background, as when the server is away
    options.dataDir = dataDir;
    Client client(options, std::make_unique<PresetTokenStore>(u"token"_s));
    QSignalSpy resumed(&client, &Client::sessionResumed);
    client.resumeSession(); // as the app does: the remembered login, then the window
    if (resumed.isEmpty() && !resumed.wait(kWaitMs))
        return 2;
    MainWindow window(client);
    window.resize(1100, 760);
    window.show();
    QListView *list = window.chatsPage()->list();
    if (!QTest::qWaitFor([&] { return list->model()->rowCount() == conversations; }, kWaitMs))
        return 2;
    list->viewport()->repaint();
    const qint64 listMs = clock.elapsed();
    QTest::qWait(500);
    const double rssStart = selfResidentMb();
    std::printf("cold start: conversation list painted with %d conversations after %lld ms\n",
                list->model()->rowCount(), qlonglong(listMs));
    std::printf("memory after start: %.1f MB resident (%.1f MB before the client)\n", rssStart, rssBefore);

    // Opening the big conversation.
    ChatView *chat = window.chatsPage()->chatView();
    QListView *view = chat->messageView();
    auto *messages = qobject_cast<MessageListModel *>(view->model());
    clock.restart();
    window.chatsPage()->open(ConversationKey::withUser(peer(1)));
    if (!QTest::qWaitFor([&] { return messages->rowCount() > 0; }, kWaitMs))
        return 3;
    view->viewport()->repaint();
    std::printf("open: %d newest messages of %lld painted after %lld ms\n", messages->rowCount(),
                qlonglong(chatMessages), qlonglong(clock.elapsed()));
    QTest::qWait(1000); // the pictures in view decoded
    const double rssOpen = selfResidentMb();

    const std::optional<Scroll> scrolled = scrollToFirst(view, messages);
    if (!scrolled)
        return 4;
    scrolled->print(chatMessages, messages->rowCount());
    if (pictures) {
        QTest::qWait(1000); // decoding that was under way has finished
        std::printf("memory: %.1f MB resident with the newest pictures shown, %.1f MB after scrolling past all %lld "
                    "(%.2fx)\n",
                    rssOpen, selfResidentMb(), qlonglong(kPictureChat / kPictureEvery), selfResidentMb() / rssOpen);
        return 0;
    }
    // Local search over the million messages: from asking to the results on the GUI thread.
    for (const QString &term :
         {u"收到"_s, u"好的"_s, u"detail"_s, u"message 99998"_s, u"punctuation 12345"_s, u"香山"_s, u"zzz"_s}) {
        QElapsedTimer searching;
        searching.start();
        const Answer<QList<ChatMessage>> found = client.messages().search(term);
        if (!QTest::qWaitFor([&] { return found.isReady(); }, kWaitMs) || !found.result())
            return 5;
        std::printf("search \"%s\": %lld results in %.1f ms\n", qPrintable(term), qlonglong(found.result()->size()),
                    searching.nsecsElapsed() / 1e6);
    }
    std::printf("memory after scrolling the whole conversation: %.1f MB resident (%.2fx the start)\n", selfResidentMb(),
                selfResidentMb() / rssStart);
    return 0;
}
