#include "server/cluster/redislink.h"

#include "server/logging.h"

#include <QDateTime>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <vector>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr int kKeepAliveS = 15; // a Redis host that vanished without a reset is noticed within about twice this

RedisLink *linkOf(const redisAsyncContext *context)
{
    return context ? static_cast<RedisLink *>(context->data) : nullptr;
}

// TCP keepalive probes, so that a Redis host that vanished is noticed (hiredis 0.14 does not export its own).
void keepAlive(int fd)
{
    const int on = 1;
    const int idle = kKeepAliveS;
    const int interval = kKeepAliveS / 3;
    const int probes = 3;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
    // And one that stops answering while commands are on the way (keepalive waits for a quiet line).
    const unsigned int unacknowledgedMs = kKeepAliveS * 1000;
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &unacknowledgedMs, sizeof unacknowledgedMs);
}

QByteArray bytesOf(const redisReply *reply)
{
    return reply && reply->str ? QByteArray(reply->str, qsizetype(reply->len)) : QByteArray();
}

} // namespace

Result<RedisLink::Address> RedisLink::parse(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    Address a;
    if (u.scheme() == "redis"_L1 && !u.host().isEmpty() && (u.path().isEmpty() || u.path() == "/"_L1)) {
        a.host = u.host();
        const int port = u.port(6379);
        if (port <= 0 || port > 65535)
            return Error(ErrorCode::MalformedRequest, u"not a port number in %1"_s.arg(url));
        a.port = quint16(port);
        a.password = u.password(QUrl::FullyDecoded);
        return a;
    }
    if (u.scheme() == "unix"_L1 && u.path().startsWith(u'/')) {
        a.unixPath = u.path();
        a.password = QUrlQuery(u).queryItemValue(u"password"_s, QUrl::FullyDecoded);
        return a;
    }
    return Error(ErrorCode::MalformedRequest,
                 u"expected redis://[:password@]host[:port] or unix:/path/to/redis.sock, got %1"_s.arg(url));
}

bool RedisLink::isError(const redisReply *reply)
{
    return reply && reply->type == REDIS_REPLY_ERROR;
}

QByteArray RedisLink::textOf(const redisReply *reply)
{
    return bytesOf(reply);
}

RedisLink::RedisLink(Address address, QString name, QObject *parent)
    : QObject(parent), m_address(std::move(address)), m_name(std::move(name)), m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &RedisLink::open);
}

RedisLink::~RedisLink()
{
    m_ready = false; // what the pending commands' answers try to send is refused
    if (m_context) {
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        context->data = nullptr; // no callback reaches this object from here on
        redisAsyncFree(context); // pending commands are answered with nullptr and freed
    }
    dropNotifiers();
}

void RedisLink::open()
{
    if (m_context || m_closing)
        return;
    const QByteArray where = m_address.unixPath.isEmpty() ? m_address.host.toUtf8() : m_address.unixPath.toUtf8();
    redisAsyncContext *context = m_address.unixPath.isEmpty()
                                     ? redisAsyncConnect(where.constData(), m_address.port)
                                     : redisAsyncConnectUnix(where.constData());
    if (!context || context->err) {
        qCWarning(lcServer).noquote() << "Redis" << m_name << "cannot connect:"
                                      << (context ? QString::fromUtf8(context->errstr) : u"out of memory"_s);
        if (context)
            redisAsyncFree(context);
        broke(nullptr);
        return;
    }
    m_context = context;
    context->data = this;
    context->ev.data = this;
    context->ev.addRead = &RedisLink::addRead;
    context->ev.delRead = &RedisLink::delRead;
    context->ev.addWrite = &RedisLink::addWrite;
    context->ev.delWrite = &RedisLink::delWrite;
    context->ev.cleanup = &RedisLink::cleanup;
    redisAsyncSetConnectCallback(context, &RedisLink::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisLink::onDisconnect);
    m_read = makeNotifier(QSocketNotifier::Read, &redisAsyncHandleRead);
    m_write = makeNotifier(QSocketNotifier::Write, &redisAsyncHandleWrite);
    addWrite(this); // connect() is in progress: writable once it completes
}

void RedisLink::onConnect(const redisAsyncContext *context, int status)
{
    RedisLink *self = linkOf(context);
    if (!self)
        return;
    if (status != REDIS_OK) {
        self->m_context = nullptr; // hiredis frees it after this callback
        qCWarning(lcServer).noquote() << "Redis" << self->m_name << "cannot connect:" << context->errstr;
        self->broke(nullptr);
        return;
    }
    if (self->m_address.unixPath.isEmpty())
        keepAlive(context->c.fd);
    self->handshake();
}

void RedisLink::handshake()
{
    const auto refused = [this](const char *step, const redisReply *r) {
        qCWarning(lcServer).noquote() << "Redis" << m_name << "refused" << step << QString::fromUtf8(bytesOf(r));
        if (m_context)
            redisAsyncDisconnect(m_context);
    };
    const auto ping = [this, refused] {
        sendArgv({"PING"}, &RedisLink::onReply, new Done([this, refused](const redisReply *r) {
                     if (isError(r))
                         refused("PING:", r);
                     else if (r)
                         becameReady();
                 }));
    };
    if (m_address.password.isEmpty()) {
        ping();
        return;
    }
    sendArgv({"AUTH", m_address.password.toUtf8()}, &RedisLink::onReply,
             new Done([refused, ping](const redisReply *r) {
                 if (isError(r))
                     refused("the password:", r);
                 else if (r)
                     ping();
             }));
}

void RedisLink::onDisconnect(const redisAsyncContext *context, int status)
{
    RedisLink *self = linkOf(context);
    if (!self)
        return;
    self->m_context = nullptr; // hiredis frees it after this callback
    if (self->m_closing) {
        self->m_ready = false;
        Q_EMIT self->closed();
        return;
    }
    self->broke(status == REDIS_OK ? "closed" : context->errstr);
}

void RedisLink::closeGracefully()
{
    m_closing = true;
    m_ready = false;
    m_retry->stop();
    if (m_context && (m_context->c.flags & REDIS_CONNECTED)) {
        redisAsyncDisconnect(m_context); // onDisconnect says closed once the answers are in
        return;
    }
    if (m_context) { // still connecting: hiredis would free it without a word (onDisconnect needs CONNECTED)
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        context->data = nullptr;
        redisAsyncFree(context);
    }
    Q_EMIT closed();
}

void RedisLink::becameReady()
{
    if (m_closing)
        return; // a PING answered after closeGracefully()
    m_ready = true;
    m_readyAtMs = QDateTime::currentMSecsSinceEpoch();
    qCInfo(lcServer).noquote() << "Redis" << m_name << "connected";
    Q_EMIT ready();
}

void RedisLink::broke(const char *why)
{
    const bool wasReady = m_ready;
    m_ready = false;
    if (wasReady && QDateTime::currentMSecsSinceEpoch() - m_readyAtMs >= kStableMs)
        m_retryMs = kFirstRetryMs;
    if (wasReady) {
        qCWarning(lcServer).noquote() << "Redis" << m_name << "lost:" << (why ? why : "") << "- connecting again";
        Q_EMIT lost();
    }
    m_retry->start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
}

bool RedisLink::isReady() const
{
    return m_ready && m_context && !(m_context->c.flags & (REDIS_DISCONNECTING | REDIS_FREEING));
}

bool RedisLink::command(const QList<QByteArray> &args, Done done)
{
    if (!isReady())
        return false;
    if (!done)
        return sendArgv(args, nullptr, nullptr);
    return sendArgv(args, &RedisLink::onReply, new Done(std::move(done)));
}

bool RedisLink::sendArgv(const QList<QByteArray> &args, void (*fn)(redisAsyncContext *, void *, void *),
                         void *privdata)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    // A subscription's replies (and every message on it) come to onPushReply, which needs no privdata.
    const bool subscription = !args.isEmpty() && (args.first() == "SUBSCRIBE" || args.first() == "UNSUBSCRIBE");
    Q_ASSERT(!subscription || !privdata); // their answers come to the message and subscribed handlers
    if (subscription)
        fn = &RedisLink::onPushReply;
    if (redisAsyncCommandArgv(m_context, fn, privdata, int(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
        delete static_cast<Done *>(privdata);
        return false;
    }
    return true;
}

void RedisLink::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    const std::unique_ptr<Done> done(static_cast<Done *>(privdata));
    if (done && *done)
        (*done)(static_cast<const redisReply *>(reply));
}

void RedisLink::onPushReply(redisAsyncContext *context, void *reply, void *)
{
    RedisLink *self = linkOf(context);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!self || !r || r->type != REDIS_REPLY_ARRAY || r->elements != 3)
        return;
    const QByteArray kind = bytesOf(r->element[0]);
    if (kind == "message" && self->m_onMessage)
        self->m_onMessage(bytesOf(r->element[1]), bytesOf(r->element[2]));
    else if (kind == "subscribe" && self->m_onSubscribed)
        self->m_onSubscribed(bytesOf(r->element[1]));
}

// hiredis asks for reading and writing to be watched or not, often (writing: after each command); the two
// notifiers of a connection are made once and switched.
QSocketNotifier *RedisLink::makeNotifier(int type, void (*handle)(redisAsyncContext *))
{
    auto *notifier = new QSocketNotifier(m_context->c.fd, QSocketNotifier::Type(type), this);
    notifier->setEnabled(false);
    connect(notifier, &QSocketNotifier::activated, this, [this, handle] {
        if (m_context)
            handle(m_context);
    });
    return notifier;
}

void RedisLink::addRead(void *data)
{
    if (QSocketNotifier *n = static_cast<RedisLink *>(data)->m_read)
        n->setEnabled(true);
}

void RedisLink::delRead(void *data)
{
    if (QSocketNotifier *n = static_cast<RedisLink *>(data)->m_read)
        n->setEnabled(false);
}

void RedisLink::addWrite(void *data)
{
    if (QSocketNotifier *n = static_cast<RedisLink *>(data)->m_write)
        n->setEnabled(true);
}

void RedisLink::delWrite(void *data)
{
    if (QSocketNotifier *n = static_cast<RedisLink *>(data)->m_write)
        n->setEnabled(false);
}

void RedisLink::cleanup(void *data)
{
    // hiredis is freeing the context (it calls this whenever it does): nothing here points to it any more.
    auto *self = static_cast<RedisLink *>(data);
    self->dropNotifiers();
    self->m_context = nullptr;
}

void RedisLink::dropNotifiers()
{
    for (QSocketNotifier **n : {&m_read, &m_write}) {
        if (!*n)
            continue;
        (*n)->setEnabled(false);
        (*n)->deleteLater(); // it may be the notifier whose signal is running
        *n = nullptr;
    }
}

} // namespace parley::server
