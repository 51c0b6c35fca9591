#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;
class QTimer;

namespace parley::server {

// One connection to Redis (hiredis' asynchronous API, driven by this thread's Qt event loop through socket
// notifiers), connected again with backoff whenever it is lost. Ready once Redis has answered (AUTH when a
// password is given, then PING): a server that takes the connection and then refuses it (protected mode, too
// many clients) is not ready, and the backoff grows until a connection has lasted kStableMs. Commands sent
// while it is down fail at once; nothing is queued across a loss. Lives on one thread; every call on it.
class RedisLink final : public QObject {
    Q_OBJECT

public:
    // Where Redis is: redis://[:password@]host[:port] or unix:/path/to/redis.sock[?password=…].
    struct Address {
        QString host;
        quint16 port = 6379;
        QString unixPath;
        QString password;
    };
    static Result<Address> parse(const QString &url);
    static bool isUrl(const QString &url) { return bool(parse(url)); }

    // A command's answer: Redis's reply (an error reply too: isError), or nullptr when the link failed first.
    using Done = std::function<void(const redisReply *)>;
    static bool isError(const redisReply *reply);
    static QByteArray textOf(const redisReply *reply);

    static constexpr int kFirstRetryMs = 100; // after a loss, then doubled up to kMaxRetryMs
    static constexpr int kMaxRetryMs = 5000;
    static constexpr int kStableMs = 5000; // a connection that lasted this long starts the backoff over

    RedisLink(Address address, QString name, QObject *parent = nullptr);
    ~RedisLink() override;

    void open();
    // Sends what is written, waits for the answers, then closes; no reconnect. `closed` says when.
    void closeGracefully();
    // Connected, answered, and not being closed or freed (while hiredis answers the pending commands of a
    // connection it is freeing, nothing more may be sent on it).
    bool isReady() const;
    // Sends a command (binary-safe arguments). False if the link is down; `done` is then not called.
    bool command(const QList<QByteArray> &args, Done done = {});
    // For a subscriber link: every message published on a channel it subscribed to.
    void setMessageHandler(std::function<void(const QByteArray &channel, const QByteArray &payload)> handler)
    {
        m_onMessage = std::move(handler);
    }
    // For a subscriber link: Redis confirmed a subscription; messages on the channel reach it from now on.
    void setSubscribedHandler(std::function<void(const QByteArray &channel)> handler)
    {
        m_onSubscribed = std::move(handler);
    }

Q_SIGNALS:
    void ready(); // connected (again) and authenticated
    void lost();   // the connection failed or broke; open() runs again after the backoff
    void closed(); // after closeGracefully()

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onPushReply(redisAsyncContext *context, void *reply, void *privdata);
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    void handshake();
    void becameReady();
    void broke(const char *why);
    void dropNotifiers();
    QSocketNotifier *makeNotifier(int type, void (*handle)(redisAsyncContext *));
    bool sendArgv(const QList<QByteArray> &args, void (*fn)(redisAsyncContext *, void *, void *), void *privdata);

    Address m_address;
    QString m_name;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    QTimer *m_retry = nullptr;
    int m_retryMs = kFirstRetryMs;
    bool m_ready = false;
    bool m_closing = false;
    qint64 m_readyAtMs = 0;
    std::function<void(const QByteArray &, const QByteArray &)> m_onMessage;
    std::function<void(const QByteArray &)> m_onSubscribed;
};

} // namespace parley::server
