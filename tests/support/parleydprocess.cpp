#include "tests/support/parleydprocess.h"

#include "tests/support/testpostgres.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <cstdio>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

ParleydProcess::ParleydProcess(QStringList extraArguments, QObject *parent)
    : QObject(parent), m_extraArguments(std::move(extraArguments))
{
    // Most tests are about delivery between users who never befriended each other; tests of the social
    // policy say --allow-stranger-messages 0 (parleyd's default) themselves.
    if (!m_extraArguments.contains(u"--allow-stranger-messages"_s))
        m_extraArguments << u"--allow-stranger-messages"_s << u"1"_s;
    // Test programs log in users with consecutive numbers, which is what the per-block limit of codes stops; the
    // tests of that limit give it themselves.
    if (!m_extraArguments.contains(u"--code-block-per-hour"_s))
        m_extraArguments << u"--code-block-per-hour"_s << u"0"_s;
    m_process.setProgram(QStringLiteral(PARLEYD_PATH));
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // If the test process dies (a timeout, a crash), the server goes with it instead of lingering.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ParleydProcess::onOutput);
    // The log goes on to the test's stderr, and the last of it is kept for the test to read.
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray bytes = m_process.readAllStandardError();
        fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        m_log += bytes;
        if (m_log.size() > kKeptLogBytes)
            m_log.remove(0, m_log.size() - kKeptLogBytes);
    });
}

ParleydProcess::~ParleydProcess()
{
    if (isRunning())
        kill();
}

QString ParleydProcess::databasePath() const
{
    return QDir(m_dir.path()).filePath(u"parleyd.sqlite"_s);
}

QSqlDatabase ParleydProcess::openDatabase(const QString &connectionName) const
{
    if (usesPostgres())
        return TestPostgres::connect(connectionName, m_postgresUrl);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(databasePath());
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    db.open();
    return db;
}

namespace {

// Listening ports come from below the kernel's range for outgoing connections (32768 and up by default): a
// port the kernel hands out itself may be taken by another test's connection while parleyd is killed, and
// restart() would find it in use.
constexpr int kFirstPort = 20000;
constexpr int kPortCount = 12000;
constexpr int kStartAttempts = 3; // another test may pick the same port between the check and the bind

quint16 unusedPort()
{
    for (;;) {
        const auto port = quint16(kFirstPort + QRandomGenerator::global()->bounded(kPortCount));
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, port))
            return port;
    }
}

} // namespace

bool ParleydProcess::start()
{
    if (m_postgresUrl.isEmpty() && !TestPostgres::serverUrl().isEmpty() &&
        !m_extraArguments.contains(u"--database"_s)) {
        m_postgresUrl = TestPostgres::createDatabase();
        if (m_postgresUrl.isEmpty())
            return false;
        m_extraArguments << u"--database"_s << m_postgresUrl;
    }
    if (const qsizetype given = m_extraArguments.indexOf(u"--database"_s);
        given >= 0 && given + 1 < m_extraArguments.size() && m_extraArguments[given + 1].startsWith(u"postgresql:"_s))
        m_postgresUrl = m_extraArguments[given + 1]; // a database the test shares between nodes
    for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
        m_tlsPort = unusedPort();
        m_wsPort = unusedPort();
        m_wssPort = unusedPort();
        m_filesPort = unusedPort();
        if (restart())
            return true;
        if (m_process.state() == QProcess::Running)
            return false; // it runs and never said it was ready: not a port
    }
    return false;
}

bool ParleydProcess::restart(const QStringList &moreArguments)
{
    return launch(moreArguments + QStringList{u"--tls-port"_s, QString::number(m_tlsPort), u"--ws-port"_s,
                                              QString::number(m_wsPort), u"--wss-port"_s, QString::number(m_wssPort),
                                              u"--files-port"_s, QString::number(m_filesPort), u"--ops-port"_s,
                                              u"0"_s});
}

bool ParleydProcess::launch(const QStringList &portArguments)
{
    m_ready = false;
    m_buffer.clear();
    m_process.setArguments(QStringList{u"--data-dir"_s, m_dir.path()} + portArguments + m_extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(kStartTimeoutMs))
        return false;
    return waitFor([this] { return m_ready || m_process.state() != QProcess::Running; }, kStartTimeoutMs) && m_ready;
}

void ParleydProcess::kill()
{
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(kStartTimeoutMs);
}

int ParleydProcess::stop()
{
    if (!isRunning())
        return m_process.exitCode();
    m_process.terminate();
    if (!m_process.waitForFinished(kStartTimeoutMs)) {
        kill();
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ParleydProcess::onOutput()
{
    m_buffer += m_process.readAllStandardOutput();
    static const QRegularExpression ready(
        u"^parleyd ready tls=[^ ]+:(\\d+) ws=[^ ]+:(\\d+) wss=[^ ]+:(\\d+) files=[^ ]+:(\\d+) "
        u"ops=[^ ]+:(\\d+) fingerprint=([0-9a-f]+)$"_s);
    static const QRegularExpression code(u"^dev-code (\\S+) (\\d{6}) (\\S+)$"_s);
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        if (const auto m = ready.match(line); m.hasMatch()) {
            m_tlsPort = quint16(m.captured(1).toUInt());
            m_wsPort = quint16(m.captured(2).toUInt());
            m_wssPort = quint16(m.captured(3).toUInt());
            m_filesPort = quint16(m.captured(4).toUInt());
            m_opsPort = quint16(m.captured(5).toUInt());
            m_fingerprint = m.captured(6);
            m_ready = true;
        } else if (const auto c = code.match(line); c.hasMatch()) {
            m_codes[c.captured(1)].append(c.captured(2));
            m_purposes[c.captured(1)].append(c.captured(3));
        }
    }
}

QString ParleydProcess::waitForCode(const QString &phone, int timeoutMs)
{
    int &taken = m_taken[phone];
    if (!waitFor([&] { return m_codes.value(phone).size() > taken; }, timeoutMs))
        return {};
    return m_codes.value(phone).at(taken++);
}

bool ParleydProcess::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor(condition, timeoutMs);
}
