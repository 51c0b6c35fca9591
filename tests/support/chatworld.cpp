#include "tests/support/chatworld.h"

#include "tests/support/awaitanswer.h"
#include "tests/support/parleydprocess.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace parley;
using namespace Qt::StringLiterals;

ChatWorld::ChatWorld(ParleydProcess &server, quint16 port, ConnectionTimings timings, int sendAttemptTimeoutMs)
    : m_server(server),
      m_port(port),
      m_timings(timings),
      m_sendAttemptTimeoutMs(sendAttemptTimeoutMs),
      m_dbConnection(u"chatworld-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128)))
{
}

ChatWorld::~ChatWorld()
{
    for (const auto &p : std::as_const(m_people)) {
        p->recorder.reset();
        p->client.reset();
    }
    if (QSqlDatabase::contains(m_dbConnection))
        QSqlDatabase::removeDatabase(m_dbConnection);
}

QList<ChatWorld::Person *> ChatWorld::people()
{
    QList<Person *> out;
    for (const auto &p : std::as_const(m_people))
        out.append(p.get());
    return out;
}

void ChatWorld::start(Person &person)
{
    ClientOptions options;
    options.port = person.port ? person.port : person.nodes.isEmpty() ? m_port : person.nodes.first()->tlsPort();
    options.pinnedFingerprint = (person.nodes.isEmpty() ? m_server : *person.nodes.first()).fingerprint();
    for (qsizetype i = 1; i < person.nodes.size(); ++i)
        options.moreServers.append(ServerAddress{options.host, person.nodes.at(i)->tlsPort()});
    options.dataDir = person.dir->path();
    options.timings = m_timings;
    options.sendAttemptTimeoutMs = m_sendAttemptTimeoutMs;
    options.callMedia = m_callMedia;
    options.mediaSessionFactory = m_mediaSessionFactory;
    person.recorder.reset();
    person.client.reset();
    person.client = std::make_unique<Client>(
        options, std::make_unique<MemoryTokenStore>(person.keychain, person.keychainKind == Keychain::Available));
    person.recorder = std::make_unique<ClientRecorder>(*person.client);
}

ChatWorld::Person &ChatWorld::add(const QString &phone, Keychain keychain, QList<ParleydProcess *> nodes)
{
    auto person = std::make_shared<Person>();
    person->phone = phone;
    person->keychainKind = keychain;
    person->nodes = std::move(nodes);
    start(*person);
    m_people.append(person);
    return *person;
}

bool ChatWorld::logIn(Person &person)
{
    if (!awaitAnswer(person.client->requestCode(person.phone), kWaitMs))
        return false;
    const QString code = (person.nodes.isEmpty() ? m_server : *person.nodes.first()).waitForCode(person.phone);
    QSignalSpy remembered(person.client.get(), &Client::loginRemembered); // the keychain has been written to
    if (!awaitAnswer(person.client->logIn(person.phone, code), kWaitMs))
        return false;
    if (remembered.isEmpty() && !remembered.wait(kWaitMs))
        return false;
    person.userId = person.client->userId();
    return true;
}

bool ChatWorld::logInAll()
{
    for (Person *p : people()) {
        if (!logIn(*p))
            return false;
    }
    return waitAllOnline();
}

bool ChatWorld::waitAllOnline(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            return std::all_of(m_people.cbegin(), m_people.cend(), [](const auto &p) {
                return !p->client || p->client->connectionState() == ConnectionState::Online;
            });
        },
        timeoutMs);
}

void ChatWorld::quit(Person &person)
{
    person.recorder.reset();
    person.client.reset();
    person.beingWritten = 0; // what was not stored yet was never written
}

bool ChatWorld::restart(Person &person)
{
    start(person);
    QSignalSpy resumed(person.client.get(), &Client::sessionResumed);
    person.client->resumeSession();
    return resumed.wait(kWaitMs);
}

void ChatWorld::send(Person &from, Person &to, const QString &text)
{
    // Written once the local echo is stored; its client uuid identifies it everywhere.
    ++from.beingWritten;
    from.client->messages()
        .sendText(ConversationKey::withUser(to.userId), text)
        .then(from.client.get(), [&from](const Result<ChatMessage> &stored) {
            --from.beingWritten;
            if (stored)
                from.written.insert(stored->clientUuid);
        });
}

void ChatWorld::sendRandom(QRandomGenerator &random, const QString &text)
{
    const int from = int(random.bounded(quint32(m_people.size())));
    int to = int(random.bounded(quint32(m_people.size() - 1)));
    if (to >= from)
        ++to;
    send(*m_people[from], *m_people[to], text);
}

QSqlDatabase ChatWorld::serverDb()
{
    if (!QSqlDatabase::contains(m_dbConnection))
        m_server.openDatabase(m_dbConnection);
    return QSqlDatabase::database(m_dbConnection);
}

QVariant ChatWorld::serverValue(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(serverDb());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning() << "query on the server's store failed:" << sql << q.lastError().text();
        return {};
    }
    return q.next() ? q.value(0) : QVariant();
}

QHash<QString, QList<std::pair<quint64, qint64>>> ChatWorld::serverHistoryOf(const QString &userId)
{
    QSqlQuery q(serverDb());
    q.prepare(u"SELECT CASE WHEN a.uid = ? THEN b.uid ELSE a.uid END, m.conversation_seq, m.uid "
              "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
              "JOIN users a ON a.id = c.user_a JOIN users b ON b.id = c.user_b "
              "WHERE a.uid = ? OR b.uid = ? ORDER BY m.conversation_id, m.conversation_seq"_s);
    q.addBindValue(userId);
    q.addBindValue(userId);
    q.addBindValue(userId);
    QHash<QString, QList<std::pair<quint64, qint64>>> history;
    if (q.exec()) {
        while (q.next())
            history[q.value(0).toString()].append({q.value(1).toULongLong(), q.value(2).toLongLong()});
    }
    return history;
}

QList<ChatMessage> ChatWorld::cachedHistory(Person &person, const ConversationKey &conversation)
{
    const Result<QList<ChatMessage>> latest =
        awaitAnswer(person.client->messages().fetchLatest(conversation, 1000000), kWaitMs);
    return latest ? latest.value() : QList<ChatMessage>();
}

std::optional<ConversationSummary> ChatWorld::summary(Person &person, const ConversationKey &conversation)
{
    const Result<QList<ConversationSummary>> all = awaitAnswer(person.client->messages().fetchConversations(), kWaitMs);
    if (!all)
        return std::nullopt;
    for (const ConversationSummary &s : all.value()) {
        if (s.key == conversation)
            return s;
    }
    return std::nullopt;
}

bool ChatWorld::waitConverged(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            const bool allWritten =
                std::all_of(m_people.cbegin(), m_people.cend(), [](const auto &p) { return p->beingWritten == 0; });
            if (!allWritten)
                return false;
            const Figures f = figures();
            return f.writtenButLost == 0 && f.conversationsOutOfOrder == 0;
        },
        timeoutMs);
}

QString ChatWorld::Figures::broken(int expectedMessages) const
{
    if (messagesOnServer == expectedMessages && acknowledgedButLost == 0 && writtenButLost == 0 &&
        duplicatesShown == 0 && duplicatesStored == 0 && conversationsOutOfOrder == 0)
        return {};
    return QStringLiteral("%1 of %2 messages on the server; acknowledged but lost %3, written but lost %4, "
                          "duplicates shown %5, duplicates stored %6, conversations out of order %7")
        .arg(messagesOnServer)
        .arg(expectedMessages)
        .arg(acknowledgedButLost)
        .arg(writtenButLost)
        .arg(duplicatesShown)
        .arg(duplicatesStored)
        .arg(conversationsOutOfOrder);
}

ChatWorld::Figures ChatWorld::figures()
{
    Figures f;
    QSet<QByteArray> onServer; // "sender/uuid-hex"
    QSqlQuery all(serverDb());
    const QString hex = m_server.usesPostgres() ? u"encode(m.client_uuid, 'hex')"_s : u"lower(hex(m.client_uuid))"_s;
    if (all.exec(u"SELECT u.uid, %1 FROM messages m JOIN users u ON u.id = m.sender_id"_s.arg(hex))) {
        while (all.next()) {
            onServer.insert(all.value(0).toString().toLatin1() + '/' + all.value(1).toString().toLatin1());
            ++f.messagesOnServer;
        }
    }
    const auto problem = [&f](const QString &what) {
        if (f.firstProblem.isEmpty())
            f.firstProblem = what;
    };
    for (const auto &p : std::as_const(m_people)) {
        for (const QByteArray &uuid : std::as_const(p->written)) {
            if (!onServer.contains(p->userId.toLatin1() + '/' + uuid.toHex())) {
                ++f.writtenButLost;
                problem(u"%1 wrote %2, not on the server"_s.arg(p->userId, QString::fromLatin1(uuid.toHex())));
            }
        }
        if (!p->client)
            continue; // a device that is off is judged when it is back
        for (auto it = p->recorder->latest.cbegin(); it != p->recorder->latest.cend(); ++it) {
            const ChatMessage &m = *it;
            if (m.outgoing && m.serverUid != 0 &&
                !onServer.contains(m.sender.toLatin1() + '/' + m.clientUuid.toHex())) {
                ++f.acknowledgedButLost;
                problem(u"acknowledged %1 is not on the server"_s.arg(QString::fromLatin1(m.clientUuid.toHex())));
            }
        }
        for (auto it = p->recorder->added.cbegin(); it != p->recorder->added.cend(); ++it) {
            if (*it > 1) {
                ++f.duplicatesShown;
                problem(u"%1 was shown %2 times to %3"_s.arg(it.key()).arg(*it).arg(p->userId));
            }
        }
        const auto server = serverHistoryOf(p->userId);
        for (auto it = server.cbegin(); it != server.cend(); ++it) {
            const QList<ChatMessage> cached = cachedHistory(*p, ConversationKey::withUser(it.key()));
            QSet<qint64> uids;
            QList<std::pair<quint64, qint64>> mine;
            for (const ChatMessage &m : cached) {
                if (m.serverUid != 0 && uids.contains(m.serverUid))
                    ++f.duplicatesStored;
                uids.insert(m.serverUid);
                mine.append({m.conversationSeq, m.serverUid});
            }
            if (mine != *it) {
                ++f.conversationsOutOfOrder;
                problem(
                    u"%1's cache of the conversation with %2 has %3 messages, the server %4"_s.arg(p->userId, it.key())
                        .arg(mine.size())
                        .arg(it->size()));
            }
        }
    }
    return f;
}
