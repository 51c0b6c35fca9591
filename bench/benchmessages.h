#pragma once

#include "parley.pb.h"

#include <QList>
#include <QString>
#include <QtEndian>

// What the load programs send and how they summarise timings.

// A text of `bytes` to `target`, with a client uuid unique per (sender index, n).
inline parley::v1::Message benchText(const QString &target, int sender, int n, int bytes)
{
    QByteArray uuid(16, '\0');
    qToBigEndian<quint32>(0xBE7C4001u, uuid.data());
    qToBigEndian<quint32>(quint32(sender), uuid.data() + 4);
    qToBigEndian<quint64>(quint64(n), uuid.data() + 8);
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
