#pragma once

#include "common/securerandom.h"
#include "parley.pb.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>

// What the load programs send and how they summarise timings.

// A text of `bytes` to `target`, with an idempotency key made as the client makes it (time-ordered: parleyd
// indexes it per sender; random keys cost it 14-28 % of its throughput, docs/BENCHMARKS.md).
inline parley::v1::Message benchText(const QString &target, int bytes)
{
    const QByteArray uuid = parley::timeOrderedUuid(QDateTime::currentMSecsSinceEpoch());
    parley::v1::Message m;
    m.set_conversation_type(parley::v1::CONVERSATION_PRIVATE);
    m.set_target(target.toStdString());
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(parley::v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(std::string(size_t(bytes), 'x'));
    return m;
}

// The p-th percentile (0..1) of sorted nanosecond samples, in milliseconds.
inline double percentile(const QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype i = std::min(sorted.size() - 1, qsizetype(p * double(sorted.size() - 1) + 0.5));
    return double(sorted[i]) / 1e6;
}

// The lines of a load run that bench/compare-mosquitto.sh reads, the same for parleyd and the reference:
// acknowledged messages per second, latency percentiles (samples sorted), and the server's CPU time per message
// (left out if either reading is unknown).
inline void printLoadFigures(qint64 acked, double ackS, qint64 errors, const QList<qint64> &sortedLatencyNs,
                             qint64 cpuStartUs, qint64 cpuEndUs)
{
    printf("  sent: %lld messages acknowledged in %.2f s = %.0f msg/s (%lld errors)\n", acked, ackS,
           double(acked) / std::max(ackS, 1e-9), errors);
    printf("  send -> recipient push latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms (%lld samples)\n",
           percentile(sortedLatencyNs, 0.50), percentile(sortedLatencyNs, 0.99), percentile(sortedLatencyNs, 0.999),
           percentile(sortedLatencyNs, 1.0), qint64(sortedLatencyNs.size()));
    if (cpuStartUs >= 0 && cpuEndUs >= cpuStartUs)
        printf("  server CPU: %.2f s = %.1f us per message\n", double(cpuEndUs - cpuStartUs) / 1e6,
               double(cpuEndUs - cpuStartUs) / double(std::max<qint64>(1, acked)));
}
