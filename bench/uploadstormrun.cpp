#include "bench/uploadstormrun.h"

#include "bench/benchclient.h"
#include "bench/benchmessages.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"
#include "bench/uploadcrowd.h"
#include "common/sha256.h"

#include <QRandomGenerator>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {
constexpr int kPrefixBytes = 64;
} // namespace

UploadStormRun::UploadStormRun(BenchServer &server, Options options, QObject *parent)
    : BenchRun(parent), m_server(server), m_options(options)
{
    m_clock.start();
    m_pace.setTimerType(Qt::PreciseTimer);
    m_pace.setInterval(std::max(1, m_options.paceMs / std::max(1, m_options.chatters)));
    connect(&m_pace, &QTimer::timeout, this, &UploadStormRun::chat);
    m_memory.setInterval(kMemorySampleMs);
    connect(&m_memory, &QTimer::timeout, this, [this] {
        if (!m_phases.isEmpty())
            m_phases.last().rssPeakKb = std::max(m_phases.last().rssPeakKb, m_server.memoryKb("VmRSS:"));
    });
    m_quietEnd.setSingleShot(true);
    m_quietEnd.setInterval(kQuietPhaseMs);
    connect(&m_quietEnd, &QTimer::timeout, this, &UploadStormRun::endPhase);
}

UploadStormRun::~UploadStormRun()
{
    m_uploadThread.quit();
    m_uploadThread.wait();
}

void UploadStormRun::start()
{
    // The shared body of every file, random so that nothing compresses or deduplicates.
    m_content.resize(qsizetype(m_options.fileMiB) * (1 << 20) - kPrefixBytes);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(m_content.data()), m_content.size() / 4);
    for (int round = 1; round <= m_options.rounds; ++round) {
        QList<File> files;
        for (int i = 0; i < m_options.uploaders; ++i) {
            File f;
            f.prefix = u"round %1 uploader %2 "_s.arg(round).arg(i).toLatin1().leftJustified(kPrefixBytes, '.');
            Sha256 hash;
            hash.add(f.prefix);
            hash.add(m_content);
            f.sha256 = hash.result();
            files.append(f);
        }
        m_files.append(files);
    }
    connect(&m_server, &BenchServer::failed, this, &UploadStormRun::fail);
    connect(&m_server, &BenchServer::ready, this, [this] {
        m_uploadCrowd = new UploadCrowd(m_server.host(), m_server.fingerprint(), m_content);
        m_uploadCrowd->moveToThread(&m_uploadThread);
        connect(&m_uploadThread, &QThread::finished, m_uploadCrowd, &QObject::deleteLater);
        connect(m_uploadCrowd, &UploadCrowd::ended, this, [this](int, bool ok) { uploadEnded(ok); });
        m_uploadThread.start();
        m_crowd = new Crowd(m_server, m_options.chatters + m_options.uploaders, this);
        connect(m_crowd, &Crowd::failed, this, &UploadStormRun::fail);
        connect(m_crowd, &Crowd::connected, this, [this] {
            for (int i = 0; i < m_options.chatters; ++i) {
                BenchClient *chatter = m_crowd->clients()[i];
                connect(chatter, &BenchClient::pushed, this, [this, chatter](const v1::InboxItem &item) {
                    if (chatter->sentIt(item))
                        return;
                    const auto it = m_sentAtNs.find(QByteArray::fromStdString(item.message().client_uuid()));
                    if (it == m_sentAtNs.end())
                        return;
                    if (!m_phases.isEmpty())
                        m_phases.last().latencyNs.append(m_clock.nsecsElapsed() - *it);
                    m_sentAtNs.erase(it);
                });
            }
            m_pace.start();
            m_memory.start();
            nextPhase();
        });
        m_crowd->logIn();
    });
    m_server.start();
}

void UploadStormRun::chat()
{
    if (m_options.chatters < 2)
        return;
    const int from = m_sent++ % m_options.chatters;
    int to = int(QRandomGenerator::global()->bounded(m_options.chatters - 1));
    if (to >= from)
        ++to;
    const QList<BenchClient *> &clients = m_crowd->clients();
    const v1::Message m = benchText(clients[to]->userId, m_options.textBytes);
    m_sentAtNs.insert(QByteArray::fromStdString(m.client_uuid()), m_clock.nsecsElapsed());
    clients[from]->request(SubSignal::MS, m, [this](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE)
            ++m_chatErrors;
    });
}

void UploadStormRun::nextPhase()
{
    if (m_phases.size() == 2 * m_options.rounds) {
        report();
        return;
    }
    Phase phase;
    phase.uploading = m_phases.size() % 2 == 1; // quiet first: the reference
    phase.startNs = m_clock.nsecsElapsed();
    phase.rssBeforeKb = m_server.memoryKb("VmRSS:");
    phase.rssPeakKb = phase.rssBeforeKb;
    m_phases.append(phase);
    if (!phase.uploading) {
        m_quietEnd.start();
        return;
    }
    // Each uploader asks for its grant on its link; once all have one, the uploads start at once.
    const QList<File> &files = m_files.at(m_phases.size() / 2 - 1); // (phases so far: quiet, uploading, …)
    m_uploadsRunning = m_options.uploaders;
    auto jobs = std::make_shared<QList<UploadCrowd::Job>>();
    auto waiting = std::make_shared<int>(m_options.uploaders);
    for (int i = 0; i < m_options.uploaders; ++i) {
        v1::UploadTokenRequest request;
        request.set_size(quint64(m_content.size() + kPrefixBytes));
        request.set_sha256(files[i].sha256.constData(), size_t(files[i].sha256.size()));
        request.set_mime_type("application/octet-stream");
        request.set_file_name("storm.bin");
        BenchClient *client = m_crowd->clients()[m_options.chatters + i];
        client->request(SubSignal::GQNUT, request, [this, i, file = files[i], jobs, waiting](const v1::Result &r) {
            if (r.code() != v1::ERR_NONE || r.upload_token().grant().empty())
                uploadEnded(false);
            else
                jobs->append(UploadCrowd::Job{i, QString::fromStdString(r.upload_token().grant()),
                                              quint16(r.upload_token().port()), file.prefix, file.sha256});
            if (--*waiting == 0)
                QMetaObject::invokeMethod(m_uploadCrowd, [crowd = m_uploadCrowd, all = *jobs] { crowd->upload(all); });
        });
    }
    QTimer::singleShot(kUploadTimeoutMs, this, [this, count = m_phases.size()] {
        if (m_phases.size() == count && !m_done)
            fail(u"the uploads did not finish in time"_s);
    });
}

void UploadStormRun::endPhase()
{
    m_phases.last().endNs = m_clock.nsecsElapsed();
    nextPhase();
}

void UploadStormRun::uploadEnded(bool ok)
{
    Phase &phase = m_phases.last();
    (ok ? phase.uploadsDone : phase.uploadErrors)++;
    if (--m_uploadsRunning == 0)
        endPhase();
}

void UploadStormRun::report()
{
    m_done = true;
    m_pace.stop();
    m_memory.stop();
    printf("parley-bench uploads: %d chatting (one text every %d ms each), %d uploading %d MiB each at once, "
           "%d rounds\n",
           m_options.chatters, m_options.paceMs, m_options.uploaders, m_options.fileMiB, m_options.rounds);
    QList<double> quietP99, busyP99;
    int errors = 0;
    for (Phase &p : m_phases) {
        std::sort(p.latencyNs.begin(), p.latencyNs.end());
        const double seconds = double(p.endNs - p.startNs) / 1e9;
        printf("  %-9s %5.1f s: chat p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms (%lld samples); server RSS %.1f -> "
               "peak %.1f MB",
               p.uploading ? "uploading" : "quiet", seconds, percentile(p.latencyNs, 0.5),
               percentile(p.latencyNs, 0.99), percentile(p.latencyNs, 1.0), qint64(p.latencyNs.size()),
               double(p.rssBeforeKb) / 1024, double(p.rssPeakKb) / 1024);
        if (p.uploading)
            printf("; %d uploads done (%d failed), %.0f MB/s in total", p.uploadsDone, p.uploadErrors,
                   double(p.uploadsDone) * m_options.fileMiB * 1.048576 / std::max(seconds, 1e-9));
        printf("\n");
        (p.uploading ? busyP99 : quietP99).append(percentile(p.latencyNs, 0.99));
        errors += p.uploadErrors;
    }
    std::sort(quietP99.begin(), quietP99.end());
    std::sort(busyP99.begin(), busyP99.end());
    const double quiet = quietP99.value(quietP99.size() / 2), busy = busyP99.value(busyP99.size() / 2);
    printf("  median p99: quiet %.1f ms, uploading %.1f ms = %.2fx (goal <= 2x); chat errors %lld\n", quiet, busy,
           busy / std::max(quiet, 1e-9), m_chatErrors);
    fflush(stdout);
    Q_EMIT finished(errors == 0 && m_chatErrors == 0 ? 0 : 1);
}
