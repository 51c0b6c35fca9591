#include "server/ops/metrics.h"

#include "parley.pb.h"
#include "server/files/transferpacer.h"

#include <type_traits>

namespace parley::server {

namespace {

constexpr std::memory_order kRelaxed = std::memory_order_relaxed;
constexpr const char *kTransportNames[Metrics::kTransports] = {"tls", "ws", "wss"};
constexpr const char *kDirectionNames[2] = {"upload", "download"};

// One metric family: its HELP and TYPE lines, then samples added with sample().
class Family {
public:
    Family(QByteArray &out, const char *name, const char *type, const char *help) : m_out(out), m_name(name)
    {
        m_out += "# HELP " + m_name + ' ' + help + "\n# TYPE " + m_name + ' ' + type + '\n';
    }
    template <typename V>
    void sample(V value, const QByteArray &labels = {}, const char *suffix = "")
    {
        m_out += m_name + suffix;
        if (!labels.isEmpty())
            m_out += '{' + labels + '}';
        if constexpr (std::is_floating_point_v<V>)
            m_out += ' ' + QByteArray::number(value, 'g', 15) + '\n'; // a sum of seconds keeps its milliseconds
        else
            m_out += ' ' + QByteArray::number(value) + '\n';
    }

private:
    QByteArray &m_out;
    QByteArray m_name;
};

QByteArray label(const char *name, const QByteArray &value)
{
    // Label values here are names from fixed tables (transports, sub-signals, error codes): nothing to escape.
    return QByteArray(name) + "=\"" + value + '"';
}

} // namespace

void Metrics::linkOpened(Transport transport)
{
    m_links[index(transport)].fetch_add(1, kRelaxed);
    m_linksAccepted[index(transport)].fetch_add(1, kRelaxed);
}

void Metrics::linkClosed(Transport transport)
{
    m_links[index(transport)].fetch_sub(1, kRelaxed);
}

void Metrics::loginAnswered(bool accepted)
{
    (accepted ? m_loginsAccepted : m_loginsRefused).fetch_add(1, kRelaxed);
    if (accepted)
        m_sessions.fetch_add(1, kRelaxed);
}

void Metrics::sessionEnded()
{
    m_sessions.fetch_sub(1, kRelaxed);
}

void Metrics::requestAnswered(SubSignal subSignal, int errorCode)
{
    m_requests[quint8(subSignal)].fetch_add(1, kRelaxed);
    if (errorCode > 0 && errorCode < kErrorCodes)
        m_errors[errorCode].fetch_add(1, kRelaxed);
    else if (subSignal == SubSignal::MS && errorCode == 0)
        m_messagesAccepted.fetch_add(1, kRelaxed);
}

std::int64_t Metrics::storeBatchRunningMs() const
{
    const std::int64_t started = m_batchStartedUs.load(kRelaxed);
    return started == 0 ? 0 : std::max<std::int64_t>(1, (steadyNowUs() - started) / 1000);
}

void Metrics::storeBatchEnded(std::size_t jobs)
{
    const double seconds = double(steadyNowUs() - m_batchStartedUs.exchange(0, kRelaxed)) / 1e6;
    m_batches.fetch_add(1, kRelaxed);
    m_batchJobs.fetch_add(std::uint64_t(jobs), kRelaxed);
    m_batchSeconds.fetch_add(seconds, kRelaxed);
    for (size_t i = 0; i < kBatchBucketsS.size(); ++i) {
        if (seconds <= kBatchBucketsS[i]) {
            m_batchBuckets[i].fetch_add(1, kRelaxed);
            break;
        }
    }
}

void Metrics::transferStarted(Direction direction)
{
    m_transfers[index(direction)].fetch_add(1, kRelaxed);
}

void Metrics::transferEnded(Direction direction)
{
    m_transfers[index(direction)].fetch_sub(1, kRelaxed);
}

void Metrics::transferred(Direction direction, std::uint64_t bytes)
{
    m_transferBytes[index(direction)].fetch_add(bytes, kRelaxed);
}

QByteArray Metrics::exposition(const QByteArray &version) const
{
    QByteArray out;
    out.reserve(8192);
    Family(out, "parleyd_build_info", "gauge", "The running parleyd's version.").sample(1, label("version", version));

    Family links(out, "parleyd_connections", "gauge", "Open client links, logged in or not, by transport.");
    for (int t = 0; t < kTransports; ++t)
        links.sample(m_links[t].load(kRelaxed), label("transport", kTransportNames[t]));
    Family accepted(out, "parleyd_connections_accepted_total", "counter", "Client links accepted, by transport.");
    for (int t = 0; t < kTransports; ++t)
        accepted.sample(m_linksAccepted[t].load(kRelaxed), label("transport", kTransportNames[t]));
    Family(out, "parleyd_sessions", "gauge", "Logged-in links (CONNECT accepted).").sample(m_sessions.load(kRelaxed));
    Family logins(out, "parleyd_logins_total", "counter", "CONNECTs answered, by result.");
    logins.sample(m_loginsAccepted.load(kRelaxed), label("result", "accepted"));
    logins.sample(m_loginsRefused.load(kRelaxed), label("result", "refused"));

    Family requests(out, "parleyd_requests_total", "counter", "Requests answered, by sub-signal.");
    for (int s = 0; s < kSubSignals; ++s) {
        if (const std::uint64_t n = m_requests[s].load(kRelaxed); n > 0)
            requests.sample(n, label("request", subSignalName(SubSignal(s)).toString().toLatin1()));
    }
    Family errors(out, "parleyd_request_errors_total", "counter", "Requests answered with an error, by error code.");
    for (int code = 1; code < kErrorCodes; ++code) {
        const std::uint64_t n = m_errors[code].load(kRelaxed);
        if (n == 0)
            continue;
        const QByteArray name = v1::ErrorCode_IsValid(code)
                                    ? QByteArray::fromStdString(v1::ErrorCode_Name(v1::ErrorCode(code)))
                                    : QByteArray::number(code);
        errors.sample(n, label("code", name));
    }
    Family(out, "parleyd_messages_accepted_total", "counter",
           "Messages (MS) answered as stored; a resend of a stored one counts again.")
        .sample(m_messagesAccepted.load(kRelaxed));
    Family(out, "parleyd_pushes_total", "counter", "Frames pushed to logged-in links.").sample(m_pushes.load(kRelaxed));
    Family(out, "parleyd_write_backlog_bytes", "gauge",
           "Bytes written to client links and not yet taken by the network, as of each network thread's last "
           "sweep (every second).")
        .sample(m_writeBacklog.load(kRelaxed));

    Family(out, "parleyd_store_queue_depth", "gauge", "Storage jobs waiting for the storage thread.")
        .sample(m_storeQueue.load(kRelaxed));
    Family batch(out, "parleyd_store_batch_seconds", "histogram",
                 "Time of each storage batch (one transaction, its jobs and its commit).");
    std::uint64_t cumulative = 0;
    for (size_t i = 0; i < kBatchBucketsS.size(); ++i) {
        cumulative += m_batchBuckets[i].load(kRelaxed);
        batch.sample(cumulative, label("le", QByteArray::number(kBatchBucketsS[i])), "_bucket");
    }
    const std::uint64_t batches = m_batches.load(kRelaxed);
    batch.sample(std::max(batches, cumulative), label("le", "+Inf"), "_bucket");
    batch.sample(m_batchSeconds.load(kRelaxed), {}, "_sum");
    batch.sample(std::max(batches, cumulative), {}, "_count");
    Family(out, "parleyd_store_batches_failed_total", "counter",
           "Storage batches rolled back (their halves are then run apart, down to the failing job).")
        .sample(m_batchesFailed.load(kRelaxed));
    Family(out, "parleyd_store_jobs_total", "counter", "Storage jobs run in batches.")
        .sample(m_batchJobs.load(kRelaxed));

    Family transfers(out, "parleyd_transfers", "gauge", "File transfers in progress on the files port, by direction.");
    for (int d = 0; d < 2; ++d)
        transfers.sample(m_transfers[d].load(kRelaxed), label("direction", kDirectionNames[d]));
    Family bytes(out, "parleyd_transfer_bytes_total", "counter", "File bytes received and sent, by direction.");
    for (int d = 0; d < 2; ++d)
        bytes.sample(m_transferBytes[d].load(kRelaxed), label("direction", kDirectionNames[d]));
    Family(out, "parleyd_uploads_completed_total", "counter", "Uploads whose bytes were all received and verified.")
        .sample(m_uploadsCompleted.load(kRelaxed));
    const TransferPacer::State pace = m_pacer ? m_pacer->state(steadyNowUs()) : TransferPacer::State{};
    Family(out, "parleyd_transfer_pace_bytes_per_second", "gauge",
           "The files port's pace, all transfers together, while they yield to messages or are capped "
           "(0: unpaced).")
        .sample(pace.bytesPerSecond);
    Family(out, "parleyd_message_send_quiet_seconds", "gauge",
           "The quiet level of the time parleyd takes with a message sent (the lowest 100 ms window's slowest over "
           "the last minute), which transfers are paced to keep.")
        .sample(double(pace.quietSendUs) / 1e6);
    return out;
}

} // namespace parley::server
