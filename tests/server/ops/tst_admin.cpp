// `parleyd admin`, the operator's command, against a real parleyd: it finds users, lists and logs out devices,
// suspends and reinstates accounts, deletes one, counts — and the server logs every action.

#include "parley.pb.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCommandTimeoutMs = 30000;

struct AdminRun {
    int exitCode = -1;
    QJsonObject result;
    QByteArray error;
};

} // namespace

class TestAdmin : public ParleydTestCase {
    Q_OBJECT

public:
    // Logging one number in again at once (a second device, after a suspension) takes codes in quick succession.
    TestAdmin() : ParleydTestCase(codesAtWill()) {}

private:
    AdminRun admin(const QStringList &words, const QString &dataDir = {})
    {
        QProcess process;
        process.start(QStringLiteral(PARLEYD_PATH),
                      QStringList{u"admin"_s, u"--data-dir"_s, dataDir.isEmpty() ? m_server->dataDir() : dataDir} +
                          words);
        if (!process.waitForFinished(kCommandTimeoutMs))
            return {};
        return AdminRun{process.exitCode(), QJsonDocument::fromJson(process.readAllStandardOutput()).object(),
                        process.readAllStandardError()};
    }

    bool logged(const QString &text) const { return m_server->log().contains(text.toUtf8()); }
    // The lines of the admin log category.
    QByteArray adminLog() const
    {
        QByteArray lines;
        for (const QByteArray &line : m_server->log().split('\n')) {
            if (line.contains(" parleyd.admin: "))
                lines += line + '\n';
        }
        return lines;
    }

    // A LGN for `phone` with a fresh code: its answer's code.
    v1::ErrorCode logInCode(const QString &phone)
    {
        RawClient link(m_server->fingerprint());
        if (!link.connectTo(m_server->tlsPort()))
            return v1::ERR_INTERNAL;
        v1::CodeRequest request;
        request.set_phone(phone.toStdString());
        if (const auto sent = link.call(SubSignal::RVC, request); !sent || sent->code() != v1::ERR_NONE)
            return v1::ERR_INTERNAL;
        v1::LoginRequest login;
        login.set_phone(phone.toStdString());
        login.set_code(m_server->waitForCode(phone).toStdString());
        login.set_device_id("another");
        const auto answer = link.call(SubSignal::LGN, login);
        return answer ? answer->code() : v1::ERR_INTERNAL;
    }

private Q_SLOTS:
    void findsAUserByPhoneOrId()
    {
        const QString phone = nextPhone();
        const TestLogin login = logInRaw(*m_server, phone, u"laptop"_s);
        QVERIFY(!login.userId.isEmpty());
        const auto link = connectRaw(*m_server, login);
        QVERIFY(link);

        const AdminRun byPhone = admin({u"user"_s, phone});
        QCOMPARE(byPhone.exitCode, 0);
        QCOMPARE(byPhone.result.value(u"userId"_s).toString(), login.userId);
        QCOMPARE(byPhone.result.value(u"devices"_s).toInt(), 1);
        QCOMPARE(byPhone.result.value(u"devicesOnlineHere"_s).toInt(), 1);
        QVERIFY(byPhone.result.value(u"suspendedSince"_s).isNull());
        const AdminRun byId = admin({u"user"_s, login.userId});
        QCOMPARE(byId.exitCode, 0);
        QCOMPARE(byId.result.value(u"phone"_s).toString(), phone);

        const AdminRun nobody = admin({u"user"_s, u"+8613999999999"_s});
        QCOMPARE(nobody.exitCode, 1);
        QVERIFY(nobody.error.contains("no account has that phone number"));
        // The log names the user by id, never by phone number.
        QTRY_VERIFY(logged(u"admin user done: looked up user "_s + login.userId));
        QVERIFY(!adminLog().isEmpty());
        QVERIFY(!adminLog().contains(phone.toUtf8()));
    }

    void listsAndLogsOutDevices()
    {
        const QString phone = nextPhone();
        const TestLogin laptop = logInRaw(*m_server, phone, u"laptop"_s);
        const TestLogin desktop = logInRaw(*m_server, phone, u"desktop"_s);
        const auto onLaptop = connectRaw(*m_server, laptop);
        const auto onDesktop = connectRaw(*m_server, desktop);
        QVERIFY(onLaptop && onDesktop);

        const AdminRun listed = admin({u"devices"_s, phone});
        QCOMPARE(listed.exitCode, 0);
        QStringList ids;
        for (const QJsonValue &d : listed.result.value(u"devices"_s).toArray()) {
            ids << d[u"deviceId"_s].toString();
            QVERIFY(d[u"onlineHere"_s].toBool());
        }
        ids.sort();
        QCOMPARE(ids, (QStringList{u"desktop"_s, u"laptop"_s}));

        const AdminRun revoked = admin({u"revoke"_s, laptop.userId, u"laptop"_s});
        QCOMPARE(revoked.exitCode, 0);
        QCOMPARE(revoked.result.value(u"loggedOut"_s).toArray(), QJsonArray{u"laptop"_s});
        QVERIFY(onLaptop->waitClosed());
        QCOMPARE(onLaptop->lastDisconnect()->reason(), v1::DISCONNECT_TOKEN_REVOKED);
        QCOMPARE(connectCode(*m_server, laptop), v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
        QVERIFY(onDesktop->isConnected()); // the other device stays
        QCOMPARE(connectCode(*m_server, desktop), v1::CONNECTION_ACCEPTED);

        const AdminRun noSuchDevice = admin({u"revoke"_s, laptop.userId, u"phone"_s});
        QCOMPARE(noSuchDevice.exitCode, 1);
    }

    void aSuspendedAccountIsLoggedOutAndCannotLogInUntilReinstated()
    {
        const QString phone = nextPhone();
        const TestLogin login = logInRaw(*m_server, phone, u"laptop"_s);
        const auto link = connectRaw(*m_server, login);
        QVERIFY(link);

        const AdminRun banned = admin({u"ban"_s, phone});
        QCOMPARE(banned.exitCode, 0);
        QVERIFY(banned.result.value(u"suspended"_s).toBool());
        QVERIFY(link->waitClosed());
        QCOMPARE(link->lastDisconnect()->reason(), v1::DISCONNECT_ACCOUNT_SUSPENDED);
        QCOMPARE(connectCode(*m_server, login), v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED);
        QCOMPARE(logInCode(phone), v1::ERR_ACCOUNT_SUSPENDED);
        const AdminRun lookedUp = admin({u"user"_s, phone});
        QCOMPARE(lookedUp.exitCode, 0);
        QVERIFY(lookedUp.result.value(u"suspendedSince"_s).isString());
        QCOMPARE(admin({u"counts"_s}).result.value(u"suspendedUsers"_s).toInt(), 1);

        const AdminRun reinstated = admin({u"unban"_s, login.userId});
        QCOMPARE(reinstated.exitCode, 0);
        QVERIFY(reinstated.result.value(u"wasSuspended"_s).toBool());
        // The device the suspension logged out is told to log in again, not that the account is suspended.
        QCOMPARE(connectCode(*m_server, login), v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
        QCOMPARE(logInCode(phone), v1::ERR_NONE);
        const AdminRun cleared = admin({u"user"_s, phone});
        QCOMPARE(cleared.exitCode, 0);
        QVERIFY(cleared.result.value(u"suspendedSince"_s).isNull());
        QTRY_VERIFY(logged(u"admin ban done: suspended user "_s + login.userId + u" and logged out 1 device(s)"_s));
        QTRY_VERIFY(logged(u"admin unban done: reinstated user "_s + login.userId));
    }

    void deletesAnAccount()
    {
        // Alice, alone in a group she owns (her friend left it): deleted by the operator as she could herself.
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone), bob = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const QString group =
            QString::fromStdString(social::createGroup(*alice.link, u"solo"_s, {bob.id()}).group().group_id());
        QCOMPARE(social::groupRef(*bob.link, SubSignal::GQ, group).code(), v1::ERR_NONE);
        const QJsonObject before = admin({u"counts"_s}).result;

        const AdminRun deleted = admin({u"delete"_s, phone});
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY(deleted.result.value(u"deleted"_s).toBool());
        QVERIFY(alice.link->waitClosed());
        QCOMPARE(alice.link->lastDisconnect().value_or(v1::Disconnect()).reason(), v1::DISCONNECT_ACCOUNT_DELETED);
        QVERIFY(bob.link->waitForItem([&](const v1::InboxItem &i) {
            return i.has_contact() && QString::fromStdString(i.contact().profile().user_id()) == alice.id() &&
                   i.contact().profile().deleted();
        }));
        const QJsonObject after = admin({u"counts"_s}).result;
        QCOMPARE(after.value(u"users"_s).toInt(), before.value(u"users"_s).toInt() - 1);
        QCOMPARE(after.value(u"deletedUsers"_s).toInt(), before.value(u"deletedUsers"_s).toInt() + 1);
        QCOMPARE(after.value(u"groups"_s).toInt(), before.value(u"groups"_s).toInt() - 1); // dismissed with her

        // The id tells what became of it; the number names nobody now; there is nothing left to delete.
        const AdminRun lookedUp = admin({u"user"_s, alice.id()});
        QCOMPARE(lookedUp.exitCode, 0);
        QVERIFY(lookedUp.result.value(u"deleted"_s).toBool());
        QVERIFY(lookedUp.result.value(u"phone"_s).isNull());
        QCOMPARE(admin({u"user"_s, phone}).exitCode, 1);
        QCOMPARE(admin({u"delete"_s, alice.id()}).exitCode, 1);
        QTRY_VERIFY(logged(u"admin delete done: deleted user "_s + alice.id()));
        QVERIFY(!adminLog().contains(phone.toUtf8()));

        // Suspended first, then deleted: the device is told the account is gone, not that it is suspended.
        const TestLogin banned = newUser();
        QCOMPARE(admin({u"ban"_s, banned.userId}).exitCode, 0);
        QCOMPARE(admin({u"delete"_s, banned.userId}).exitCode, 0);
        QCOMPARE(connectCode(*m_server, banned), v1::CONNECTION_REFUSED_ACCOUNT_DELETED);
        QCOMPARE(admin({u"counts"_s}).result.value(u"suspendedUsers"_s).toInt(), 0);
    }

    void countsWhatTheServerHolds()
    {
        const AdminRun before = admin({u"counts"_s});
        QCOMPARE(before.exitCode, 0);
        const TestLogin login = newUser();
        QVERIFY(!login.userId.isEmpty());
        const AdminRun after = admin({u"counts"_s});
        QCOMPARE(after.result.value(u"users"_s).toInt(), before.result.value(u"users"_s).toInt() + 1);
        QCOMPARE(after.result.value(u"devices"_s).toInt(), before.result.value(u"devices"_s).toInt() + 1);
        for (const char *key : {"messages", "groups", "files", "fileBytes", "sessionsHere", "usersOnlineHere"})
            QVERIFY2(after.result.value(QLatin1StringView(key)).isDouble(), key);
    }

    void badCommandsAndNoServerSaySo()
    {
        const AdminRun unknown = admin({u"explode"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.error.contains("no command 'explode'"));
        const AdminRun missing = admin({u"ban"_s});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.error.contains("usage: ban"));
        QTemporaryDir empty;
        const AdminRun nobodyThere = admin({u"counts"_s}, empty.path());
        QCOMPARE(nobodyThere.exitCode, 3);
        QVERIFY(nobodyThere.error.contains("no parleyd answers"));
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
