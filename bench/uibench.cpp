// parley-uibench: the desktop client's speed and memory with a big local cache. Fills a cache with 1,000
// conversations and 1,000,000 messages (one conversation holds 100,000), then, in the real app (Client,
// MainWindow, widgets) and without a server (the client only retries in the background):
//   - cold start: from building the client to the conversation list painted with its 1,000 rows,
//   - opening the 100,000-message conversation: until its newest messages are painted,
//   - scrolling it from the newest to the first message a screen at a time: the time of each frame (the
//     scroll, the layout and a synchronous repaint) and the longest time the GUI thread was busy,
//   - resident memory after start and after the whole conversation has scrolled by,
//   - the local search of message texts for common, rare and absent terms, Chinese and Latin.
// Benchmarks are not tests: it prints figures (docs/BENCHMARKS.md records them). Needs a display or
// QT_QPA_PLATFORM=offscreen.

#include "bench/presettokenstore.h"
#include "core/client.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/messagelistmodel.h"
#include "core/storage/localdatabase.h"
#include "core/storage/searchterms.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
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

double rssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

QString peer(int i)
{
    return u"user%1"_s.arg(i, 6, 10, QChar(u'0'));
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
        "outgoing, state, content_type, text, content, timestamp_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, x'', ?)"_s);
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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the desktop client with a big local cache."_s);
    parser.addHelpOption();
    const QCommandLineOption cacheOption(u"cache"_s, u"Keep (and reuse) the generated cache here."_s, u"dir"_s);
    parser.addOption(cacheOption);
    parser.process(app);
    Theme::applyStyleSheet();

    QTemporaryDir temporary;
    const QString dataDir = parser.isSet(cacheOption) ? parser.value(cacheOption) : temporary.path();
    const QString cache = QDir(dataDir).filePath(u"accounts/%1/cache.sqlite"_s.arg(kMe));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dataDir);
    if (!QFile::exists(cache)) {
        QDir().mkpath(QFileInfo(cache).absolutePath());
        QElapsedTimer filling;
        filling.start();
        if (!fillCache(cache)) {
            std::fprintf(stderr, "could not fill the cache\n");
            return 1;
        }
        std::printf("cache: %d conversations, %lld messages written in %.1f s (%.0f MB)\n", kConversations,
                    qlonglong(kMessages), filling.elapsed() / 1000.0, QFileInfo(cache).size() / 1048576.0);
    }
    {
        QSettings account(QDir(dataDir).filePath(u"parley.ini"_s), QSettings::IniFormat);
        account.setValue(u"account/userId"_s, kMe);
    }

    // Cold start: the client opens the cache; the window shows the list.
    const double rssBefore = rssMb();
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
    if (!QTest::qWaitFor([&] { return list->model()->rowCount() == kConversations; }, kWaitMs))
        return 2;
    list->viewport()->repaint();
    const qint64 listMs = clock.elapsed();
    QTest::qWait(500);
    const double rssStart = rssMb();
    std::printf("cold start: conversation list painted with %d conversations after %lld ms\n",
                list->model()->rowCount(), qlonglong(listMs));
    std::printf("memory after start: %.1f MB resident (%.1f MB before the client)\n", rssStart, rssBefore);

    // Opening the 100,000-message conversation.
    ChatView *chat = window.chatsPage()->chatView();
    QListView *view = chat->messageView();
    auto *messages = qobject_cast<MessageListModel *>(view->model());
    clock.restart();
    window.chatsPage()->open(ConversationKey::withUser(peer(1)));
    if (!QTest::qWaitFor([&] { return messages->rowCount() > 0; }, kWaitMs))
        return 3;
    view->viewport()->repaint();
    std::printf("open: %d newest messages of %lld painted after %lld ms\n", messages->rowCount(),
                qlonglong(kBigConversation), qlonglong(clock.elapsed()));

    // Scrolling to the first message, a screen at a time.
    QList<double> frames;
    double longest = 0;
    QScrollBar *bar = view->verticalScrollBar();
    QElapsedTimer frame;
    QElapsedTimer total;
    total.start();
    quint64 oldestSeen = UINT64_MAX;
    // The GUI thread's work when a page arrives: rows in at the top, rows out at the bottom, view kept still.
    QElapsedTimer pageTimer;
    double longestPage = 0;
    QObject::connect(messages, &MessageListModel::windowAboutToMove, [&] { pageTimer.start(); });
    QObject::connect(messages, &MessageListModel::windowMoved,
                     [&] { longestPage = std::max(longestPage, pageTimer.nsecsElapsed() / 1e6); });
    while (true) {
        frame.start();
        bar->setValue(bar->value() - view->viewport()->height());
        QCoreApplication::processEvents();
        view->viewport()->repaint();
        const double ms = frame.nsecsElapsed() / 1e6;
        frames.append(ms);
        longest = std::max(longest, ms);
        const quint64 first =
            messages->index(0).data(MessageListModel::MessageRole).value<ChatMessage>().conversationSeq;
        oldestSeen = std::min(oldestSeen, first);
        if (bar->value() == bar->minimum()) {
            if (messages->reachedStart() && first == 1)
                break;
            // The next page comes from the cache on the engine thread.
            QSignalSpy loaded(messages, &MessageListModel::olderLoaded);
            messages->loadOlder();
            if (!loaded.wait(kWaitMs) && !messages->reachedStart())
                return 4;
        }
    }
    std::sort(frames.begin(), frames.end());
    const auto percentile = [&](double p) {
        return frames.at(std::min<qsizetype>(frames.size() - 1, qsizetype(p * frames.size())));
    };
    const qsizetype over = std::count_if(frames.cbegin(), frames.cend(), [](double f) { return f > kFrameBudgetMs; });
    const qsizetype stalls = std::count_if(frames.cbegin(), frames.cend(), [](double f) { return f > kStallMs; });
    std::printf("scroll: %lld frames over %lld messages in %.1f s; frame p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                "%lld over %.0f ms, %lld over %.0f ms; window holds %d rows\n",
                qlonglong(frames.size()), qlonglong(kBigConversation), total.elapsed() / 1000.0, percentile(0.5),
                percentile(0.99), longest, qlonglong(over), kFrameBudgetMs, qlonglong(stalls), kStallMs,
                messages->rowCount());
    std::printf("page arrival: the GUI thread's longest work for a page of older messages %.2f ms\n", longestPage);
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
    std::printf("memory after scrolling the whole conversation: %.1f MB resident (%.2fx the start)\n", rssMb(),
                rssMb() / rssStart);
    return 0;
}
