#pragma once

#include "parley.pb.h"
#include "protocol/framedecoder.h"
#include "protocol/result.h"

#include <QHash>
#include <QObject>
#include <QSslSocket>
#include <QTimer>

#include <functional>

// One simulated user for the load programs: a TLS link speaking the binary protocol directly, without
// the client engine (thousands of these share one thread). Replies are matched by messageId. Once
// connected it pings at the interval CONNECT_ACK names, as a real client does, so long runs are not ended by
// the server's idle timeout.
class BenchClient : public QObject {
    Q_OBJECT

public:
    using Reply = std::function<void(const parley::v1::Result &)>;

    explicit BenchClient(QString fingerprint, QObject *parent = nullptr);

    // Opens (or, after a close, reopens) the link; opened or failed follows.
    void open(const QString &host, quint16 port);
    void close()
    {
        m_heartbeat.stop();
        m_socket.abort();
    }
    void request(parley::SubSignal subSignal, const google::protobuf::MessageLite &payload, Reply reply);
    // CONNECT with userId, token and deviceId; done(accepted, inbox head).
    void connectSession(std::function<void(bool, quint64)> done);
    // While set, a lost link emits closed() instead of failed() (a server restart the run causes, or a link the
    // run reopens).
    void setExpectingClose(bool expecting) { m_expectingClose = expecting; }

    QString phone;
    QString deviceId;
    QString userId;
    QString token;

    // A message of this client's own, pushed back to it as to its user's other devices: not a delivery.
    bool sentIt(const parley::v1::InboxItem &item) const
    {
        return QString::fromStdString(item.message().from()) == userId;
    }

Q_SIGNALS:
    void opened();
    void closed(const QString &why);
    void failed(const QString &why);
    void pushed(const parley::v1::InboxItem &item);

private:
    void onReadyRead();
    void onError();
    quint16 nextId();

    QString m_fingerprint;
    QSslSocket m_socket;
    parley::FrameDecoder m_decoder;
    QHash<quint16, Reply> m_pending;
    QTimer m_heartbeat;
    std::function<void(bool, quint64)> m_connectDone;
    quint16 m_lastId = 0;
    bool m_expectingClose = false;
    QString m_disconnectReason; // the server's DISCONNECT, if one came before the close
};
