#pragma once

#include "protocol/frame.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace parley {

// Splits a byte stream into frames. Feed it what the socket read; take frames until next() is empty.
// A bad header (wrong magic, unsupported version, unknown signal, length over kMaxPayloadSize) is
// detected as soon as its 10 bytes arrive, before any payload is buffered: the decoder stops and
// error() says why; the owner closes the link. Not thread-safe; one decoder per link.
class FrameDecoder {
public:
    enum class Error { None, BadMagic, UnsupportedVersion, UnknownSignal, Oversized };

    explicit FrameDecoder(quint32 maxPayload = kMaxPayloadSize) : m_maxPayload(maxPayload) {}

    void append(QByteArrayView bytes);
    std::optional<Frame> next();

    Error error() const { return m_error; }
    bool hasError() const { return m_error != Error::None; }
    // The signal and messageId of the frame whose header failed with UnsupportedVersion (to answer a CONNECT).
    quint8 rejectedSignal() const { return m_rejectedSignal; }
    quint16 rejectedMessageId() const { return m_rejectedMessageId; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    QByteArray m_buffer;
    qsizetype m_offset = 0; // start of the unconsumed bytes in m_buffer
    quint32 m_maxPayload;
    Error m_error = Error::None;
    quint8 m_rejectedSignal = 0;
    quint16 m_rejectedMessageId = 0;
};

const char *frameDecoderErrorName(FrameDecoder::Error error);

} // namespace parley
