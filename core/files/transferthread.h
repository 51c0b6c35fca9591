#pragma once

#include "common/threadaffinity.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

class QThread;

namespace parley {

class FileReply;

// The files port's HTTPS requests, run by libcurl's multi interface on a thread of its own. Bodies move
// between the socket and the disk in large pieces (kBufferBytes), with no trip through an event loop per
// 16 KiB and no work on the engine thread; an upload's body is read from its file here. Connections are kept
// and reused. What happens to a request is posted to its FileReply, in order: the response's headers, the
// received bytes (in pieces of up to kPostBytes), progress (at most every kProgressIntervalMs), the end.
// Received bytes the reply has not read yet are held to kMaxUnreadBytes; beyond that the transfer pauses,
// so a slow reader slows the network instead of filling memory. A download with a sink file is written to it
// here, as curl does, and the reply hears how far the file is written (every kSinkReportBytes) instead of
// the bytes: decrypting and writing on one thread, nothing crossing threads per piece. A request is never
// sent twice by libcurl (an upload body cannot rewind): after a cut, the caller asks the server where to go
// on from. Thread-safe; libcurl and every request's callbacks are used on this thread only.
class TransferThread {
public:
    static constexpr long kBufferBytes = 512 << 10;
    static constexpr qint64 kPostBytes = 256 << 10;
    static constexpr qint64 kMaxUnreadBytes = 4 << 20;
    static constexpr qint64 kSinkReportBytes = 1 << 20;
    static constexpr int kProgressIntervalMs = 100;
    static constexpr int kConnectTimeoutMs = 15000;
    static constexpr int kIdlePollMs = 1000; // the loop wakes at least this often

    struct Request {
        QByteArray verb;
        QByteArray url;
        QList<QByteArray> headers; // "Name: value"
        QByteArray body;
        // Or a body read from this file as it goes out: bodyLength bytes from bodyOffset.
        QString bodyFile;
        qint64 bodyOffset = 0;
        qint64 bodyLength = 0;
        // A successful (2xx) response's body written to this file: from sinkOffset for a 206 (the range asked
        // for), from 0 for a 200 (the file is cut to nothing first). The caller makes the file; it is opened
        // before the request goes, and a file that is gone by then fails the request (StorageFailure).
        QString sinkFile;
        qint64 sinkOffset = 0;
        // The lower-case hex SHA-256 of the one certificate to accept; empty: the system's CAs and the host name.
        QString pin;
        int stallTimeoutMs = 30000; // no byte moved this long: the request fails
    };

    TransferThread();
    // Every transfer stops; their replies hear nothing more.
    ~TransferThread();
    TransferThread(const TransferThread &) = delete;
    TransferThread &operator=(const TransferThread &) = delete;

    // Starts `request`; `reply` (told its id) hears from it on its own thread until it calls cancel().
    void start(Request request, FileReply *reply);
    // Nothing more is posted to the request's reply, and it stops. From the reply's thread.
    void cancel(quint64 id);
    // The reply read `bytes` of what was posted to it: a paused transfer may go on.
    void consumed(quint64 id, qint64 bytes);

private:
    struct Transfer;
    struct Link {
        FileReply *reply = nullptr;
        qint64 unread = 0; // posted to the reply, not read yet
    };
    template <typename F>
    void post(quint64 id, F &&deliver);
    void postReceived(Transfer &transfer);
    qint64 unread(quint64 id);
    void run();
    void begin(std::unique_ptr<Transfer> transfer);
    void end(Transfer &transfer, int code);
    bool sink(Transfer &transfer, const char *data, qint64 length);
    void postWritten(Transfer &transfer);
    void drop(quint64 id);

    static size_t onHeader(char *data, size_t size, size_t count, void *transfer);
    static size_t onBody(char *data, size_t size, size_t count, void *transfer);
    static size_t onRead(char *buffer, size_t size, size_t count, void *transfer);
    static int onProgress(void *transfer, long long downTotal, long long downNow, long long upTotal, long long upNow);
    static int onSslContext(void *curl, void *sslContext, void *transfer);

    void *m_multi = nullptr;
    std::unique_ptr<QThread> m_thread;
    // Shared with the callers' threads:
    QMutex m_mutex;
    QHash<quint64, Link> m_links;
    std::vector<std::unique_ptr<Transfer>> m_starting;
    std::vector<quint64> m_cancelled;
    quint64 m_nextId = 1;
    bool m_stopping = false;
    // This thread's own (checked):
    ThreadAffinity m_affinity;
    QHash<quint64, Transfer *> m_running; // owned
};

} // namespace parley
