// Deleting an account end to end, against a real parleyd: the user asks for a code on a logged-in link (to the
// account's own number only) and deletes with it. Both of the user's devices are logged out and can never
// connect again; a friend and a fellow group member are told (the relation is gone, the profile reads deleted);
// the group passes to its admin; the files the user sent are gone, from the database and the disk, while the
// messages stay, as from a deleted account; nothing new can be started with it, and the number makes a new
// account. A wrong or missing code deletes nothing.

#include "parley.pb.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestAccountDeletion : public ParleydTestCase {
    Q_OBJECT

public:
    // A second device and a deletion take codes for one number in quick succession.
    TestAccountDeletion() : ParleydTestCase(codesAtWill()) {}

private:
    QString blobPath(const QByteArray &bytes) const
    {
        const QString hex = QString::fromLatin1(files::sha256(bytes).toHex());
        return QDir(m_server->dataDir()).filePath(u"files/blobs/%1/%2"_s.arg(hex.left(2), hex));
    }

    static v1::Result deleteAccount(RawClient &link, const QString &code)
    {
        v1::DeleteAccountRequest request;
        request.set_code(code.toStdString());
        return social::call(link, SubSignal::DLA, request);
    }

    static v1::Result codeFor(RawClient &link, const QString &phone = {})
    {
        v1::CodeRequest request;
        request.set_phone(phone.toStdString());
        return social::call(link, SubSignal::RVC, request);
    }

private Q_SLOTS:
    void codesAfterLoggingInGoToTheOwnNumberOnly()
    {
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone);
        QCOMPARE(codeFor(*alice.link, nextPhone()).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(codeFor(*alice.link, u"12345"_s).code(), v1::ERR_INVALID_PHONE);
        const v1::Result sent = codeFor(*alice.link);
        QCOMPARE(sent.code(), v1::ERR_NONE);
        QVERIFY(sent.code_sent().expires_in_s() > 0);
        QVERIFY(!m_server->waitForCode(phone).isEmpty());
        QCOMPARE(codeFor(*alice.link, phone).code(), v1::ERR_NONE); // the own number, written out, is fine too
        // Before CONNECT a number is still needed.
        RawClient anonymous(m_server->fingerprint());
        QVERIFY(anonymous.connectTo(m_server->tlsPort()));
        QCOMPARE(codeFor(anonymous).code(), v1::ERR_INVALID_PHONE);
    }

    void aWrongOrMissingCodeDeletesNothing()
    {
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone);
        QCOMPARE(deleteAccount(*alice.link, u"123456"_s).code(), v1::ERR_CODE_EXPIRED); // none was asked for
        QCOMPARE(codeFor(*alice.link).code(), v1::ERR_NONE);
        const QString code = m_server->waitForCode(phone);
        const QString wrong = code == u"000000"_s ? u"000001"_s : u"000000"_s;
        QCOMPARE(deleteAccount(*alice.link, wrong).code(), v1::ERR_CODE_WRONG);
        QCOMPARE(deleteAccount(*alice.link, u"12"_s).code(), v1::ERR_MALFORMED_REQUEST);
        QVERIFY(alice.link->isConnected());
        QCOMPARE(social::call(*alice.link, SubSignal::MMI, v1::ModifyMyInfoRequest()).code(), v1::ERR_NONE);
        QCOMPARE(connectCode(*m_server, alice.login), v1::CONNECTION_ACCEPTED);
    }

    void aCodeConfirmsOnlyWhatItWasSentFor()
    {
        // A login code asked for on another computer does not delete the account, and a deletion code does not log
        // a device in: each is answered as no code at all, and stays good for what it was sent for. The sender is
        // told which it is, so the message that carries it can say so.
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone);
        const auto logIn = [this, &phone](const QString &code, const char *device) {
            RawClient link(m_server->fingerprint());
            if (!link.connectTo(m_server->tlsPort()))
                return v1::ERR_UNAVAILABLE;
            v1::LoginRequest login;
            login.set_phone(phone.toStdString());
            login.set_code(code.toStdString());
            login.set_device_id(device);
            return social::call(link, SubSignal::LGN, login).code();
        };

        RawClient laptop(m_server->fingerprint());
        QVERIFY(laptop.connectTo(m_server->tlsPort()));
        QCOMPARE(codeFor(laptop, phone).code(), v1::ERR_NONE);
        const QString loginCode = m_server->waitForCode(phone);
        QCOMPARE(m_server->codePurposes(phone).constLast(), u"login"_s);
        QCOMPARE(deleteAccount(*alice.link, loginCode).code(), v1::ERR_CODE_EXPIRED);
        QVERIFY(alice.link->isConnected());
        QCOMPARE(logIn(loginCode, "laptop"), v1::ERR_NONE);

        QCOMPARE(codeFor(*alice.link).code(), v1::ERR_NONE);
        const QString deletionCode = m_server->waitForCode(phone);
        QCOMPARE(m_server->codePurposes(phone).constLast(), u"delete-account"_s);
        QCOMPARE(logIn(deletionCode, "tablet"), v1::ERR_CODE_EXPIRED);
        QCOMPARE(deleteAccount(*alice.link, deletionCode).code(), v1::ERR_NONE);
    }

    void deletesWhatIsThePersonsAndKeepsWhatOthersWereSent()
    {
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone);
        const TestLogin laptop = logInRaw(*m_server, phone, u"laptop"_s);
        const auto onLaptop = connectRaw(*m_server, laptop);
        QVERIFY(onLaptop);
        RawUser bob = person(), carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(social::befriend(*alice.link, *carol.link, carol.id()));

        // A group alice owns, carol its admin; bob joined first, but an admin comes before a member.
        const v1::Result created = social::createGroup(*alice.link, u"trip"_s, {bob.id(), carol.id()});
        QCOMPARE(created.code(), v1::ERR_NONE);
        const QString group = QString::fromStdString(created.group().group_id());
        QCOMPARE(social::setRole(*alice.link, group, carol.id(), v1::ROLE_ADMIN).code(), v1::ERR_NONE);

        // A message and a file to bob; another upload not finished.
        const auto hello = alice.link->call(SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.id(), "hi", 1));
        QVERIFY(hello && hello->code() == v1::ERR_NONE);
        HttpsPeer peer(m_server->fingerprint(), m_server->filesPort());
        const QByteArray photo = files::randomBytes(30000, 41), unfinished = files::randomBytes(30000, 42);
        const QString photoId = peer.upload(files::uploadGrant(*alice.link, photo), photo);
        QVERIFY(!photoId.isEmpty());
        const auto sentPhoto =
            alice.link->call(SubSignal::MS, files::mediaTo(bob.id(), v1::CONTENT_IMAGE, photoId, testUuid(2)));
        QVERIFY(sentPhoto && sentPhoto->code() == v1::ERR_NONE);
        const QString grant = files::uploadGrant(*alice.link, unfinished);
        const QString started = peer.create(grant, unfinished);
        QVERIFY(!started.isEmpty());
        QCOMPARE(peer.patch(grant, started, 0, unfinished.left(1000)).status, 204);
        QCOMPARE(peer.get(files::downloadGrant(*bob.link), photoId).status, 200);
        QVERIFY(QFileInfo::exists(blobPath(photo)));
        QCOMPARE(QDir(QDir(m_server->dataDir()).filePath(u"files/uploads"_s)).entryList(QDir::Files).size(), 1);

        QCOMPARE(codeFor(*alice.link).code(), v1::ERR_NONE);
        QCOMPARE(deleteAccount(*alice.link, m_server->waitForCode(phone)).code(), v1::ERR_NONE);

        // Every device is told and closed, and can never connect again.
        QVERIFY(alice.link->waitClosed());
        QVERIFY(onLaptop->waitClosed());
        QCOMPARE(onLaptop->lastDisconnect().value_or(v1::Disconnect()).reason(), v1::DISCONNECT_ACCOUNT_DELETED);
        QCOMPARE(alice.link->lastDisconnect().value_or(v1::Disconnect()).reason(), v1::DISCONNECT_ACCOUNT_DELETED);
        QCOMPARE(connectCode(*m_server, laptop), v1::CONNECTION_REFUSED_ACCOUNT_DELETED);
        QCOMPARE(connectCode(*m_server, alice.login), v1::CONNECTION_REFUSED_ACCOUNT_DELETED);

        // Bob and carol are told: no relation any more, and the profile reads deleted.
        for (RawUser *other : {&bob, &carol}) {
            const auto told = other->link->waitForItem([&](const v1::InboxItem &i) {
                return i.has_contact() && QString::fromStdString(i.contact().profile().user_id()) == alice.id() &&
                       i.contact().profile().deleted();
            });
            QVERIFY(told);
            QVERIFY(!told->contact().is_friend());
            QVERIFY(told->contact().profile().nickname().empty());
            const v1::Result contacts = social::call(*other->link, SubSignal::FP, v1::FriendListRequest());
            for (const v1::Contact &c : contacts.contacts().contacts())
                QVERIFY(QString::fromStdString(c.profile().user_id()) != alice.id());
        }
        v1::UserInfoRequest who;
        who.add_user_ids(alice.id().toStdString());
        const v1::Result info = social::call(*bob.link, SubSignal::UPUI, who);
        QCOMPARE(info.users().users_size(), 1);
        QVERIFY(info.users().users(0).deleted());

        // The group is carol's now, without alice; bob saw the handover, then alice leave.
        const auto handedOver = social::nextGroupMessage(*bob.link, group, v1::CONTENT_NOTICE_OWNER_CHANGED);
        QVERIFY(handedOver);
        QCOMPARE(social::noticeOf(*handedOver).users(0), carol.id().toStdString());
        QVERIFY(social::nextGroupMessage(*bob.link, group, v1::CONTENT_NOTICE_MEMBER_LEFT));
        const v1::Result groupInfo = social::groupRef(*bob.link, SubSignal::GPGI, group);
        QCOMPARE(QString::fromStdString(groupInfo.group().owner()), carol.id());
        QCOMPARE(groupInfo.group().member_count(), 2u);

        // What alice wrote stays with bob, from her id; her file does not, on the disk neither.
        const v1::HistoryResult kept = social::history(*bob.link, v1::CONVERSATION_PRIVATE, alice.id());
        QCOMPARE(kept.messages_size(), 2);
        const auto said = std::find_if(kept.messages().cbegin(), kept.messages().cend(),
                                       [](const v1::Message &m) { return m.content().searchable_content() == "hi"; });
        QVERIFY(said != kept.messages().cend());
        QCOMPARE(QString::fromStdString(said->from()), alice.id());
        QCOMPARE(peer.get(files::downloadGrant(*bob.link), photoId).status, 404);
        QTRY_VERIFY(!QFileInfo::exists(blobPath(photo)));
        QTRY_COMPARE(QDir(QDir(m_server->dataDir()).filePath(u"files/uploads"_s)).entryList(QDir::Files).size(), 0);

        // Nothing new starts with the deleted account.
        const auto toAlice = bob.link->call(SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, alice.id(), "?", 3));
        QVERIFY(toAlice);
        QCOMPARE(toAlice->code(), v1::ERR_ACCOUNT_DELETED);
        QCOMPARE(social::addFriend(*bob.link, alice.id()).code(), v1::ERR_NOT_FOUND);
        v1::UserSearchRequest search;
        search.set_query(alice.id().toStdString());
        QCOMPARE(social::call(*bob.link, SubSignal::US, search).users().users_size(), 0);

        // The number is free: logging in with it makes a new account.
        const TestLogin again = logInRaw(*m_server, phone, u"new-phone"_s);
        QVERIFY(!again.userId.isEmpty());
        QVERIFY(again.userId != alice.id());
    }
};

QTEST_GUILESS_MAIN(TestAccountDeletion)
#include "tst_accountdeletion.moc"
