#include "tests/support/rawclient.h"

#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>

using namespace parley;
using namespace Qt::StringLiterals;

RawClient::RawClient(QString fingerprint, QObject *parent) : QObject(parent), m_fingerprint(std::move(fingerprint))
{
    connect(&m_socket, &QSslSocket::readyRead, this, &RawClient::onReadyRead);
}

bool RawClient::connectTo(quint16 port, QSsl::SslProtocol protocol)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::QueryPeer); // trust by the pinned fingerprint below
    config.setProtocol(protocol);
    m_socket.setSslConfiguration(config);
    m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!m_socket.waitForEncrypted(kWaitMs))
        return false;
    return QString::fromLatin1(m_socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex()) == m_fingerprint;
}

void RawClient::sendFrame(const Frame &frame)
{
    m_socket.write(frame.encode());
    m_socket.flush();
}

void RawClient::sendRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

namespace {
constexpr quint16 kHeartbeatId = 0xffff; // the messageId of keepAlive()'s PINGs
}

void RawClient::keepAlive(int intervalMs)
{
    if (!m_heartbeat) {
        m_heartbeat = new QTimer(this);
        connect(m_heartbeat, &QTimer::timeout, this, [this] {
            if (isConnected())
                sendFrame(Frame{Signal::Ping, SubSignal::None, kHeartbeatId, {}});
        });
    }
    m_heartbeat->start(intervalMs);
}

void RawClient::onReadyRead()
{
    m_decoder.append(m_socket.readAll());
    while (std::optional<Frame> frame = m_decoder.next()) {
        if (m_heartbeat && frame->signal == Signal::Pong && frame->messageId == kHeartbeatId)
            continue;
        if (frame->signal == Signal::Disconnect) {
            m_disconnect = fromBytes<v1::Disconnect>(frame->payload).value_or(v1::Disconnect());
        }
        m_frames.append(*frame);
    }
}

bool RawClient::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    // Woken by what arrives (or the link closing), not by polling: the time a frame takes is measurable.
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0 || m_socket.state() == QAbstractSocket::UnconnectedState)
            return false;
        QEventLoop loop;
        QTimer::singleShot(left, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QSslSocket::readyRead, &loop, &QEventLoop::quit); // after onReadyRead
        QObject::connect(&m_socket, &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

std::optional<Frame> RawClient::take(const std::function<bool(const Frame &)> &match, int timeoutMs)
{
    const auto find = [&] { return std::find_if(m_frames.begin(), m_frames.end(), match); };
    if (!waitUntil([&] { return find() != m_frames.end(); }, timeoutMs))
        return std::nullopt;
    const auto it = find();
    Frame frame = *it;
    m_frames.erase(it);
    return frame;
}

std::optional<Frame> RawClient::waitFor(Signal signal, int timeoutMs)
{
    return take([signal](const Frame &f) { return f.signal == signal; }, timeoutMs);
}

std::optional<Frame> RawClient::waitForPush(SubSignal subSignal, int timeoutMs)
{
    return take([subSignal](const Frame &f) { return f.signal == Signal::Push && f.subSignal == subSignal; },
                timeoutMs);
}

void RawClient::dropPushes(SubSignal subSignal)
{
    m_frames.removeIf([subSignal](const Frame &f) { return f.signal == Signal::Push && f.subSignal == subSignal; });
}

std::optional<v1::Result> RawClient::call(SubSignal subSignal, const google::protobuf::MessageLite &payload)
{
    return answer(publish(subSignal, payload));
}

quint16 RawClient::publish(SubSignal subSignal, const google::protobuf::MessageLite &payload)
{
    const quint16 id = m_nextId++;
    sendFrame(Frame{Signal::Publish, subSignal, id, toBytes(payload)});
    return id;
}

std::optional<v1::Result> RawClient::answer(quint16 messageId)
{
    const std::optional<Frame> ack =
        take([messageId](const Frame &f) { return f.signal == Signal::PubAck && f.messageId == messageId; }, kWaitMs);
    return ack ? fromBytes<v1::Result>(ack->payload) : std::nullopt;
}

std::optional<v1::ConnectAck> RawClient::connectSession(const QString &userId, const QString &token,
                                                        const QString &deviceId)
{
    v1::ConnectRequest request;
    request.set_user_id(userId.toStdString());
    request.set_token(token.toStdString());
    request.set_device_id(deviceId.toStdString());
    request.set_platform("test");
    sendFrame(Frame{Signal::Connect, SubSignal::None, m_nextId++, toBytes(request)});
    const std::optional<Frame> frame = waitFor(Signal::ConnectAck);
    if (!frame)
        return std::nullopt;
    return fromBytes<v1::ConnectAck>(frame->payload);
}

std::optional<v1::InboxItem> RawClient::waitForItem(const std::function<bool(const v1::InboxItem &)> &match,
                                                    int timeoutMs)
{
    std::optional<v1::InboxItem> found;
    const auto scan = [&] {
        if (found)
            return true; // waitUntil asks once more after it succeeded
        for (auto it = m_frames.begin(); it != m_frames.end(); ++it) {
            if (it->signal != Signal::Push || it->subSignal != SubSignal::MN)
                continue;
            const std::optional<v1::InboxItem> item = fromBytes<v1::InboxItem>(it->payload);
            if (item && match(*item)) {
                found = item;
                m_frames.erase(it);
                return true;
            }
        }
        return false;
    };
    if (!waitUntil(scan, timeoutMs))
        return std::nullopt;
    return found;
}

bool RawClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

std::unique_ptr<RawClient> connectRaw(const ParleydProcess &server, const TestLogin &login)
{
    auto client = std::make_unique<RawClient>(server.fingerprint());
    if (!client->connectTo(server.tlsPort()))
        return nullptr;
    const auto ack = client->connectSession(login.userId, login.token, login.deviceId);
    if (!ack || ack->code() != v1::CONNECTION_ACCEPTED)
        return nullptr;
    return client;
}

v1::ConnectCode connectCode(const ParleydProcess &server, const TestLogin &login)
{
    RawClient client(server.fingerprint());
    if (!client.connectTo(server.tlsPort()))
        return v1::ConnectCode(-1);
    const auto ack = client.connectSession(login.userId, login.token, login.deviceId);
    return ack ? ack->code() : v1::ConnectCode(-1);
}

TestLogin logInRaw(ParleydProcess &server, const QString &phone, const QString &deviceId, const QString &platform)
{
    RawClient link(server.fingerprint());
    if (!link.connectTo(server.tlsPort()))
        return {};
    v1::CodeRequest codeRequest;
    codeRequest.set_phone(phone.toStdString());
    const auto sent = link.call(SubSignal::RVC, codeRequest);
    if (!sent || sent->code() != v1::ERR_NONE)
        return {};
    v1::LoginRequest login;
    login.set_phone(phone.toStdString());
    login.set_code(server.waitForCode(phone).toStdString());
    login.set_device_id(deviceId.toStdString());
    login.set_platform(platform.toStdString());
    const auto loggedIn = link.call(SubSignal::LGN, login);
    if (!loggedIn || loggedIn->code() != v1::ERR_NONE)
        return {};
    return TestLogin{QString::fromStdString(loggedIn->login().user_id()),
                     QString::fromStdString(loggedIn->login().token()), deviceId};
}

RawUser rawUser(ParleydProcess &server, const QString &phone)
{
    RawUser u;
    u.login = logInRaw(server, phone, QStringLiteral("desk"));
    u.link = connectRaw(server, u.login);
    return u;
}
