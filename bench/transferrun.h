#pragma once

#include "bench/benchrun.h"
#include "parley.pb.h"
#include "protocol/signaltypes.h"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class BenchServer;
class Crowd;

namespace parley {
class Client;
}

// Transfer speed and memory: a 1 GiB file (--file-mib) sent from one real client to another through parleyd
// over loopback TLS (hash, upload in chunks, the server's check, the receiver's download and check), and the
// same bytes with curl against nginx serving HTTPS with the same certificate (PUT written to disk, GET to a
// file), in alternating rounds on the same machine. Reports each as MB/s and parley ÷ nginx, and the client
// process's and parleyd's resident memory before and at most during each transfer.
class TransferRun : public BenchRun {
    Q_OBJECT

public:
    struct Options {
        qint64 fileMiB = 1024;
        int rounds = 3;
        QString nginx = QStringLiteral("/usr/sbin/nginx");
        QString curl = QStringLiteral("/usr/bin/curl");
    };

    TransferRun(BenchServer &server, Options options, QObject *parent = nullptr);
    ~TransferRun() override;

    void start();

private:
    struct Figures {
        double seconds = 0;
        double peakClientMb = 0;
        double peakServerMb = 0;
    };

    void run();
    bool startNginx();
    bool makeFile(int round);
    // Writes and deletes a file larger than the transfer's (see kWarmMarginMiB).
    void warmUp();
    // Runs `work` until `done`, sampling memory; nullopt-like seconds < 0 on timeout.
    Figures measure(const std::function<void()> &work, const std::function<bool()> &done);
    Figures parleyUpload(qint64 &localId, QString &receivedId);
    Figures parleyDownload(qint64 receiverLocalId);
    Figures curl(const QStringList &arguments);
    // The same file through curl straight to and from parleyd: how much of the gap is the server's.
    std::pair<Figures, Figures> curlAgainstParleyd();
    std::optional<parley::v1::Result> ask(parley::SubSignal subSignal, const google::protobuf::MessageLite &request);

    BenchServer &m_server;
    Options m_options;
    Crowd *m_crowd = nullptr;
    QTemporaryDir m_dir;
    std::unique_ptr<parley::Client> m_sender;
    std::unique_ptr<parley::Client> m_receiver;
    QProcess m_nginx;
    quint16 m_nginxPort = 0;
    QString m_file;
};
