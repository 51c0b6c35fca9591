// The .deb packages, built by cpack from this build tree, installed on this machine, used, and removed: the
// packaged parleyd starts with its unit's command line as its system user, a client logs in against it, and
// removing the packages keeps every user's data. Root only; skipped where a parleyd is installed already.
// With PARLEY_PACKAGES_DIR set, the packages found there are put through the same run instead: those of the Release
// build (scripts/package.sh), say.

#include "tests/support/testclientprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kPackagingTimeoutMs = 600000;
constexpr int kCommandTimeoutMs = 120000;
constexpr int kStartTimeoutMs = 30000;
const QString kDataDir = u"/var/lib/parleyd"_s;
const QString kUnit = u"/lib/systemd/system/parleyd.service"_s;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = kCommandTimeoutMs,
        const QString &workingDirectory = {})
{
    QProcess p;
    p.setWorkingDirectory(workingDirectory);
    p.start(program, arguments);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

bool installed(const QString &package)
{
    const Run r = run(u"dpkg-query"_s, {u"-W"_s, u"-f=${Status}"_s, package});
    return r.out.contains("install ok installed");
}

// The value of `key=` in the [Service] of a unit file.
QString unitValue(const QString &path, const QString &key)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith((key + u'=').toUtf8()))
            return QString::fromUtf8(line.mid(key.size() + 1)).trimmed();
    }
    return {};
}

// setpriv's arguments that run a command as `user` and its group, as systemd's User= does: no process in between
// (SIGTERM reaches parleyd itself).
QStringList asUser(const QString &user)
{
    return {u"--reuid="_s + user, u"--regid="_s + user, u"--init-groups"_s, u"--"_s};
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT

    QTemporaryDir m_out;
    QStringList m_debs;
    bool m_installedHere = false;

private Q_SLOTS:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("installing packages needs root");
        if (installed(u"parleyd"_s) || installed(u"parley"_s) || QFileInfo::exists(kDataDir))
            QSKIP("Parley is installed on this machine already; this test leaves it alone");
        if (QFileInfo::exists(u"/run/systemd/system"_s))
            QSKIP("systemd runs here: installing would start a real parleyd service on 0.0.0.0 (a container test)");
    }

    void cleanupTestCase()
    {
        if (!m_installedHere)
            return;
        // What purging leaves on purpose (the data and its user), gone, so the machine is as it was.
        run(u"dpkg"_s, {u"--purge"_s, u"parley"_s, u"parleyd"_s});
        QDir(kDataDir).removeRecursively();
        run(u"deluser"_s, {u"--system"_s, u"--quiet"_s, u"parleyd"_s});
    }

    void cpackBuildsBothPackages()
    {
        QDir packages(qEnvironmentVariable("PARLEY_PACKAGES_DIR"));
        if (!qEnvironmentVariableIsSet("PARLEY_PACKAGES_DIR")) {
            const Run packed = run(QStringLiteral(PARLEY_CPACK), {u"-G"_s, u"DEB"_s, u"-B"_s, m_out.path()},
                                   kPackagingTimeoutMs, QStringLiteral(PARLEY_BUILD_DIR));
            QVERIFY2(packed.exitCode == 0, QByteArray(packed.out.right(2000) + packed.err.right(2000)).constData());
            packages.setPath(m_out.path());
        }
        for (const QString &name : packages.entryList({u"*.deb"_s}, QDir::Files))
            m_debs << packages.absoluteFilePath(name);
        QCOMPARE(m_debs.size(), 2);
        for (const QString &deb : std::as_const(m_debs)) {
            const Run fields = run(u"dpkg-deb"_s, {u"-f"_s, deb, u"Package"_s, u"Version"_s, u"Depends"_s});
            QCOMPARE(fields.exitCode, 0);
            QVERIFY(fields.out.contains("Version: " PARLEY_PROJECT_VERSION "-1"));
            QVERIFY(fields.out.contains("libqt6core6")); // dpkg-shlibdeps found the libraries
        }
    }

    void installingSetsUpTheServiceAndTheDesktopEntry()
    {
        QCOMPARE(m_debs.size(), 2);
        const Run installedNow = run(u"dpkg"_s, QStringList{u"-i"_s} + m_debs);
        m_installedHere = true;
        QVERIFY2(installedNow.exitCode == 0, installedNow.err.right(2000).constData());
        for (const QString &path :
             {u"/usr/bin/parleyd"_s, u"/usr/bin/parley"_s, kUnit, u"/etc/parleyd/parleyd.ini"_s,
              u"/usr/share/applications/org.parley.Parley.desktop"_s, u"/usr/share/metainfo/org.parley.Parley.metainfo.xml"_s,
              u"/usr/share/icons/hicolor/48x48/apps/parley.png"_s, u"/usr/share/icons/hicolor/scalable/apps/parley.svg"_s,
              u"/usr/share/man/man1/parleyd.1.gz"_s, u"/usr/share/doc/parley/copyright"_s})
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QCOMPARE(run(u"id"_s, {u"-u"_s, u"parleyd"_s}).exitCode, 0); // the system user
        const QFileInfo data(kDataDir);
        QVERIFY(data.isDir());
        const QFileInfo config(u"/etc/parleyd/parleyd.ini"_s);
        QCOMPARE(config.group(), u"parleyd"_s);
        QCOMPARE(config.permissions() & (QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
        QCOMPARE(data.owner(), u"parleyd"_s);
        QCOMPARE(data.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther), QFile::Permissions());
        QCOMPARE(run(u"/usr/bin/parleyd"_s, {u"--version"_s}).out.trimmed(), QByteArray("parleyd " PARLEY_PROJECT_VERSION));
    }

    void thePackagedServerServesAClient()
    {
        QVERIFY(QFileInfo::exists(kUnit));
        // The unit's own command line, as its own user (no systemd in this container); free ports for this test in place of the ones the config
        // file names (the command line wins over it).
        const QString user = unitValue(kUnit, u"User"_s);
        const QStringList command = unitValue(kUnit, u"ExecStart"_s).split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(user, u"parleyd"_s);
        QCOMPARE(command.value(0), u"/usr/bin/parleyd"_s);
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(u"setpriv"_s, asUser(user) + command +
                                       QStringList{u"--tls-port"_s, u"0"_s, u"--ws-port"_s, u"off"_s,
                                                   u"--files-port"_s, u"0"_s, u"--ops-port"_s, u"0"_s});
        QByteArray output;
        static const QRegularExpression ready(u"parleyd ready tls=[^ ]+:(\\d+) .* fingerprint=([0-9a-f]+)"_s);
        QRegularExpressionMatch started;
        QTRY_VERIFY_WITH_TIMEOUT((output += server.readAllStandardOutput(),
                                  started = ready.match(QString::fromUtf8(output)), started.hasMatch()),
                                 kStartTimeoutMs);

        QTemporaryDir clientData;
        const QString phone = u"+8613900000077"_s;
        TestClientProcess client({u"--port"_s, started.captured(1), u"--pin"_s, started.captured(2), u"--data-dir"_s,
                                  clientData.path(), u"--login"_s, phone, u"--exit-after-login"_s});
        QVERIFY(!client.waitFor(u"code-requested"_s).isEmpty());
        static const QRegularExpression code(u"dev-code \\+8613900000077 (\\d{6})"_s);
        QRegularExpressionMatch sent;
        QTRY_VERIFY_WITH_TIMEOUT((output += server.readAllStandardOutput(),
                                  sent = code.match(QString::fromUtf8(output)), sent.hasMatch()),
                                 kStartTimeoutMs);
        client.write(sent.captured(1));
        QVERIFY(!client.waitFor(u"logged-in"_s).isEmpty());

        // The operator's command reaches it as its user, through the same config file.
        const Run counts = run(u"setpriv"_s, asUser(user) + QStringList{u"/usr/bin/parleyd"_s, u"admin"_s, u"--config"_s,
                                                                       u"/etc/parleyd/parleyd.ini"_s, u"counts"_s});
        QVERIFY2(counts.exitCode == 0, counts.err.constData());
        QVERIFY(counts.out.contains("\"users\": 1"));

        server.terminate();
        QVERIFY(server.waitForFinished(kStartTimeoutMs));
        QCOMPARE(server.exitCode(), 0);
    }

    void removingKeepsTheDataAndPurgingTheConfiguration()
    {
        QVERIFY(m_installedHere);
        QCOMPARE(run(u"dpkg"_s, {u"--remove"_s, u"parley"_s, u"parleyd"_s}).exitCode, 0);
        QVERIFY(!QFileInfo::exists(u"/usr/bin/parleyd"_s));
        QVERIFY(!QFileInfo::exists(u"/usr/bin/parley"_s));
        QVERIFY(QFileInfo::exists(kDataDir + u"/parleyd.sqlite"_s));
        QVERIFY(QFileInfo::exists(u"/etc/parleyd/parleyd.ini"_s)); // a conffile stays until purged
        const Run purged = run(u"dpkg"_s, {u"--purge"_s, u"parleyd"_s});
        QCOMPARE(purged.exitCode, 0);
        QVERIFY(!QFileInfo::exists(u"/etc/parleyd/parleyd.ini"_s));
        QVERIFY(QFileInfo::exists(kDataDir + u"/parleyd.sqlite"_s));
        QVERIFY(purged.out.contains("kept /var/lib/parleyd"));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
