#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

// The parleyd a benchmark measures: one it starts itself (empty data directory, rate limits opened for
// load) or one already running (--server). Reads the ready line and the development sender's codes, and
// the server's memory from /proc. A started server can be killed and restarted on the same ports and data.
class BenchServer : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString parleyd; // start this server; empty: use the running one below
        QStringList extraArguments;
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;
        QString fingerprint;
        QString codesFile; // the running server's DATA_DIR/verification-codes.log
        qint64 pid = 0;
        QByteArray alsoCount; // processes of this name count as the server's CPU (its database: "postgres")
    };

    explicit BenchServer(Options options, QObject *parent = nullptr);
    ~BenchServer() override;

    void start();
    // More arguments for a server it starts (before start()).
    void addArguments(const QStringList &arguments) { m_options.extraArguments += arguments; }
    // SIGKILL, like a crash; restart() starts it again on the same ports and data directory.
    void kill();
    void restart();
    bool isOwned() const { return !m_options.parleyd.isEmpty(); }

    QString host() const { return m_options.host; }
    quint16 port() const { return m_options.port; }
    QString fingerprint() const { return m_options.fingerprint; }
    // A started server's data directory (its certificate is in tls/), empty for a running one.
    QString dataDir() const { return isOwned() ? m_dir.path() : QString(); }
    // A /proc/PID/status field in KB ("VmRSS:", "VmHWM:"), 0 if unknown.
    qint64 memoryKb(const char *field) const;
    // The server's CPU time so far, user and system, in microseconds, with that of the processes named in
    // Options::alsoCount; -1 if unknown.
    qint64 cpuUs() const;
    qint64 pid() const { return m_options.pid; }

Q_SIGNALS:
    void ready();
    void codeSent(const QString &phone, const QString &code);
    void failed(const QString &why);

private:
    void launch(const QStringList &portArguments);
    void onOutput();
    void pollCodesFile();

    Options m_options;
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
    QTimer m_codesPoll;
    qint64 m_codesFileOffset = 0;
    bool m_killing = false;
};
