// PrivateFolder: made if missing, owner-only; a folder open to others is closed to them (only those bits
// change), and said so; a shared one (sticky) is left as it is.

#include "common/privatefolder.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr QFile::Permissions kOthers =
    QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

QFile::Permissions othersOf(const QString &path)
{
    return QFileInfo(path).permissions() & kOthers;
}

} // namespace

class TestPrivateFolder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aMissingFolderIsMadeForItsOwnerAlone()
    {
        QTemporaryDir parent;
        QVERIFY(QFile::setPermissions(parent.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                         QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                         QFile::ExeOther));
        const QString path = QDir(parent.path()).filePath(u"a/b"_s);
        const Result<PrivateFolder::Outcome> made = PrivateFolder::make(path);
        QVERIFY(made);
        QVERIFY(QFileInfo(path).isDir());
        QCOMPARE(othersOf(path), QFile::Permissions());
        QVERIFY(QFileInfo(path).permissions().testFlags(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(PrivateFolder::make(path).value(), PrivateFolder::Outcome::AlreadyPrivate);
    }

    void aFolderOthersCouldReadIsClosedToThem()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                      QFile::ExeOther));
        QVERIFY(othersOf(dir.path()) != QFile::Permissions());
        const Result<PrivateFolder::Outcome> made = PrivateFolder::make(dir.path());
        QVERIFY(made);
        QCOMPARE(*made, PrivateFolder::Outcome::MadePrivate);
        QCOMPARE(othersOf(dir.path()), QFile::Permissions());
    }

    void onlyGroupAndOthersLoseTheirAccess()
    {
        QTemporaryDir dir;
        const QByteArray name = QFile::encodeName(dir.path());
        QCOMPARE(::chmod(name.constData(), 02775), 0); // setgid: new files keep the folder's group
        QCOMPARE(PrivateFolder::make(dir.path()).value(), PrivateFolder::Outcome::MadePrivate);
        struct stat status {};
        QCOMPARE(::stat(name.constData(), &status), 0);
        QCOMPARE(status.st_mode & 07777, mode_t(02700));
    }

    void aSharedFolderIsLeftAsItIs()
    {
        QTemporaryDir dir; // sticky and open to all, as /tmp
        const QByteArray name = QFile::encodeName(dir.path());
        QCOMPARE(::chmod(name.constData(), 01777), 0);
        QCOMPARE(PrivateFolder::make(dir.path()).value(), PrivateFolder::Outcome::LeftShared);
        struct stat status {};
        QCOMPARE(::stat(name.constData(), &status), 0);
        QCOMPARE(status.st_mode & 07777, mode_t(01777));
    }

    void aPathThatCannotBeAFolderIsAnError()
    {
        QTemporaryDir dir;
        const QString file = QDir(dir.path()).filePath(u"file"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Result<PrivateFolder::Outcome> made = PrivateFolder::make(file + u"/inside"_s);
        QVERIFY(!made);
        QCOMPARE(made.error().code, ErrorCode::StorageFailure);
    }
};

QTEST_GUILESS_MAIN(TestPrivateFolder)
#include "tst_privatefolder.moc"
