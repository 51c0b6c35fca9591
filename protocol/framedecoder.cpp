#include "protocol/framedecoder.h"

#include <QtEndian>

namespace parley {

void FrameDecoder::append(QByteArrayView bytes)
{
    if (m_error != Error::None)
        return;
    // Compact lazily: drop consumed bytes once they are at least half of the buffer.
    if (m_offset > 0 && m_offset * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

std::optional<Frame> FrameDecoder::next()
{
    if (m_error != Error::None)
        return std::nullopt;
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < kFrameHeaderSize)
        return std::nullopt;

    const auto *p = reinterpret_cast<const uchar *>(m_buffer.constData() + m_offset);
    if (p[0] != kFrameMagic) {
        m_error = Error::BadMagic;
        return std::nullopt;
    }
    if (p[1] != kProtocolVersion) {
        m_error = Error::UnsupportedVersion;
        m_rejectedSignal = p[2];
        m_rejectedMessageId = qFromBigEndian<quint16>(p + 8);
        return std::nullopt;
    }
    const std::optional<Signal> signal = signalFromByte(p[2]);
    if (!signal) {
        m_error = Error::UnknownSignal;
        return std::nullopt;
    }
    const quint32 length = qFromBigEndian<quint32>(p + 3);
    if (length > m_maxPayload) {
        m_error = Error::Oversized;
        return std::nullopt;
    }
    if (available < kFrameHeaderSize + qsizetype(length))
        return std::nullopt;

    Frame frame;
    frame.signal = *signal;
    frame.subSignal = SubSignal(p[7]);
    frame.messageId = qFromBigEndian<quint16>(p + 8);
    frame.payload = m_buffer.mid(m_offset + kFrameHeaderSize, length);
    m_offset += kFrameHeaderSize + length;
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return frame;
}

const char *frameDecoderErrorName(FrameDecoder::Error error)
{
    switch (error) {
    case FrameDecoder::Error::None: return "none";
    case FrameDecoder::Error::BadMagic: return "wrong magic byte";
    case FrameDecoder::Error::UnsupportedVersion: return "unsupported protocol version";
    case FrameDecoder::Error::UnknownSignal: return "unknown signal";
    case FrameDecoder::Error::Oversized: return "frame larger than the limit";
    }
    return "unknown";
}

} // namespace parley
