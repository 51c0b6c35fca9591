#pragma once

#include "parley.pb.h"
#include "protocol/framedecoder.h"
#include "protocol/result.h"

#include <QHash>
#include <QObject>
#include <QSslSocket>

#include <functional>

// One simulated user for the load program: a TLS link speaking the binary protocol directly, without
// the client engine (thousands of these share one thread). Replies are matched by messageId.
class BenchClient : public QObject {
    Q_OBJECT

public:
    using Reply = std::function<void(const parley::v1::Result &)>;

    BenchClient(QString fingerprint, QObject *parent = nullptr);

    void open(const QString &host, quint16 port);
    void request(parley::SubSignal subSignal, const google::protobuf::MessageLite &payload, Reply reply);
    void connectSession(const QString &userId, const QString &token, const QString &deviceId,
                        std::function<void(bool)> done);

    QString userId;
    QString token;
    QString phone;

Q_SIGNALS:
    void opened();
    void failed(const QString &why);
    void messagePushed(const parley::v1::InboxItem &item);

private:
    void onReadyRead();
    quint16 nextId();

    QString m_fingerprint;
    QSslSocket m_socket;
    parley::FrameDecoder m_decoder;
    QHash<quint16, Reply> m_pending;
    std::function<void(bool)> m_connectDone;
    quint16 m_lastId = 0;
};
