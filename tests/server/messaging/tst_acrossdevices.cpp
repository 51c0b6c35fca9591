// What parleyd keeps and tells across one user's devices, over the raw protocol against a real parleyd:
// conversation settings (CSS, CSL, CSN) — a change names only its fields and the answer is the whole; the
// user's other devices get it pushed, the device that made it does not; a device that connects later lists
// them, page by page; the defaults leave no row; bad requests are refused with their codes — and device
// activity (DA, DAN), which only the user's other devices hear and nothing keeps — and the inbox items a
// device's own requests make, pushed to it as to the user's other devices.

#include "parley.pb.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

v1::ConversationSettingsRequest about(v1::ConversationType type, const QString &target)
{
    v1::ConversationSettingsRequest r;
    r.set_conversation_type(type);
    r.set_target(target.toStdString());
    return r;
}

// The next push of this sub-signal on the link, skipping others.
template <typename Payload>
std::optional<Payload> nextPush(RawClient &link, SubSignal subSignal, int timeoutMs = RawClient::kWaitMs)
{
    for (;;) {
        const std::optional<Frame> push = link.waitFor(Signal::Push, timeoutMs);
        if (!push)
            return std::nullopt;
        if (push->subSignal == subSignal)
            return fromBytes<Payload>(push->payload);
    }
}

QList<v1::ConversationSettings> listAll(RawClient &link, int *pages = nullptr)
{
    QList<v1::ConversationSettings> all;
    v1::ConversationSettingsListRequest request;
    for (int page = 1;; ++page) {
        const v1::Result r = social::call(link, SubSignal::CSL, request);
        if (r.code() != v1::ERR_NONE)
            return {};
        all.append(QList<v1::ConversationSettings>(r.conversation_settings_list().settings().begin(),
                                                   r.conversation_settings_list().settings().end()));
        if (pages)
            *pages = page;
        if (!r.conversation_settings_list().has_more() || all.isEmpty())
            return all;
        request.set_after_type(all.last().conversation_type());
        request.set_after_target(all.last().target());
    }
}

} // namespace

class TestAcrossDevices : public ParleydTestCase {
    Q_OBJECT

    // One user on two devices ("desk" and "laptop"), with a friend.
    struct TwoDevices {
        RawUser desk;
        RawUser bob;
        std::unique_ptr<RawClient> laptop;
    };
    std::optional<TwoDevices> twoDevicesAndAFriend()
    {
        const QString phone = nextPhone();
        TwoDevices d{rawUser(*m_server, phone), person(), nullptr};
        if (!social::befriend(*d.desk.link, *d.bob.link, d.bob.id()))
            return std::nullopt;
        d.laptop = connectRaw(*m_server, logInRaw(*m_server, phone, u"laptop"_s, u"desktop"_s));
        return d.laptop ? std::optional(std::move(d)) : std::nullopt;
    }

public:
    TestAcrossDevices() : ParleydTestCase(social::strictServerArguments()) {} // a second device needs a second code

private Q_SLOTS:
    void settingsFollowTheUser()
    {
        std::optional<TwoDevices> alice = twoDevicesAndAFriend();
        QVERIFY(alice);
        RawUser &desk = alice->desk;
        RawUser &bob = alice->bob;
        RawClient *laptop = alice->laptop.get();

        v1::ConversationSettingsRequest pin = about(v1::CONVERSATION_PRIVATE, bob.id());
        pin.set_pinned(true);
        const v1::Result pinned = social::call(*desk.link, SubSignal::CSS, pin);
        QCOMPARE(pinned.code(), v1::ERR_NONE);
        QVERIFY(pinned.conversation_settings().pinned());
        QVERIFY(pinned.conversation_settings().updated_at() > 0);
        std::optional<v1::ConversationSettings> told = nextPush<v1::ConversationSettings>(*laptop, SubSignal::CSN);
        QVERIFY(told);
        QVERIFY(told->pinned());
        QCOMPARE(QString::fromStdString(told->target()), bob.id());

        // Another device changes another field: the pin stays, and the desk hears of it — its first CSN, so its
        // own change was not pushed back to it.
        v1::ConversationSettingsRequest draft = about(v1::CONVERSATION_PRIVATE, bob.id());
        draft.set_draft("see you at");
        draft.set_muted_until(limits::kMutedForever);
        const v1::Result drafted = social::call(*laptop, SubSignal::CSS, draft);
        QCOMPARE(drafted.code(), v1::ERR_NONE);
        QVERIFY(drafted.conversation_settings().pinned());
        QCOMPARE(drafted.conversation_settings().draft(), "see you at");
        told = nextPush<v1::ConversationSettings>(*desk.link, SubSignal::CSN);
        QVERIFY(told);
        QCOMPARE(told->draft(), "see you at");
        QCOMPARE(told->muted_until(), limits::kMutedForever);
        QVERIFY(told->pinned());

        // A device that connects later lists them.
        const QList<v1::ConversationSettings> listed = listAll(*laptop);
        QCOMPARE(listed.size(), 1);
        QVERIFY(listed[0].pinned() && listed[0].draft() == "see you at");

        // Back to the defaults: nothing is listed.
        v1::ConversationSettingsRequest clear = about(v1::CONVERSATION_PRIVATE, bob.id());
        clear.set_pinned(false);
        clear.set_draft("");
        clear.set_muted_until(0);
        QCOMPARE(social::call(*desk.link, SubSignal::CSS, clear).code(), v1::ERR_NONE);
        QVERIFY(listAll(*laptop).isEmpty());

        // Refused: a user who does not exist, a group I am not in, a draft too long, a mute ending before 1970.
        v1::ConversationSettingsRequest bad = about(v1::CONVERSATION_PRIVATE, u"nobody"_s);
        bad.set_pinned(true);
        QCOMPARE(social::call(*desk.link, SubSignal::CSS, bad).code(), v1::ERR_NOT_FOUND);
        const v1::Result group = social::createGroup(*bob.link, u"bob's"_s, {});
        QCOMPARE(group.code(), v1::ERR_NONE);
        bad = about(v1::CONVERSATION_GROUP, QString::fromStdString(group.group().group_id()));
        bad.set_pinned(true);
        QCOMPARE(social::call(*desk.link, SubSignal::CSS, bad).code(), v1::ERR_NOT_MEMBER);
        bad = about(v1::CONVERSATION_PRIVATE, bob.id());
        bad.set_draft(std::string(limits::kMaxTextBytes + 1, 'x'));
        QCOMPARE(social::call(*desk.link, SubSignal::CSS, bad).code(), v1::ERR_TOO_LARGE);
        bad = about(v1::CONVERSATION_PRIVATE, bob.id());
        bad.set_muted_until(-5);
        QCOMPARE(social::call(*desk.link, SubSignal::CSS, bad).code(), v1::ERR_MALFORMED_REQUEST);
        QVERIFY(listAll(*laptop).isEmpty()); // nothing of it was kept
    }

    void manySettingsArriveInPages()
    {
        RawUser alice = person();
        v1::ConversationSettingsRequest self = about(v1::CONVERSATION_PRIVATE, alice.id()); // notes to myself
        self.set_pinned(true);
        QCOMPARE(social::call(*alice.link, SubSignal::CSS, self).code(), v1::ERR_NONE);
        // Muted groups of long ago, written straight into the server's file (their groups need not exist to
        // be listed).
        constexpr int kMore = 2 * limits::kConversationSettingsPage + 10;
        {
            QSqlDatabase db = m_server->openDatabase(u"pages"_s);
            QVERIFY(db.isOpen());
            QVERIFY(db.transaction());
            QSqlQuery q(db);
            for (int i = 0; i < kMore; ++i)
                QVERIFY(q.exec(u"INSERT INTO conversation_settings (user_id, conversation_type, target, muted_until, "
                               "updated_at) SELECT id, 1, 'g%1', 1, 1 FROM users WHERE uid = '%2'"_s.arg(i, 3, 10, QChar(u'0'))
                                   .arg(alice.id())));
            QVERIFY(db.commit());
        }
        QSqlDatabase::removeDatabase(u"pages"_s);
        int pages = 0;
        const QList<v1::ConversationSettings> all = listAll(*alice.link, &pages);
        QCOMPARE(all.size(), kMore + 1);
        QCOMPARE(pages, 3);
        QSet<QString> seen;
        for (const v1::ConversationSettings &s : all)
            seen.insert(u"%1 %2"_s.arg(s.conversation_type()).arg(QString::fromStdString(s.target())));
        QCOMPARE(seen.size(), kMore + 1); // none twice
        QVERIFY(all.first().pinned());    // one-to-one first, then the groups in order
        QCOMPARE(all.last().target(), u"g%1"_s.arg(kMore - 1, 3, 10, QChar(u'0')).toStdString());
    }

    void activityOnlyReachesMyOtherDevices()
    {
        std::optional<TwoDevices> alice = twoDevicesAndAFriend();
        QVERIFY(alice);
        RawUser &desk = alice->desk;
        RawUser &bob = alice->bob;
        RawClient *laptop = alice->laptop.get();
        v1::PullRequest pull;
        pull.set_limit(100);
        const quint64 head = social::call(*laptop, SubSignal::MP, pull).pulled().head_seq();

        v1::ActivityRequest active;
        active.set_active(true);
        QCOMPARE(social::call(*desk.link, SubSignal::DA, active).code(), v1::ERR_NONE);
        std::optional<v1::ActivityNotice> heard = nextPush<v1::ActivityNotice>(*laptop, SubSignal::DAN);
        QVERIFY(heard);
        QVERIFY(heard->active());
        QCOMPARE(QString::fromStdString(heard->device_id()), desk.login.deviceId);
        active.set_active(false);
        QCOMPARE(social::call(*desk.link, SubSignal::DA, active).code(), v1::ERR_NONE);
        heard = nextPush<v1::ActivityNotice>(*laptop, SubSignal::DAN);
        QVERIFY(heard);
        QVERIFY(!heard->active());
        QCOMPARE(social::call(*laptop, SubSignal::MP, pull).pulled().head_seq(), head); // nothing kept

        // Neither the device itself nor a friend hears it: their next pushes are a message.
        QCOMPARE(social::call(*laptop, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.id(), "hi", 1)).code(),
                 v1::ERR_NONE);
        for (RawClient *link : {desk.link.get(), bob.link.get()}) {
            for (;;) {
                const std::optional<Frame> push = link->waitFor(Signal::Push);
                QVERIFY(push);
                QVERIFY(push->subSignal != SubSignal::DAN);
                const v1::InboxItem item = fromBytes<v1::InboxItem>(push->payload).value_or(v1::InboxItem());
                if (item.has_message())
                    break;
            }
        }
    }
    void whatMyRequestsMakeIsPushedToMeInOrder()
    {
        // Every inbox item a device's own request makes is pushed to that device too, after the reply: its
        // sequence never has a hole to pull.
        RawUser alice = person();
        RawUser bob = person();
        const RawUser carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const v1::Result bobs =
            social::call(*bob.link, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, alice.id(), "hi", 1));
        QCOMPARE(bobs.code(), v1::ERR_NONE);

        RawClient desk(m_server->fingerprint()); // the same device, linked again: it knows the head
        QVERIFY(desk.connectTo(m_server->tlsPort()));
        const std::optional<v1::ConnectAck> ack =
            desk.connectSession(alice.login.userId, alice.login.token, alice.login.deviceId);
        QVERIFY(ack && ack->code() == v1::CONNECTION_ACCEPTED);

        const v1::Result sent =
            social::call(desk, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.id(), "hello", 1));
        QCOMPARE(sent.code(), v1::ERR_NONE);
        const qint64 uid = sent.sent().message_uid();
        QCOMPARE(social::edit(desk, uid, "hello, Bob").code(), v1::ERR_NONE);
        QCOMPARE(social::react(desk, uid, "👍").code(), v1::ERR_NONE);
        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        QCOMPARE(social::call(desk, SubSignal::MR, recall).code(), v1::ERR_NONE);
        v1::ProgressReport read;
        v1::ConversationPoint *point = read.add_points();
        point->set_conversation_type(v1::CONVERSATION_PRIVATE);
        point->set_target(bob.id().toStdString());
        point->set_seq(bobs.sent().conversation_seq());
        QCOMPARE(social::call(desk, SubSignal::MRD, read).code(), v1::ERR_NONE);
        QCOMPARE(social::addFriend(desk, carol.id()).code(), v1::ERR_NONE);
        v1::SetRemarkRequest remark;
        remark.set_user_id(bob.id().toStdString());
        remark.set_remark("Bobby");
        QCOMPARE(social::call(desk, SubSignal::FRM, remark).code(), v1::ERR_NONE);

        const QList<v1::InboxItem::ItemCase> made = {
            v1::InboxItem::kMessage,  v1::InboxItem::kEdit,          v1::InboxItem::kReaction, v1::InboxItem::kRecall,
            v1::InboxItem::kProgress, v1::InboxItem::kFriendRequest, v1::InboxItem::kContact};
        QList<v1::InboxItem::ItemCase> pushed;
        quint64 seq = ack->inbox_head();
        while (pushed.size() < made.size()) {
            const std::optional<Frame> push = desk.waitFor(Signal::Push);
            QVERIFY(push);
            QVERIFY(push->subSignal != SubSignal::MNH);
            if (push->subSignal != SubSignal::MN)
                continue;
            const v1::InboxItem item = fromBytes<v1::InboxItem>(push->payload).value_or(v1::InboxItem());
            QCOMPARE(item.seq(), ++seq);
            pushed.append(item.item_case());
        }
        QCOMPARE(pushed, made);
        v1::PullRequest pull;
        pull.set_after_seq(seq);
        QCOMPARE(social::call(desk, SubSignal::MP, pull).pulled().items_size(), 0); // nothing left to pull
    }
};

QTEST_GUILESS_MAIN(TestAcrossDevices)
#include "tst_acrossdevices.moc"
