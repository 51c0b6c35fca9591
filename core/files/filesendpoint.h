#pragma once

#include "protocol/error.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QString>

class QIODevice;
class QNetworkReply;

namespace parley {

// parleyd's files port as the client reaches it: HTTPS to the host of the long connection, on the port a
// grant names, with the same certificate pinning (a pinned fingerprint accepts exactly that certificate;
// without one the system's CAs decide), HTTP/1.1, and a transfer timeout. Errors come back as values: the
// server's Parley-Error code, or what failed on the way. Engine thread.
class FilesEndpoint : public QObject {
    Q_OBJECT

public:
    static constexpr int kTransferTimeoutMs = 30000; // no byte moved this long: the request fails

    using Headers = QList<QPair<QByteArray, QByteArray>>;

    FilesEndpoint(QString host, QString pinnedFingerprint, QObject *parent = nullptr);

    // `path` is "/files/…" on `port`. The reply belongs to the caller.
    QNetworkReply *send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                        const Headers &headers = {}, const QByteArray &body = {});
    // The same with a body read from `body` as it goes out (the reply's child or the caller's).
    QNetworkReply *send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                        const Headers &headers, QIODevice *body);
    QNetworkReply *get(quint16 port, const QString &path, const QString &grant, const Headers &headers = {});

    // What went wrong with a finished reply, or Error() if it succeeded (2xx).
    static Error errorOf(QNetworkReply *reply);
    static int status(QNetworkReply *reply);
    // A failure that time may fix (the network, a timeout, the server busy or failing): worth a retry.
    static bool isTransient(ErrorCode code);

private:
    QNetworkRequest request(quint16 port, const QString &path, const QString &grant, const Headers &headers) const;

    QString m_host;
    QString m_pin;
    QNetworkAccessManager m_network;
};

} // namespace parley
