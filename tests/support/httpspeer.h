#pragma once

#include <QByteArray>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class QSslSocket;

// A bare HTTPS peer for tests of parleyd's files port: the server's self-signed certificate pinned by
// fingerprint (like the client), one request at a time, every wait on the reply's signals with a timeout.
class HttpsPeer : public QObject {
    Q_OBJECT

public:
    static constexpr int kWaitMs = 30000;

    struct Response {
        int status = 0;                        // 0: no HTTP answer (the link failed or timed out)
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        QString error; // the network error, if the request failed below HTTP
        QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
        // The Parley-Error code of a failure, or -1.
        int errorCode() const;
    };

    HttpsPeer(QString fingerprint, quint16 port, QObject *parent = nullptr);

    // `verb` and `path` ("/files/…"); `headers` as given; `grant` sent as a bearer token when not empty.
    Response request(const QByteArray &verb, const QString &path, const QHash<QByteArray, QByteArray> &headers = {},
                     const QByteArray &body = {}, const QString &grant = {});

    // The type the next uploads declare (application/octet-stream unless set).
    void setMimeType(const QByteArray &type) { m_mimeType = type; }
    // tus creation (POST /files) for `content`; the upload's path, or empty on failure (see lastResponse()).
    QString create(const QString &grant, const QByteArray &content, const QByteArray &declaredSha256 = {});
    Response patch(const QString &grant, const QString &uploadPath, quint64 offset, const QByteArray &bytes,
                   const QByteArray &checksum = {});
    // create + PATCHes of `chunk` bytes: the file id, or empty (see lastResponse()).
    QString upload(const QString &grant, const QByteArray &content, qint64 chunk = 4 << 20);
    // The upload's offset by HEAD, or -1.
    qint64 offset(const QString &grant, const QString &uploadPath);
    Response get(const QString &grant, const QString &fileId, const QByteArray &range = {});
    // A PATCH that announces `announced` bytes and sends only `bytes`, left open (nullptr if it failed).
    std::unique_ptr<QSslSocket> startPatch(const QString &grant, const QString &uploadPath, quint64 offset,
                                           quint64 announced, const QByteArray &bytes);
    // A PATCH that announces `announced` bytes, sends only `bytes` and closes the link once they are written
    // (a cut, as far as the server can tell). True when everything was written before the close.
    bool cutPatch(const QString &grant, const QString &uploadPath, quint64 offset, quint64 announced,
                  const QByteArray &bytes);
    // A PATCH whose header asks for "100 Continue" before its body (as curl's does): the status of the first
    // answer (100, or a refusal; 0 if none came), and the link left open for the body in `socket`.
    int startPatchExpectingContinue(const QString &grant, const QString &uploadPath, quint64 offset, quint64 announced,
                                    std::unique_ptr<QSslSocket> &socket);
    // The status of the next answer on a raw link, its header read (0 if none came in time).
    static int readStatus(QSslSocket &socket);
    // Raw bytes to the port over TLS, then close: false if the link could not be made.
    bool sendRaw(const QByteArray &bytes);

    const Response &lastResponse() const { return m_last; }
    QUrl url(const QString &path) const;

private:
    QString m_fingerprint;
    quint16 m_port;
    QNetworkAccessManager m_network;
    Response m_last;
    QByteArray m_mimeType = "application/octet-stream";
};
