#include "bench/benchserver.h"

#include "bench/procstatus.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

constexpr int kCodesPollMs = 50;
constexpr int kStopTimeoutMs = 20000;

} // namespace

BenchServer::BenchServer(Options options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Warnings and errors only, unless PARLEY_BENCH_SERVER_LOGGING gives other rules (e.g. "parley.*.info=true").
    environment.insert(u"QT_LOGGING_RULES"_s, environment.value(u"PARLEY_BENCH_SERVER_LOGGING"_s, u"*.info=false"_s));
    m_process.setProcessEnvironment(environment);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &BenchServer::onOutput);
    connect(&m_process, &QProcess::finished, this, [this] {
        if (!std::exchange(m_killing, false))
            Q_EMIT failed(u"parleyd exited"_s);
    });
    connect(&m_codesPoll, &QTimer::timeout, this, &BenchServer::pollCodesFile);
}

BenchServer::~BenchServer()
{
    if (m_process.state() == QProcess::Running) {
        m_killing = true;
        m_process.terminate();
        m_process.waitForFinished(kStopTimeoutMs);
    }
}

void BenchServer::start()
{
    if (isOwned()) {
        launch({u"--tls-port"_s, u"0"_s});
        return;
    }
    m_codesPoll.start(kCodesPollMs);
    QTimer::singleShot(0, this, &BenchServer::ready);
}

void BenchServer::launch(const QStringList &portArguments)
{
    m_output.clear();
    m_process.setProgram(m_options.parleyd);
    m_process.setArguments(QStringList{u"--data-dir"_s, m_dir.path(), u"--ws-port"_s, u"off"_s, u"--ops-port"_s,
                                       u"off"_s, u"--code-address-per-hour"_s, u"0"_s, u"--code-block-per-hour"_s,
                                       u"0"_s, u"--allow-stranger-messages"_s, u"1"_s, u"--send-rate"_s, u"0"_s,
                                       u"--max-connections-per-address"_s, u"1000000"_s} +
                           portArguments + m_options.extraArguments);
    m_process.start();
}

void BenchServer::kill()
{
    if (m_process.state() != QProcess::Running)
        return;
    m_killing = true;
    m_process.kill();
    m_process.waitForFinished(kStopTimeoutMs);
}

void BenchServer::restart()
{
    launch({u"--tls-port"_s, QString::number(m_options.port)});
}

void BenchServer::onOutput()
{
    m_output += m_process.readAllStandardOutput();
    static const QRegularExpression readyLine(u"^parleyd ready tls=([^ ]+):(\\d+) .* fingerprint=([0-9a-f]+)$"_s);
    static const QRegularExpression codeLine(u"^dev-code (\\S+) (\\d{6}) login$"_s);
    qsizetype newline;
    while ((newline = m_output.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_output.left(newline)).trimmed();
        m_output.remove(0, newline + 1);
        if (const auto m = readyLine.match(line); m.hasMatch()) {
            m_options.host = m.captured(1);
            m_options.port = quint16(m.captured(2).toUInt());
            m_options.fingerprint = m.captured(3);
            m_options.pid = m_process.processId();
            Q_EMIT ready();
        } else if (const auto c = codeLine.match(line); c.hasMatch()) {
            Q_EMIT codeSent(c.captured(1), c.captured(2));
        }
    }
}

void BenchServer::pollCodesFile()
{
    QFile file(m_options.codesFile);
    if (!file.open(QIODevice::ReadOnly) || file.size() <= m_codesFileOffset)
        return;
    file.seek(m_codesFileOffset);
    const QByteArray data = file.readAll();
    const qsizetype lastNewline = data.lastIndexOf('\n');
    if (lastNewline < 0)
        return;
    m_codesFileOffset += lastNewline + 1;
    for (const QByteArray &line : data.left(lastNewline).split('\n')) {
        const QList<QByteArray> parts = line.split(' '); // time phone code purpose
        if (parts.size() == 4 && parts[3] == "login")
            Q_EMIT codeSent(QString::fromLatin1(parts[1]), QString::fromLatin1(parts[2]));
    }
}

qint64 BenchServer::memoryKb(const char *field) const
{
    return procStatusKb(QString::number(m_options.pid), field);
}

qint64 BenchServer::cpuUs() const
{
    const qint64 own = m_options.pid > 0 ? procCpuUs(QString::number(m_options.pid)) : -1;
    return own < 0 || m_options.alsoCount.isEmpty() ? own : own + processesCpuUs(m_options.alsoCount);
}
