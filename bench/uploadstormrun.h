#pragma once

#include "bench/benchrun.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <QThread>
#include <QTimer>

#include <memory>

class BenchServer;
class Crowd;
class UploadCrowd;

// Chat under upload load: C users chat (each sends a one-to-one text to a random other every --pace-ms, so the
// load is the same in every phase) while, in alternate phases, U other users each upload a file of F MiB at once
// (GQNUT on their link, then tus POST and 4 MiB PATCHes over HTTPS to the files port, each uploader on its own
// connection). Phases alternate quiet / uploading for --rounds rounds. Reports per phase the chat's send → push
// latency percentiles, the upload throughput, and parleyd's resident memory (before, peak); the verdict is the
// uploading phases' p99 as a ratio to the quiet phases' in the same run.
class UploadStormRun : public BenchRun {
    Q_OBJECT

public:
    static constexpr int kQuietPhaseMs = 15000;
    static constexpr int kUploadTimeoutMs = 600000;
    static constexpr int kMemorySampleMs = 100;

    struct Options {
        int chatters = 100;
        int uploaders = 100;
        int fileMiB = 10;
        int paceMs = 500;
        int rounds = 3;
        int textBytes = 40;
    };

    UploadStormRun(BenchServer &server, Options options, QObject *parent = nullptr);
    ~UploadStormRun() override;

    void start();

private:
    struct Phase {
        bool uploading = false;
        QList<qint64> latencyNs;
        qint64 startNs = 0;
        qint64 endNs = 0;
        qint64 rssBeforeKb = 0;
        qint64 rssPeakKb = 0;
        int uploadsDone = 0;
        int uploadErrors = 0;
    };
    struct File {
        QByteArray prefix; // makes each file's bytes (and SHA-256) its own
        QByteArray sha256;
    };

    void nextPhase();
    void endPhase();
    void chat();
    void uploadEnded(bool ok);
    void report();

    BenchServer &m_server;
    Options m_options;
    Crowd *m_crowd = nullptr;
    QByteArray m_content;       // the shared body of every file
    QList<QList<File>> m_files; // per round, per uploader: hashed before the run, not while it measures
    QThread m_uploadThread;
    UploadCrowd *m_uploadCrowd = nullptr; // lives on m_uploadThread
    QList<Phase> m_phases;
    QHash<QByteArray, qint64> m_sentAtNs;
    QElapsedTimer m_clock;
    QTimer m_pace;
    QTimer m_memory;
    QTimer m_quietEnd;
    int m_sent = 0;
    int m_uploadsRunning = 0;
    qint64 m_chatErrors = 0;
};
