#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>

class QAudioSource;
class QIODevice;

namespace parley {

// A voice message from the default microphone (Qt Multimedia) or a PCM stream: 16-bit mono PCM written to a WAV file as
// it comes (never all in memory), with the loudness of every slice kept for the waveform the bubble shows. Stops by
// itself at kMaxDurationMs. GUI thread.
class VoiceRecorder : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxDurationMs = 5 * 60 * 1000;
    static constexpr int kSliceMs = 100; // one waveform level per slice
    static constexpr int kSampleRate = 16000;

    explicit VoiceRecorder(QObject *parent = nullptr);
    ~VoiceRecorder() override;

    // Whether this computer has a microphone at all.
    static bool available();
    // Records from `pcm` (16 kHz mono 16-bit little-endian, what the microphone gives) instead of the
    // microphone: for recording from a file, e.g. in tests. Not owned; nullptr goes back to the microphone.
    void setPcmSource(QIODevice *pcm) { m_pcmSource = pcm; }
    // Whether start() can record: a microphone or a PCM source.
    bool canRecord() const { return m_pcmSource || available(); }
    bool isRecording() const { return m_input != nullptr; }
    // Starts writing to `path`; false (and nothing recorded) if the microphone or the file cannot be opened.
    bool start(const QString &path);
    // Ends the recording: recorded(...) follows if anything was.
    void finish();
    // Ends it and throws it away.
    void cancel();
    qint64 elapsedMs() const;

Q_SIGNALS:
    void recorded(const QString &path, int durationMs, const QByteArray &waveform);
    void levelChanged(int level); // 0-255, each slice while recording

private:
    void onData();
    void consume(); // writes what the source has, keeping the levels
    void stop();
    void writeHeader(quint32 dataBytes);

    QAudioSource *m_source = nullptr;
    QIODevice *m_input = nullptr; // the source's data while recording
    QIODevice *m_pcmSource = nullptr;
    QFile m_file;
    quint32 m_dataBytes = 0;
    QByteArray m_levels;
    int m_slicePeak = 0;
    qint64 m_sliceSamples = 0;
};

} // namespace parley
