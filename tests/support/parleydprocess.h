#pragma once

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QStringList>
#include <QTemporaryDir>

// A real parleyd process for a test: its own temporary data directory, free ports on 127.0.0.1, the
// development code sender. Its store is SQLite in the data directory, or, when the test runs in its PostgreSQL
// variant (PARLEY_TEST_POSTGRES_URL_FILE names the file in which the postgres fixture wrote its server's URL),
// a database of its own on that server (TestPostgres). Reads the ready line and the codes from the process's
// stdout; waits on the process's signals with timeouts, never sleeps.
class ParleydProcess : public QObject {
    Q_OBJECT

public:
    static constexpr int kStartTimeoutMs = 20000;
    static constexpr qsizetype kKeptLogBytes = 1 << 20;

    explicit ParleydProcess(QStringList extraArguments = {}, QObject *parent = nullptr);
    ~ParleydProcess() override;

    bool start();
    // SIGKILL, like a crash or a power cut; ports and data are kept for restart().
    void kill();
    // Starts again on the same ports and data; `moreArguments` are for this run only.
    bool restart(const QStringList &moreArguments = {});
    // SIGTERM and wait; returns the exit code (0 for a clean exit, also under the sanitizers).
    int stop();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }

    // The next code sent to `phone` that this function has not returned yet (the development sender's
    // output), waiting for it to appear. Empty on timeout. The caller requests the code first.
    QString waitForCode(const QString &phone, int timeoutMs = 10000);
    int codesSentTo(const QString &phone) const { return int(m_codes.value(phone).size()); }
    // What each code sent to `phone` was for, as the sender named it ("login", "delete-account"), oldest first.
    QStringList codePurposes(const QString &phone) const { return m_purposes.value(phone); }

    quint16 tlsPort() const { return m_tlsPort; }
    quint16 wsPort() const { return m_wsPort; }
    quint16 wssPort() const { return m_wssPort; }
    quint16 filesPort() const { return m_filesPort; }
    // The last kKeptLogBytes of what the server wrote to stderr (its log), across restarts.
    QByteArray log() const { return m_log; }
    quint16 opsPort() const { return m_opsPort; } // /metrics, /healthz: a new free port on every start
    QString fingerprint() const { return m_fingerprint; }
    QString dataDir() const { return m_dir.path(); }
    QString databasePath() const;
    bool usesPostgres() const { return !m_postgresUrl.isEmpty(); }
    // A connection of the test's own to the server's store (SQLite or PostgreSQL), added as `connectionName`
    // and opened; the caller removes it.
    QSqlDatabase openDatabase(const QString &connectionName) const;

private:
    bool launch(const QStringList &portArguments);
    void onOutput();
    bool waitFor(const std::function<bool()> &condition, int timeoutMs);

    QStringList m_extraArguments;
    QString m_postgresUrl; // this server's database when on PostgreSQL
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_log;
    bool m_ready = false;
    quint16 m_tlsPort = 0;
    quint16 m_wsPort = 0;
    quint16 m_wssPort = 0;
    quint16 m_filesPort = 0;
    quint16 m_opsPort = 0;
    QString m_fingerprint;
    QHash<QString, QStringList> m_codes;
    QHash<QString, QStringList> m_purposes;
    QHash<QString, int> m_taken;
};
