// libFuzzer target: the files port (tus uploads, ranged downloads), in-process. Each input is what a client sends
// on one TLS connection to InProcessParleyd's files port, with "@up", "@id", "@down" and "@file" replaced by an
// upload grant of user a, that upload's id (under way), a download grant and a file stored already — so that the
// fuzzer gets past the grant checks. An input ends when the server closes the connection or goes quiet.
// Nothing may crash, and the port must go on answering: every kCheckEvery inputs the harness asks it something
// it must answer.

#include "server/server.h"
#include "tests/fuzz/inprocessparleyd.h"

#include <QCryptographicHash>
#include <QSslSocket>

#include <cstddef>
#include <cstdint>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr int kConnectTimeoutMs = 5000;
constexpr int kQuietMs = 200;          // silence after which an input that got no full answer is over
constexpr int kQuietAfterAnswerMs = 5; // silence after an answer's header (the connection may be kept alive)
constexpr int kCheckEvery = 100;       // inputs between two checks that the port answers (and a fresh upload)
constexpr int kCheckQuietMs = 10000;   // what the check waits for its answer: a loaded machine, sanitizers

InProcessParleyd *g_parleyd = nullptr;
QByteArray g_uploadGrant, g_uploadId, g_downloadGrant, g_fileId;

// Sends `bytes` on a new TLS connection and returns what came back until the server closed or went quiet
// (`quietMs` without a byte before an answer's header).
QByteArray exchange(const QByteArray &bytes, int quietMs = kQuietMs)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // parleyd's own self-signed certificate
    socket.connectToHostEncrypted(u"127.0.0.1"_s, quint16(g_parleyd->filesPort()));
    if (!socket.waitForEncrypted(kConnectTimeoutMs))
        __builtin_trap(); // the port no longer takes connections
    socket.write(bytes);
    QByteArray reply;
    while (socket.state() == QAbstractSocket::ConnectedState &&
           socket.waitForReadyRead(reply.contains("\r\n\r\n") ? kQuietAfterAnswerMs : quietMs))
        reply += socket.readAll();
    reply += socket.readAll();
    socket.abort();
    return reply;
}

QByteArray header(const QByteArray &reply, const QByteArray &name)
{
    for (const QByteArray &line : reply.split('\n'))
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    return {};
}

QByteArray uploadGrant(const QByteArray &content, const char *name)
{
    v1::UploadTokenRequest request;
    request.set_size(quint64(content.size()));
    const QByteArray sha256 = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    request.set_sha256(sha256.toStdString());
    request.set_mime_type("text/plain");
    request.set_file_name(name);
    const v1::Result result =
        g_parleyd->ask(g_parleyd->a(), SubSignal::GQNUT, QByteArray::fromStdString(request.SerializeAsString()));
    return QByteArray::fromStdString(result.upload_token().grant());
}

// POST /files for `content`; the new upload's id.
QByteArray create(const QByteArray &grant, const QByteArray &content)
{
    const QByteArray sha256 = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    const QByteArray reply =
        exchange("POST /files HTTP/1.1\r\nHost: fuzz\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer " + grant +
                     "\r\nUpload-Length: " + QByteArray::number(content.size()) + "\r\nUpload-Metadata: sha256 " +
                     sha256.toBase64() + ",filetype dGV4dC9wbGFpbg==\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                 kCheckQuietMs);
    const QByteArray location = header(reply, "Location");
    return location.mid(location.lastIndexOf('/') + 1);
}

// A fresh upload behind "@up" and "@id": inputs cancel it, or move its offset.
void newUploadUnderWay()
{
    const QByteArray underWay(4096, 'u');
    const QByteArray grant = uploadGrant(underWay, "under-way.txt");
    const QByteArray id = grant.isEmpty() ? QByteArray() : create(grant, underWay);
    if (!id.isEmpty()) { // (if an input sent all of it, GQNUT asks to prove owning it instead: the old one stays)
        g_uploadGrant = grant;
        g_uploadId = id;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    g_parleyd = new InProcessParleyd(*argc, *argv);

    const QByteArray stored(64, 'p');
    const QByteArray storedGrant = uploadGrant(stored, "stored.txt");
    const QByteArray storedId = create(storedGrant, stored);
    g_fileId =
        header(exchange("PATCH /files/uploads/" + storedId +
                            " HTTP/1.1\r\nHost: fuzz\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer " + storedGrant +
                            "\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                            "Content-Length: 64\r\nConnection: close\r\n\r\n" +
                            stored,
                        kCheckQuietMs),
               "Parley-File-Id");

    newUploadUnderWay();

    const v1::Result download = g_parleyd->ask(g_parleyd->a(), SubSignal::FDG, {});
    g_downloadGrant = QByteArray::fromStdString(download.download_grant().grant());
    if (g_fileId.isEmpty() || g_uploadId.isEmpty() || g_downloadGrant.isEmpty())
        __builtin_trap(); // the harness's own requests must work
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    bytes.replace("@up", g_uploadGrant)
        .replace("@id", g_uploadId)
        .replace("@down", g_downloadGrant)
        .replace("@file", g_fileId);
    exchange(bytes);

    static int inputs = 0;
    if (++inputs % kCheckEvery == 0) {
        const QByteArray options = "OPTIONS /files HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n";
        if (!exchange(options, kCheckQuietMs).startsWith("HTTP/1.1 2"))
            __builtin_trap(); // the port stopped answering
        newUploadUnderWay();
    }
    return 0;
}
