#include "bench/transferrun.h"

#include "bench/benchclient.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"
#include "bench/presettokenstore.h"
#include "bench/procstatus.h"
#include "core/client.h"
#include "core/files/filehash.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTransferTimeoutMs = 15 * 60 * 1000;
constexpr int kStartTimeoutMs = 60000;
constexpr int kSampleMs = 100; // memory is read this often during a transfer
constexpr qint64 kMiB = 1 << 20;
// Memory made ready for every timed transfer, beyond the file's size. This machine is a VM whose balloon takes
// free memory back (free page reporting), and a page touched for the first time after that costs a fault in the
// host: writing 1 GiB into the page cache took 2.0 s on such pages and 0.23 s on pages freed a moment before
// (dd, 2026-12-01). Each transfer writes its file into the page cache, and which one found pages freed a moment
// before depended on the order of the runs (up to 2× either way). So just before each timed transfer, Parley's
// or the reference's, a file this much larger than the transfer's is written and deleted: every transfer writes
// to pages the guest holds, as on a machine without a balloon.
constexpr qint64 kWarmMarginMiB = 256;

// Runs the event loop until `done` or the timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs, const std::function<void()> &each = {})
{
    QElapsedTimer clock;
    clock.start();
    QTimer tick; // wakes the wait at least this often; events in between end it at once
    tick.start(kSampleMs);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks until something happens
        if (each)
            each();
    }
    return true;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

TransferRun::TransferRun(BenchServer &server, Options options, QObject *parent)
    : BenchRun(parent), m_server(server), m_options(std::move(options))
{
}

TransferRun::~TransferRun()
{
    if (m_nginx.state() == QProcess::Running) {
        m_nginx.kill();
        m_nginx.waitForFinished();
    }
}

void TransferRun::start()
{
    connect(&m_server, &BenchServer::failed, this, &TransferRun::fail);
    connect(&m_server, &BenchServer::ready, this, [this] {
        m_crowd = new Crowd(m_server, 3, this); // sender, receiver, and a raw user for curl against parleyd
        connect(m_crowd, &Crowd::failed, this, &TransferRun::fail);
        connect(m_crowd, &Crowd::connected, this, &TransferRun::run, Qt::QueuedConnection);
        m_crowd->logIn();
    });
    m_server.start();
}

bool TransferRun::startNginx()
{
    const QString tls = QDir(m_server.dataDir()).filePath(u"tls"_s);
    QDir(m_dir.path()).mkpath(u"www/up"_s);
    QDir(m_dir.path()).mkpath(u"body"_s);
    m_nginxPort = freePort();
    // One worker, like the one files port; PUT goes through a temporary file to its place, as uploads do.
    const QString config =
        u"daemon off; master_process off; worker_processes 1; user root; pid %1/nginx.pid;\n"
        "error_log %1/error.log;\n"
        "events { worker_connections 64; }\n"
        "http { access_log off; sendfile on; client_max_body_size 0; client_body_temp_path %1/body;\n"
        "  server { listen 127.0.0.1:%2 ssl; ssl_certificate %3/cert.pem; ssl_certificate_key %3/key.pem;\n"
        "    root %1/www; location /up/ { dav_methods PUT; } } }\n"_s.arg(m_dir.path())
            .arg(m_nginxPort)
            .arg(tls);
    QFile file(m_dir.filePath(u"nginx.conf"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0)
        return false;
    file.close();
    m_nginx.setProgram(m_options.nginx);
    m_nginx.setArguments({u"-c"_s, file.fileName(), u"-p"_s, m_dir.path()});
    m_nginx.setProcessChannelMode(QProcess::ForwardedChannels);
    m_nginx.start();
    return waitUntil(
        [this] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_nginxPort);
            return socket.waitForConnected(kSampleMs);
        },
        kStartTimeoutMs);
}

bool TransferRun::makeFile(int round)
{
    m_file = m_dir.filePath(u"www/source.bin"_s);
    if (round == 0) {
        QFile out(m_file);
        if (!out.open(QIODevice::WriteOnly))
            return false;
        QByteArray piece(kMiB, Qt::Uninitialized);
        for (qint64 i = 0; i < m_options.fileMiB; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(piece.data()), piece.size() / 4);
            if (out.write(piece) != piece.size())
                return false;
        }
        return true;
    }
    // New content each round, so the server never has it already (no instant send), and one byte longer than
    // the last round's: a file of exactly the size of one parleyd stores is hashed before it is sent (GQNUT's
    // hash_first, so that it can be sent instantly), and every round after the first would measure that.
    QFile out(m_file);
    if (!out.open(QIODevice::ReadWrite) || !out.resize(m_options.fileMiB * kMiB + round))
        return false;
    const QByteArray mark = u"round %1"_s.arg(round).toUtf8();
    return out.write(mark) == mark.size();
}

void TransferRun::warmUp()
{
    QFile ballast(m_dir.filePath(u"warm-up.bin"_s));
    if (!ballast.open(QIODevice::WriteOnly))
        return;
    const QByteArray piece(kMiB, 'w');
    for (qint64 i = 0; i < m_options.fileMiB + kWarmMarginMiB; ++i)
        ballast.write(piece);
    ballast.close();
    ballast.remove();
}

TransferRun::Figures TransferRun::measure(const std::function<void()> &work, const std::function<bool()> &done)
{
    Figures f;
    QElapsedTimer sampled; // reading /proc costs: at most every kSampleMs, not at every event
    const auto sample = [&] {
        if (sampled.isValid() && sampled.elapsed() < kSampleMs)
            return;
        sampled.start();
        f.peakClientMb = std::max(f.peakClientMb, selfResidentMb());
        f.peakServerMb = std::max(f.peakServerMb, m_server.memoryKb("VmRSS:") / 1024.0);
    };
    warmUp();
    QElapsedTimer clock;
    clock.start();
    work();
    f.seconds = waitUntil(done, kTransferTimeoutMs, sample) ? clock.nsecsElapsed() / 1e9 : -1;
    return f;
}

TransferRun::Figures TransferRun::parleyUpload(qint64 &localId, QString &fileId)
{
    localId = 0;
    const QMetaObject::Connection added =
        connect(&m_receiver->messages(), &MessagesApi::messageAdded, this, [&](const ChatMessage &m) {
            if (m.isMedia()) {
                localId = m.localId;
                fileId = m.media.fileId;
            }
        });
    const ConversationKey to = ConversationKey::withUser(m_receiver->userId());
    const Figures f = measure([&] { m_sender->files().send(to, MediaDraft{m_file}); }, [&] { return localId != 0; });
    disconnect(added);
    return f;
}

TransferRun::Figures TransferRun::parleyDownload(qint64 receiverLocalId)
{
    std::optional<Answer<QString>> path;
    return measure([&] { path = m_receiver->files().download(receiverLocalId); },
                   [&] { return path && path->isReady(); });
}

std::optional<parley::v1::Result> TransferRun::ask(parley::SubSignal subSignal,
                                                   const google::protobuf::MessageLite &request)
{
    std::optional<v1::Result> answer;
    m_crowd->clients()[2]->request(subSignal, request, [&answer](const v1::Result &r) { answer = r; });
    if (!waitUntil([&] { return answer.has_value(); }, kStartTimeoutMs))
        return std::nullopt;
    return answer;
}

std::pair<TransferRun::Figures, TransferRun::Figures> TransferRun::curlAgainstParleyd()
{
    // Where Parley's time goes: the same file sent to parleyd and fetched from it by curl (one tus PATCH of the
    // whole file; one GET), without the Qt client. Its own first bytes: parleyd has the round's file already.
    {
        QFile out(m_file);
        if (!out.open(QIODevice::ReadWrite) || out.write("curl") != 4)
            return {Figures{-1}, Figures{-1}};
    }
    const Result<QByteArray> sha256 = sha256OfFile(m_file);
    const qint64 size = QFileInfo(m_file).size();
    v1::UploadTokenRequest token;
    token.set_size(quint64(size));
    token.set_sha256(sha256->constData(), size_t(sha256->size()));
    token.set_mime_type("application/octet-stream");
    token.set_file_name("curl.bin");
    const std::optional<v1::Result> grant = ask(SubSignal::GQNUT, token);
    if (!grant || grant->upload_token().grant().empty()) {
        std::fprintf(stderr, "no upload grant for curl\n");
        return {Figures{-1}, Figures{-1}};
    }
    const QString bearer = u"Authorization: Bearer "_s + QString::fromStdString(grant->upload_token().grant());
    const QString base = u"https://127.0.0.1:%1"_s.arg(grant->upload_token().port());
    QProcess create;
    create.start(m_options.curl,
                 {u"-sS"_s, u"-k"_s, u"-D"_s, u"-"_s, u"-o"_s, u"/dev/null"_s, u"-X"_s, u"POST"_s, u"-H"_s, bearer,
                  u"-H"_s, u"Tus-Resumable: 1.0.0"_s, u"-H"_s, u"Upload-Length: %1"_s.arg(size), u"-H"_s,
                  u"Upload-Metadata: filename Y3VybC5iaW4=,sha256 "_s + QString::fromLatin1(sha256->toBase64()),
                  base + u"/files"_s});
    create.waitForFinished();
    QString location;
    for (const QByteArray &line : create.readAllStandardOutput().split('\n')) {
        if (line.toLower().startsWith("location:"))
            location = QString::fromLatin1(line.mid(9).trimmed());
    }
    if (location.isEmpty()) {
        std::fprintf(stderr, "curl could not create the upload: %s\n", create.readAllStandardError().constData());
        return {Figures{-1}, Figures{-1}};
    }
    const Figures up = curl({u"-X"_s, u"PATCH"_s, u"-T"_s, m_file, u"-H"_s, bearer, u"-H"_s, u"Tus-Resumable: 1.0.0"_s,
                             u"-H"_s, u"Upload-Offset: 0"_s, u"-H"_s,
                             u"Content-Type: application/offset+octet-stream"_s, u"-D"_s,
                             m_dir.filePath(u"patch-headers.txt"_s), u"-o"_s, u"/dev/null"_s, base + location});
    QFile headers(m_dir.filePath(u"patch-headers.txt"_s));
    QString fileId;
    if (headers.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : headers.readAll().split('\n')) {
            if (line.toLower().startsWith("parley-file-id:"))
                fileId = QString::fromLatin1(line.mid(15).trimmed());
        }
    }
    const std::optional<v1::Result> download = ask(SubSignal::FDG, v1::DownloadGrantRequest());
    if (fileId.isEmpty() || !download) {
        std::fprintf(stderr, "curl's upload did not make a file\n");
        return {up, Figures{-1}};
    }
    const QString fetched = m_dir.filePath(u"curl-download.bin"_s);
    const Figures down =
        curl({u"-H"_s, u"Authorization: Bearer "_s + QString::fromStdString(download->download_grant().grant()),
              u"-o"_s, fetched, base + u"/files/"_s + fileId});
    QFile::remove(fetched);
    return {up, down};
}

TransferRun::Figures TransferRun::curl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    const Figures f = measure(
        [&] {
            process.start(m_options.curl, QStringList{u"-sS"_s, u"-k"_s} + arguments);
        },
        [&] { return process.state() == QProcess::NotRunning; });
    if (process.exitCode() != 0)
        std::fprintf(stderr, "curl failed: %d\n", process.exitCode());
    return f;
}

void TransferRun::run()
{
    if (!startNginx())
        return fail(u"nginx did not start (%1)"_s.arg(m_options.nginx));
    // The two people's devices: the real client core, logged in with the crowd's tokens.
    const auto device = [this](const BenchClient *who, const QString &name) {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        QSettings settings(QDir(dir).filePath(u"parley.ini"_s), QSettings::IniFormat);
        settings.setValue(u"device/id"_s, who->deviceId);
        settings.setValue(u"account/userId"_s, who->userId);
        settings.sync();
        ClientOptions options;
        options.host = m_server.host();
        options.port = m_server.port();
        options.pinnedFingerprint = m_server.fingerprint();
        options.dataDir = dir;
        options.platform = u"bench"_s;
        auto client = std::make_unique<Client>(options, std::make_unique<PresetTokenStore>(who->token));
        client->resumeSession();
        return client;
    };
    // The real clients take over the first two users' sessions, and the third's link may go idle: their links
    // closing is expected, not a failure of the run.
    for (BenchClient *raw : m_crowd->clients())
        raw->setExpectingClose(true);
    m_sender = device(m_crowd->clients()[0], u"sender"_s);
    m_receiver = device(m_crowd->clients()[1], u"receiver"_s);
    if (!waitUntil(
            [this] {
                return m_sender->connectionState() == ConnectionState::Online &&
                       m_receiver->connectionState() == ConnectionState::Online;
            },
            kStartTimeoutMs))
        return fail(u"the clients did not come online"_s);

    const double mb = double(m_options.fileMiB * kMiB) / 1e6;
    const QString nginxUrl = u"https://127.0.0.1:%1/"_s.arg(m_nginxPort);
    std::printf("transfer: %lld MiB file, %d rounds, parley and curl+nginx alternating; client and parleyd "
                "memory at start %.1f / %.1f MB\n",
                qlonglong(m_options.fileMiB), m_options.rounds, selfResidentMb(), m_server.memoryKb("VmRSS:") / 1024.0);
    QList<double> upRatios;
    QList<double> downRatios;
    for (int round = 0; round < m_options.rounds; ++round) {
        if (!makeFile(round))
            return fail(u"cannot write the file"_s);
        // Upload: nginx first in even rounds, parley first in odd ones.
        qint64 localId = 0;
        QString fileId;
        Figures parleyUp;
        Figures nginxUp;
        const QStringList put{u"-T"_s, m_file, nginxUrl + u"up/copy.bin"_s, u"-o"_s, u"/dev/null"_s};
        if (round % 2 == 0) {
            nginxUp = curl(put);
            parleyUp = parleyUpload(localId, fileId);
        } else {
            parleyUp = parleyUpload(localId, fileId);
            nginxUp = curl(put);
        }
        QFile::remove(m_dir.filePath(u"www/up/copy.bin"_s));
        if (parleyUp.seconds < 0 || nginxUp.seconds < 0)
            return fail(u"an upload did not finish"_s);
        // Download: the same alternation.
        const QString downloaded = m_dir.filePath(u"download.bin"_s);
        const QStringList get{u"-o"_s, downloaded, nginxUrl + u"source.bin"_s};
        Figures parleyDown;
        Figures nginxDown;
        if (round % 2 == 0) {
            nginxDown = curl(get);
            parleyDown = parleyDownload(localId);
        } else {
            parleyDown = parleyDownload(localId);
            nginxDown = curl(get);
        }
        QFile::remove(downloaded);
        if (parleyDown.seconds < 0 || nginxDown.seconds < 0)
            return fail(u"a download did not finish"_s);
        m_receiver->files().clearCache();
        const auto [curlUp, curlDown] = curlAgainstParleyd();
        if (curlUp.seconds > 0 && curlDown.seconds > 0)
            std::printf("round %d (where the time goes): curl -> parleyd PATCH %.0f MB/s, curl <- parleyd GET %.0f "
                        "MB/s\n",
                        round + 1, mb / curlUp.seconds, mb / curlDown.seconds);
        upRatios.append(nginxUp.seconds / parleyUp.seconds);
        downRatios.append(nginxDown.seconds / parleyDown.seconds);
        std::printf("round %d: upload parley %.0f MB/s (send to arrival: hash, upload, server check), curl+nginx "
                    "PUT %.0f MB/s → %.2fx; download parley %.0f MB/s (with the hash check), curl+nginx GET %.0f "
                    "MB/s → %.2fx; peak memory client %.1f / %.1f MB, parleyd %.1f / %.1f MB (up / down)\n",
                    round + 1, mb / parleyUp.seconds, mb / nginxUp.seconds, upRatios.last(), mb / parleyDown.seconds,
                    mb / nginxDown.seconds, downRatios.last(), parleyUp.peakClientMb, parleyDown.peakClientMb,
                    parleyUp.peakServerMb, parleyDown.peakServerMb);
        std::fflush(stdout);
    }
    std::sort(upRatios.begin(), upRatios.end());
    std::sort(downRatios.begin(), downRatios.end());
    std::printf("median parley ÷ curl+nginx: upload %.2fx, download %.2fx\n", upRatios.at(upRatios.size() / 2),
                downRatios.at(downRatios.size() / 2));
    m_done = true;
    Q_EMIT finished(0);
}
