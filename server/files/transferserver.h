#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <memory>

namespace parley::server {

class BlobStore;
class FileGrants;
class FileLedger;
class IClock;
class Metrics;
class StoreExecutor;
class TransferPacer;

// The files port: HTTPS beside the long connection, so a 2 GB upload never delays a chat message. Uploads
// follow tus 1.0 (creation with POST, the offset by HEAD, PATCH with Upload-Offset, the checksum and
// termination extensions); downloads are GET with Range. Bodies stream between the socket and the disk in
// fixed blocks — no request or file is ever held whole in memory — and a long PATCH is made durable by
// checkpoints (fsync, then the offset committed) that run while the next bytes are read, one after the other,
// the last one behind the answer (UploadCheckpoints), so a cut link loses nothing and a killed server at most
// 2 × kCheckpointBytes. Grants (FileGrants)
// authorize; the rules are FileLedger's, run on the storage thread. Built on Boost.Beast (Asio, OpenSSL) on
// threads of its own. Start and stop from the main thread.
class TransferServer {
public:
    static constexpr quint64 kCheckpointBytes = 8 << 20;
    static constexpr quint64 kMinCheckpointBytes = 2 << 20; // written before the next checkpoint starts
    static constexpr qint64 kBlockBytes = 256 << 10; // disk and socket I/O happen in blocks of this size
    static constexpr int kIdleTimeoutS = 60;          // a connection silent this long is closed
    static constexpr int kShutdownTimeoutS = 5;       // for our close_notify to leave
    static constexpr int kMaxHeaderBytes = 16 << 10;
    static constexpr quint64 kMaxDrainBytes = 64 << 20; // the rest of a refused PATCH read before answering

    struct Options {
        QHostAddress address;
        int port = 0; // 0: any free one
        int threads = 2;
        QByteArray certificatePem;
        QByteArray privateKeyPem;
        Metrics *metrics = nullptr; // transfers and bytes, for the operator
        TransferPacer *pacer = nullptr; // paces every body's bytes (none: unpaced)
        // Other nodes share the store (PostgreSQL): a PATCH is answered only once its offset is committed, so
        // that a HEAD through another node, which cannot wait for this node's checkpoints, tells that offset.
        // Alone, a PATCH's last checkpoint runs behind its answer and this node's next request waits for it.
        bool sharedStore = false;
    };

    TransferServer(Options options, StoreExecutor &store, const FileLedger &ledger, const FileGrants &grants,
                   const BlobStore &blobs, const IClock &clock);
    ~TransferServer();
    TransferServer(const TransferServer &) = delete;
    TransferServer &operator=(const TransferServer &) = delete;

    // Listens and starts the threads; the port it listens on.
    Result<int> start();
    // Closes the port and every transfer, and joins the threads. Uploads resume from their last checkpoint.
    void stop();
    // Presents this certificate to new connections from now on (SIGHUP); open ones keep theirs. Any thread.
    Result<Done> setCertificate(const QByteArray &certificatePem, const QByteArray &privateKeyPem);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace parley::server
