#pragma once

#include "core/client.h"
#include "tests/support/clientrecorder.h"
#include "tests/support/memorytokenstore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <memory>

class ParleydProcess;

// Several real clients (each with its own engine thread, cache and "keychain") chatting through one
// server, and the truth to judge them by: the server's own database. For the delivery proofs.
class ChatWorld : public QObject {
    Q_OBJECT

public:
    static constexpr int kWaitMs = 60000;

    enum class Keychain { Available, Unavailable };

    // Reconnects in a tenth of a second, at most a second apart: a device is back soon after its server.
    static parley::ConnectionTimings quickTimings()
    {
        parley::ConnectionTimings t;
        t.backoffInitialMs = 100;
        t.backoffCapMs = 1000;
        return t;
    }

    struct Person {
        QString phone;
        QString userId;
        Keychain keychainKind = Keychain::Available;
        std::unique_ptr<QTemporaryDir> dir = std::make_unique<QTemporaryDir>();
        MemoryTokenStore::Shelf keychain = std::make_shared<QHash<QString, QString>>();
        std::unique_ptr<parley::Client> client;
        std::unique_ptr<ClientRecorder> recorder;
        QSet<QByteArray> written; // client uuids of everything this person wrote
        int beingWritten = 0;     // sent, but not stored in the outbox yet (its uuid comes with the answer)
        // The parleyd nodes this device knows, the first tried first (none: the world's server); one certificate.
        QList<ParleydProcess *> nodes;
        quint16 port = 0; // set, the port this device connects to instead (a proxy's), from its next start
    };

    // What a delivery proof reports.
    struct Figures {
        int messagesOnServer = 0;
        int acknowledgedButLost = 0;     // a sender saw Sent, the server has no such message
        int writtenButLost = 0;          // written, never stored by the server
        int duplicatesShown = 0;         // a message added to a client's view more than once
        int duplicatesStored = 0;        // the same message twice in a cache
        int conversationsOutOfOrder = 0; // a cache whose order or content differs from the server's
        QString firstProblem;

        // Empty when the proof holds — `expectedMessages` on the server, none lost, none twice, every
        // conversation in the server's order; otherwise what does not.
        QString broken(int expectedMessages) const;
    };

    // Clients connect to `port` (parleyd's, or a proxy's) and trust the server's certificate.
    ChatWorld(ParleydProcess &server, quint16 port, parley::ConnectionTimings timings, int sendAttemptTimeoutMs = 0);
    ~ChatWorld() override;

    // A person with the app started (not logged in yet), connected to the world's server, or to `nodes`: parleyd
    // nodes on the same database (a cluster), the first tried first, the others when one fails.
    Person &add(const QString &phone, Keychain keychain = Keychain::Available, QList<ParleydProcess *> nodes = {});
    // Logs each person in with a code from the server's development sender; false if one fails.
    bool logIn(Person &person);
    bool waitAllOnline(int timeoutMs = kWaitMs);
    // Logs everyone in, then waits until all are online.
    bool logInAll();
    // Quits a person's app (the device goes offline); restart() brings it back.
    void quit(Person &person);
    // Starts a person's app again: a new Client on the same data directory and keychain (start), and resuming
    // the remembered login (restart).
    void start(Person &person);
    bool restart(Person &person);

    QList<Person *> people();
    // How the clients started from now on make calls (test sources, loopback candidates: see CallMediaOptions).
    void setCallMedia(const parley::CallMediaOptions &media) { m_callMedia = media; }
    // Which peer connections they make (empty: GStreamer's).
    void setMediaSessionFactory(parley::MediaSession::Factory factory) { m_mediaSessionFactory = std::move(factory); }
    // Sends a text from `from` to `to` and remembers that it was written.
    void send(Person &from, Person &to, const QString &text);
    void sendRandom(QRandomGenerator &random, const QString &text);

    // Every message sent is written, every message written is on the server, and every running device's cache
    // holds exactly the server's messages of its user's conversations, in the server's order (polls until true
    // or the timeout).
    bool waitConverged(int timeoutMs = kWaitMs);
    Figures figures();

    // The first value of a query on the server's database (read-only), for waiting on the server's state.
    QVariant serverValue(const QString &sql, const QVariantList &values = {});
    // The server's messages per conversation as a person sees it: (peer user id → [(seq, uid)]).
    QHash<QString, QList<std::pair<quint64, qint64>>> serverHistoryOf(const QString &userId);
    QList<parley::ChatMessage> cachedHistory(Person &person, const parley::ConversationKey &conversation);
    // The conversation as the person's conversation list shows it (nullopt: not in the list).
    std::optional<parley::ConversationSummary> summary(Person &person, const parley::ConversationKey &conversation);

private:
    QSqlDatabase serverDb();

    ParleydProcess &m_server;
    quint16 m_port;
    parley::ConnectionTimings m_timings;
    int m_sendAttemptTimeoutMs;
    parley::CallMediaOptions m_callMedia;
    parley::MediaSession::Factory m_mediaSessionFactory;
    QList<std::shared_ptr<Person>> m_people;
    QString m_dbConnection;
};
