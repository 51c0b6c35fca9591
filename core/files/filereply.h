#pragma once

#include "protocol/error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

#include <memory>

namespace parley {

class TransferThread;

// One request to the files port as its caller sees it, on the caller's thread: the status and headers once
// they are in (metaDataChanged), the body as it arrives (readyRead, readAll), upload progress, and the end
// (finished), after which transportError() tells whether the exchange itself failed (no answer, a cut, TLS,
// a timeout, the sink file not writable). A download to a sink file reports how far the file is written
// (written) instead of its bytes. Deleting it, or abort(), stops the request; abort() finishes it at once
// (Cancelled).
class FileReply : public QObject {
    Q_OBJECT

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit FileReply(std::shared_ptr<TransferThread> thread, QObject *parent = nullptr);
    ~FileReply() override;

    int status() const { return m_status; } // 0 until an answer came
    // The header's value (names compare case-insensitively), or empty.
    QByteArray rawHeader(QByteArrayView name) const;
    QByteArray readAll();
    qint64 bytesAvailable() const { return m_unread.size(); }
    // A download to a sink file: the file is written up to here (-1 until a byte of the body was written).
    qint64 writtenTo() const { return m_writtenTo; }
    const Error &transportError() const { return m_error; }
    void abort();

Q_SIGNALS:
    void metaDataChanged();
    void readyRead();
    void written();
    void uploadProgress(qint64 sent, qint64 total);
    void finished();

private:
    friend class TransferThread;
    void setId(quint64 id) { m_id = id; }
    void onHeaders(int status, const Headers &headers);
    void onBody(const QByteArray &bytes);
    void onWritten(qint64 end);
    void onProgress(qint64 sent, qint64 total);
    void onFinished(const Error &error);

    std::shared_ptr<TransferThread> m_thread;
    quint64 m_id = 0;
    int m_status = 0;
    Headers m_headers;
    QByteArray m_unread;
    qint64 m_writtenTo = -1;
    Error m_error;
    bool m_finished = false;
};

} // namespace parley
