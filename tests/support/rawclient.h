#pragma once

#include "parley.pb.h"
#include "protocol/framedecoder.h"

#include <QList>
#include <QObject>
#include <QSslSocket>
#include <QTimer>

#include <memory>
#include <optional>

// A bare protocol peer for server tests: binary frames over TLS (the server's certificate pinned by
// fingerprint), no reconnects, no cleverness; every wait is on a socket signal with a timeout.
class RawClient : public QObject {
    Q_OBJECT

public:
    static constexpr int kWaitMs = 10000;

    explicit RawClient(QString fingerprint, QObject *parent = nullptr);

    bool connectTo(quint16 port, QSsl::SslProtocol protocol = QSsl::SecureProtocols);
    QSsl::SslProtocol sessionProtocol() const { return m_socket.sessionProtocol(); }
    void sendFrame(const parley::Frame &frame);
    void sendRaw(const QByteArray &bytes);
    // PUBLISH and wait for its PUB_ACK.
    std::optional<parley::v1::Result> call(parley::SubSignal subSignal, const google::protobuf::MessageLite &payload);
    // call() in two halves: PUBLISH (its message id returned), and wait for the PUB_ACK of that id.
    quint16 publish(parley::SubSignal subSignal, const google::protobuf::MessageLite &payload);
    std::optional<parley::v1::Result> answer(quint16 messageId);
    std::optional<parley::v1::ConnectAck> connectSession(const QString &userId, const QString &token,
                                                         const QString &deviceId);
    // The next frame of this signal (earlier frames of other signals are kept).
    std::optional<parley::Frame> waitFor(parley::Signal signal, int timeoutMs = kWaitMs);
    // The next push of this sub-signal (received or to come); earlier frames of others stay queued.
    std::optional<parley::Frame> waitForPush(parley::SubSignal subSignal, int timeoutMs = kWaitMs);
    // The first pushed inbox item (received or to come) that `match` accepts; earlier ones stay queued.
    std::optional<parley::v1::InboxItem> waitForItem(const std::function<bool(const parley::v1::InboxItem &)> &match,
                                                     int timeoutMs = kWaitMs);
    bool waitClosed(int timeoutMs = kWaitMs);
    // Forgets the pushes of `subSignal` received and not yet taken.
    void dropPushes(parley::SubSignal subSignal);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // PING every `intervalMs`, as an app does, for a link that lives through a long, slow test (the server
    // closes links silent for --idle-timeout); the PONGs are not kept.
    void keepAlive(int intervalMs);
    // The last DISCONNECT received, if any.
    std::optional<parley::v1::Disconnect> lastDisconnect() const { return m_disconnect; }

private:
    void onReadyRead();
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);
    // The first frame `match` accepts (received or to come), taken from those kept; the others stay.
    std::optional<parley::Frame> take(const std::function<bool(const parley::Frame &)> &match, int timeoutMs);

    QString m_fingerprint;
    QSslSocket m_socket;
    parley::FrameDecoder m_decoder;
    QList<parley::Frame> m_frames;
    std::optional<parley::v1::Disconnect> m_disconnect;
    quint16 m_nextId = 1;
    QTimer *m_heartbeat = nullptr;
};

// Logs a new or existing user in over a fresh link: requests a code, reads it from the server's output,
// and sends LGN. Returns {userId, token}, or empty strings on failure.
class ParleydProcess;
struct TestLogin {
    QString userId;
    QString token;
    QString deviceId;
};
// A raw client connected to `server` and accepted as `login`; nullptr if not.
std::unique_ptr<RawClient> connectRaw(const ParleydProcess &server, const TestLogin &login);
// The CONNECT_ACK code a fresh link gets for `login` (-1 if there was none).
parley::v1::ConnectCode connectCode(const ParleydProcess &server, const TestLogin &login);
TestLogin logInRaw(ParleydProcess &server, const QString &phone, const QString &deviceId,
                   const QString &platform = QStringLiteral("test"));

// A user logged in on one device ("desk") and online over a raw link.
struct RawUser {
    TestLogin login;
    std::unique_ptr<RawClient> link;
    QString id() const { return login.userId; }
};
RawUser rawUser(ParleydProcess &server, const QString &phone);
