#include "ui/voicerecorder.h"

#include "protocol/limits.h"
#include "ui/logging.h"

#include <QAudioFormat>
#include <QAudioSource>
#include <QMediaDevices>
#include <QtEndian>

#include <cmath>

namespace parley {

namespace {

constexpr int kHeaderBytes = 44;
constexpr int kBytesPerSample = 2;

void put16(char *at, quint16 v)
{
    qToLittleEndian(v, at);
}

void put32(char *at, quint32 v)
{
    qToLittleEndian(v, at);
}

// Levels resampled to at most `count`, keeping each group's loudest.
QByteArray resampled(const QByteArray &levels, int count)
{
    if (levels.size() <= count)
        return levels;
    QByteArray out(count, 0);
    for (int i = 0; i < levels.size(); ++i) {
        const int j = int(qint64(i) * count / levels.size());
        out[j] = char(std::max(quint8(out[j]), quint8(levels[i])));
    }
    return out;
}

} // namespace

VoiceRecorder::VoiceRecorder(QObject *parent) : QObject(parent)
{
}

VoiceRecorder::~VoiceRecorder()
{
    cancel();
}

bool VoiceRecorder::available()
{
    return !QMediaDevices::defaultAudioInput().isNull();
}

bool VoiceRecorder::start(const QString &path)
{
    if (isRecording() || !canRecord())
        return false;
    QAudioFormat format;
    format.setSampleRate(kSampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    if (!m_pcmSource && !QMediaDevices::defaultAudioInput().isFormatSupported(format)) {
        qCWarning(lcUi) << "the microphone does not record 16 kHz mono";
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    writeHeader(0);
    m_dataBytes = 0;
    m_levels.clear();
    m_slicePeak = 0;
    m_sliceSamples = 0;
    if (m_pcmSource) {
        m_input = m_pcmSource;
    } else {
        m_source = new QAudioSource(QMediaDevices::defaultAudioInput(), format, this);
        m_input = m_source->start();
    }
    if (!m_input) {
        stop();
        m_file.remove();
        return false;
    }
    connect(m_input, &QIODevice::readyRead, this, &VoiceRecorder::onData);
    onData(); // what a source already holds
    return true;
}

qint64 VoiceRecorder::elapsedMs() const
{
    return qint64(m_dataBytes) / kBytesPerSample * 1000 / kSampleRate;
}

void VoiceRecorder::onData()
{
    consume();
    if (elapsedMs() >= kMaxDurationMs)
        finish();
}

void VoiceRecorder::consume()
{
    const QByteArray bytes = m_input->readAll();
    const qsizetype samples = bytes.size() / kBytesPerSample;
    m_file.write(bytes.constData(), samples * kBytesPerSample);
    m_dataBytes += quint32(samples * kBytesPerSample);
    const qint64 perSlice = qint64(kSampleRate) * kSliceMs / 1000;
    for (qsizetype i = 0; i < samples; ++i) {
        const int v = std::abs(int(qFromLittleEndian<qint16>(bytes.constData() + i * kBytesPerSample)));
        m_slicePeak = std::max(m_slicePeak, v);
        if (++m_sliceSamples == perSlice) {
            // Loudness on a log scale, so speech fills the bubble and silence stays low.
            const double db = 20 * std::log10(std::max(1, m_slicePeak) / 32768.0);
            const int level = std::clamp(int((db + 50) / 50 * 255), 0, 255);
            m_levels.append(char(level));
            Q_EMIT levelChanged(level);
            m_slicePeak = 0;
            m_sliceSamples = 0;
        }
    }
}

void VoiceRecorder::finish()
{
    if (!isRecording())
        return;
    consume();
    stop();
    writeHeader(m_dataBytes);
    m_file.close();
    const int durationMs = int(elapsedMs());
    if (durationMs <= 0) {
        m_file.remove();
        return;
    }
    Q_EMIT recorded(m_file.fileName(), durationMs, resampled(m_levels, limits::kMaxWaveformLevels));
}

void VoiceRecorder::cancel()
{
    if (!isRecording())
        return;
    stop();
    m_file.close();
    m_file.remove();
}

void VoiceRecorder::stop()
{
    if (m_input)
        disconnect(m_input, nullptr, this, nullptr);
    if (m_source) {
        m_source->stop();
        m_source->deleteLater();
    }
    m_source = nullptr;
    m_input = nullptr;
}

void VoiceRecorder::writeHeader(quint32 dataBytes)
{
    char h[kHeaderBytes];
    memcpy(h, "RIFF", 4);
    put32(h + 4, 36 + dataBytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);
    put16(h + 20, 1); // PCM
    put16(h + 22, 1); // mono
    put32(h + 24, kSampleRate);
    put32(h + 28, kSampleRate * kBytesPerSample);
    put16(h + 32, kBytesPerSample);
    put16(h + 34, 16);
    memcpy(h + 36, "data", 4);
    put32(h + 40, dataBytes);
    m_file.seek(0);
    m_file.write(h, kHeaderBytes);
    m_file.seek(kHeaderBytes + dataBytes);
}

} // namespace parley
