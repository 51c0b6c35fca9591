#include "tests/support/testclientprocess.h"

#include <QDebug>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

TestClientProcess::TestClientProcess(const QStringList &arguments)
{
    m_process.setProgram(QStringLiteral(PARLEY_TESTCLIENT_PATH));
    m_process.setArguments(arguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.start();
}

TestClientProcess::~TestClientProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

QStringList TestClientProcess::waitFor(const QString &prefix, const std::function<bool(const QStringList &)> &accept)
{
    QStringList found;
    (void)QTest::qWaitFor(
        [&] {
            while (m_process.canReadLine()) {
                const QStringList words = QString::fromUtf8(m_process.readLine()).trimmed().split(u' ');
                if (words.value(0) == "error"_L1)
                    qWarning() << "test client:" << words.join(u' ');
                if (words.value(0) == prefix && (!accept || accept(words))) {
                    found = words;
                    return true;
                }
            }
            return m_process.state() == QProcess::NotRunning;
        },
        kWaitMs);
    return found;
}

void TestClientProcess::write(const QString &line)
{
    m_process.write((line + u'\n').toUtf8());
}

void TestClientProcess::kill()
{
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(kWaitMs);
}

bool TestClientProcess::exitedCleanly()
{
    return m_process.waitForFinished(kWaitMs) && m_process.exitStatus() == QProcess::NormalExit &&
           m_process.exitCode() == 0;
}
