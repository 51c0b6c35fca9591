#include "protocol/frame.h"

#include <QtEndian>

namespace parley {

QByteArray Frame::encode() const
{
    Q_ASSERT(quint32(payload.size()) <= kMaxPayloadSize);
    QByteArray out(kFrameHeaderSize + payload.size(), Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(out.data());
    p[0] = kFrameMagic;
    p[1] = kProtocolVersion;
    p[2] = quint8(signal);
    qToBigEndian<quint32>(quint32(payload.size()), p + 3);
    p[7] = quint8(subSignal);
    qToBigEndian<quint16>(messageId, p + 8);
    if (!payload.isEmpty())
        memcpy(p + kFrameHeaderSize, payload.constData(), size_t(payload.size()));
    return out;
}

} // namespace parley
