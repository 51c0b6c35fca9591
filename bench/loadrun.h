#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class BenchClient;

// One load run: logs N clients in against parleyd, connects them, has each send M one-to-one messages
// to random others with a window of W unacknowledged messages, and reports throughput, send → push
// latency percentiles and the server's memory. See docs/BENCHMARKS.md.
class LoadRun : public QObject {
    Q_OBJECT

public:
    struct Options {
        int clients = 100;
        int messagesPerClient = 100;
        int window = 32;
        int loginConcurrency = 50;
        int textBytes = 40;
        QString parleyd;     // spawn this server (own data dir, limits opened for load)
        QStringList parleydArguments;
        QString host = QStringLiteral("127.0.0.1");  // or use a running server:
        quint16 port = 0;
        QString fingerprint;
        QString codesFile;   // its DATA_DIR/verification-codes.log
        qint64 serverPid = 0;
    };

    explicit LoadRun(Options options, QObject *parent = nullptr);
    ~LoadRun() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void startServer();
    void loginNext();
    void onCode(const QString &phone, const QString &code);
    void pollCodesFile();
    void connectedOne();
    void startSending();
    void sendNext(int client);
    void maybeDone();
    void report();
    void fail(const QString &why);
    qint64 serverMemoryKb(const char *field) const;

    Options m_options;
    QTemporaryDir m_serverDir;
    QProcess m_server;
    QByteArray m_serverOutput;
    QList<BenchClient *> m_clients;
    QHash<QString, int> m_clientByPhone;
    QHash<QString, QString> m_codes;
    qint64 m_codesFileOffset = 0;
    int m_nextLogin = 0;
    int m_loginsInFlight = 0;
    int m_connected = 0;
    QList<int> m_sent;       // per client
    QList<int> m_inFlight;   // per client
    qint64 m_acked = 0;
    qint64 m_pushed = 0;
    qint64 m_expected = 0;
    qint64 m_errors = 0;
    QHash<QByteArray, qint64> m_sentAtNs;
    QList<qint64> m_latencyNs;
    QElapsedTimer m_clock;
    qint64 m_loginStartNs = 0;
    qint64 m_loginEndNs = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_lastAckNs = 0;
    qint64 m_lastPushNs = 0;
    qint64 m_rssBeforeKb = 0;
    qint64 m_rssConnectedKb = 0;
    bool m_done = false;
};
