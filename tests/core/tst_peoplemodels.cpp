// The people models on their own: names in the order people look them up (Chinese by their reading
// among Latin names — 阿明, "a ming", before Alice — and "#" last) with index letters; updates from whole
// lists as row-level changes a view can follow (checked by QAbstractItemModelTester); the pending
// friend-request badge by the clock; members with the owner first, then admins; friends found by pinyin
// and its initials as well as by name.

#include "core/models/contactlistmodel.h"
#include "core/models/friendrequestmodel.h"
#include "core/models/groupmembermodel.h"

#include "tests/support/modelcolumn.h"
#include <QAbstractItemModelTester>

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReadingsMs = 10000; // the transliterator's rules load on first use

Contact friendNamed(const QString &id, const QString &nickname, const QString &remark = {})
{
    Contact c;
    c.profile = UserProfile{id, nickname, {}, {}};
    c.isFriend = true;
    c.remark = remark;
    return c;
}

} // namespace

class TestPeopleModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void contactsInPhoneBookOrder()
    {
        ContactListModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContacts({friendNamed(u"1"_s, u"张伟"_s), friendNamed(u"2"_s, u"李娜"_s),
                           friendNamed(u"3"_s, u"Alice"_s), friendNamed(u"4"_s, u"王芳"_s),
                           friendNamed(u"5"_s, u"bob"_s), friendNamed(u"6"_s, u"阿明"_s), friendNamed(u"7"_s, u"123"_s),
                           friendNamed(u"8"_s, u"陈静"_s), friendNamed(u"9"_s, u"x"_s, u"欧阳锋"_s)});
        QCOMPARE(modelColumn(model, ContactListModel::DisplayNameRole),
                 (QStringList{u"阿明"_s, u"Alice"_s, u"bob"_s, u"陈静"_s, u"李娜"_s, u"欧阳锋"_s, u"王芳"_s, u"张伟"_s,
                              u"123"_s}));
        QCOMPARE(modelColumn(model, ContactListModel::SectionRole),
                 (QStringList{u"A"_s, u"A"_s, u"B"_s, u"C"_s, u"L"_s, u"O"_s, u"W"_s, u"Z"_s, u"#"_s}));

        // A remark moves its row; a removed friend goes; a blocked non-friend is not listed. Rows, not resets.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        Contact blocked = friendNamed(u"10"_s, u"Eve"_s);
        blocked.isFriend = false;
        blocked.blocked = true;
        model.setContacts({friendNamed(u"1"_s, u"张伟"_s, u"Aaron"_s), friendNamed(u"2"_s, u"李娜"_s),
                           friendNamed(u"3"_s, u"Alice"_s), friendNamed(u"4"_s, u"王芳"_s),
                           friendNamed(u"5"_s, u"bob"_s), friendNamed(u"6"_s, u"阿明"_s),
                           friendNamed(u"8"_s, u"陈静"_s), friendNamed(u"9"_s, u"x"_s, u"欧阳锋"_s), blocked});
        QCOMPARE(
            modelColumn(model, ContactListModel::DisplayNameRole),
            (QStringList{u"阿明"_s, u"Aaron"_s, u"Alice"_s, u"bob"_s, u"陈静"_s, u"李娜"_s, u"欧阳锋"_s, u"王芳"_s}));
        QCOMPARE(reset.size(), 0);
        QVERIFY(moved.size() >= 1);
        QCOMPARE(removed.size(), 1);
    }

    void friendsAreFoundByPinyinAndInitials()
    {
        ContactListModel model(nullptr);
        model.setContacts({friendNamed(u"1"_s, u"李明"_s), friendNamed(u"2"_s, u"韩梅梅"_s),
                           friendNamed(u"3"_s, u"Alice Chen"_s), friendNamed(u"4"_s, u"shan"_s, u"单田芳"_s)});
        QSortFilterProxyModel found;
        found.setSourceModel(&model);
        found.setFilterRole(ContactListModel::SearchTextRole);
        found.setFilterCaseSensitivity(Qt::CaseInsensitive);
        const auto search = [&](const QString &text) {
            found.setFilterFixedString(text);
            return modelColumn(found, ContactListModel::DisplayNameRole);
        };
        // As typed, at once; the readings follow on a pool thread and the rows say so.
        QCOMPARE(search(u"梅"_s), QStringList{u"韩梅梅"_s});
        QSignalSpy readings(&model, &QAbstractItemModel::dataChanged);
        QTRY_COMPARE_WITH_TIMEOUT(search(u"lm"_s), QStringList{u"李明"_s}, kReadingsMs);
        QCOMPARE(search(u"liming"_s), QStringList{u"李明"_s});
        QCOMPARE(search(u"li ming"_s), QStringList{u"李明"_s});
        QCOMPARE(search(u"HMM"_s), QStringList{u"韩梅梅"_s});
        QCOMPARE(search(u"chen"_s), QStringList{u"Alice Chen"_s}); // Latin names as they are
        // A surname read as one (单 is "shan", not "dan"), and the nickname under a remark still finds.
        QCOMPARE(search(u"shantianfang"_s), QStringList{u"单田芳"_s});
        QCOMPARE(search(u"dantianfang"_s), QStringList{});
        QVERIFY(!readings.isEmpty());
    }

    void pendingRequestsByTheClock()
    {
        qint64 now = 1000;
        FriendRequestModel model(nullptr, nullptr, [&now] { return now; });
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy badge(&model, &FriendRequestModel::pendingCountChanged);
        const auto request = [](qint64 id, bool incoming, FriendRequest::Status status, qint64 updated) {
            FriendRequest r;
            r.id = id;
            r.from = UserProfile{incoming ? u"other%1"_s.arg(id) : u"me"_s, {}, {}, {}};
            r.to = UserProfile{incoming ? u"me"_s : u"other%1"_s.arg(id), {}, {}, {}};
            r.incoming = incoming;
            r.status = status;
            r.updatedAtMs = updated;
            r.expiresAtMs = 5000;
            return r;
        };
        model.setRequests({request(1, true, FriendRequest::Status::Pending, 10),
                           request(2, true, FriendRequest::Status::Accepted, 30),
                           request(3, false, FriendRequest::Status::Pending, 20),
                           request(4, true, FriendRequest::Status::Pending, 40)});
        QCOMPARE(model.pendingCount(), 2); // incoming and waiting: 1 and 4
        QCOMPARE(modelColumn(model, FriendRequestModel::RequestIdRole), (QStringList{u"4"_s, u"2"_s, u"3"_s, u"1"_s}));
        QCOMPARE(badge.size(), 1);

        now = 6000; // past expiry: nothing waits any more, and it shows as expired
        model.setRequests(model.rows());
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(model.data(model.index(0), FriendRequestModel::StatusRole).toInt(),
                 int(FriendRequest::Status::Expired));
    }

    void membersOwnerFirst()
    {
        GroupMemberModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroupId(u"g"_s);
        const auto member = [](const QString &id, const QString &name, GroupRole role) {
            return GroupMember{UserProfile{id, name, {}, {}}, role, 0, 0};
        };
        model.setMembers(u"other"_s, {member(u"x"_s, u"X"_s, GroupRole::Member)}); // another group: ignored
        QCOMPARE(model.rowCount(), 0);
        model.setMembers(u"g"_s,
                         {member(u"1"_s, u"赵六"_s, GroupRole::Member), member(u"2"_s, u"Zed"_s, GroupRole::Admin),
                          member(u"3"_s, u"钱二"_s, GroupRole::Owner), member(u"4"_s, u"安安"_s, GroupRole::Member)});
        QCOMPARE(modelColumn(model, GroupMemberModel::UserIdRole), (QStringList{u"3"_s, u"2"_s, u"4"_s, u"1"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPeopleModels)
#include "tst_peoplemodels.moc"
