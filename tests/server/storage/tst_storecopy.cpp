// parleyd --copy-to: a server's SQLite store moved into PostgreSQL (registered only in the postgres fixture).
// Users chat one-to-one and in a group, befriend, remark, block, edit, react and recall on a server on SQLite;
// after the copy a server on PostgreSQL gives every user the same inbox, history and contacts, the same
// tokens still log in, new ids go on after the copied ones, and copying into a database with data is refused.

#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"
#include "tests/support/testpostgres.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

QString hexOf(const google::protobuf::MessageLite &message)
{
    return QString::fromLatin1(QByteArray::fromStdString(message.SerializeAsString()).toHex());
}

// Everything a user's devices can ask the server for, in one comparable text.
QStringList viewOf(RawClient &link, const QStringList &peers, const QString &groupId)
{
    QStringList view;
    quint64 after = 0;
    for (;;) {
        v1::PullRequest pull;
        pull.set_after_seq(after);
        pull.set_limit(100);
        const v1::Result page = social::call(link, SubSignal::MP, pull);
        if (page.code() != v1::ERR_NONE)
            return {u"MP failed"_s};
        for (const v1::InboxItem &item : page.pulled().items()) {
            view << u"inbox %1 %2"_s.arg(item.seq()).arg(hexOf(item));
            after = item.seq();
        }
        if (!page.pulled().has_more())
            break;
    }
    const auto historyOf = [&view, &link](v1::ConversationType type, const QString &target) {
        const v1::HistoryResult h = social::history(link, type, target);
        for (const v1::Message &m : h.messages())
            view << u"history %1 %2"_s.arg(target, hexOf(m));
        view << u"progress %1 %2 %3"_s.arg(target, hexOf(h.peer()), hexOf(h.mine()));
    };
    for (const QString &peer : peers)
        historyOf(v1::CONVERSATION_PRIVATE, peer);
    historyOf(v1::CONVERSATION_GROUP, groupId);
    const v1::Result contacts = social::call(link, SubSignal::FP, v1::FriendListRequest());
    for (const v1::Contact &c : contacts.contacts().contacts())
        view << u"contact "_s + hexOf(c);
    return view;
}

} // namespace

class TestStoreCopy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyUserSeesTheSameAfterTheCopy()
    {
        QTemporaryDir sqliteDir;
        const QString sqlitePath = sqliteDir.filePath(u"parleyd.sqlite"_s);
        ParleydProcess before({u"--database"_s, u"sqlite:"_s + sqlitePath, u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(before.start());
        std::vector<RawUser> users;
        for (int i = 0; i < 3; ++i) {
            users.push_back(rawUser(before, nextPhone()));
            QVERIFY(users.back().link);
        }
        RawClient &alice = *users[0].link;
        RawClient &bob = *users[1].link;
        RawClient &carol = *users[2].link;
        QVERIFY(social::befriend(alice, bob, users[1].id()));
        QVERIFY(social::befriend(alice, carol, users[2].id()));
        v1::SetRemarkRequest remark;
        remark.set_user_id(users[1].id().toStdString());
        remark.set_remark("Bobby");
        QCOMPARE(social::call(alice, SubSignal::FRM, remark).code(), v1::ERR_NONE);
        v1::BlockRequest block;
        block.set_user_id(users[0].id().toStdString());
        block.set_blocked(true);
        QCOMPARE(social::call(carol, SubSignal::BLK, block).code(), v1::ERR_NONE);
        block.set_blocked(false);
        QCOMPARE(social::call(carol, SubSignal::BLK, block).code(), v1::ERR_NONE);

        quint32 n = 0;
        QList<qint64> sent;
        for (int i = 0; i < 5; ++i) {
            const v1::Result r =
                social::call(alice, SubSignal::MS,
                             social::text(v1::CONVERSATION_PRIVATE, users[1].id(), "hi " + std::to_string(i), ++n));
            QCOMPARE(r.code(), v1::ERR_NONE);
            sent.append(r.sent().message_uid());
        }
        QCOMPARE(
            social::call(bob, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, users[0].id(), "你好", ++n)).code(),
            v1::ERR_NONE);
        const v1::Result group = social::createGroup(alice, u"Walkers"_s, {users[1].id(), users[2].id()});
        QCOMPARE(group.code(), v1::ERR_NONE);
        const QString groupId = QString::fromStdString(group.group().group_id());
        for (RawClient *who : {&alice, &bob, &carol})
            QCOMPARE(social::call(*who, SubSignal::MS, social::text(v1::CONVERSATION_GROUP, groupId, "on my way", ++n))
                         .code(),
                     v1::ERR_NONE);
        QCOMPARE(social::edit(alice, sent[1], "hi again").code(), v1::ERR_NONE);
        QCOMPARE(social::react(bob, sent[2], "👍").code(), v1::ERR_NONE);
        v1::RecallRequest recall;
        recall.set_message_uid(sent[3]);
        QCOMPARE(social::call(alice, SubSignal::MR, recall).code(), v1::ERR_NONE);

        const QStringList ids{users[0].id(), users[1].id(), users[2].id()};
        QList<QStringList> views;
        for (int i = 0; i < 3; ++i) {
            QStringList peers = ids;
            peers.removeAt(i);
            views.append(viewOf(*users[i].link, peers, groupId));
            QVERIFY(views.last().size() > 5);
        }
        QList<TestLogin> logins;
        for (const RawUser &u : users)
            logins.append(u.login);
        users.clear();
        QCOMPARE(before.stop(), 0);

        // The copy, as an operator runs it: parleyd stopped, same data directory.
        const QString target = TestPostgres::createDatabase();
        QVERIFY(!target.isEmpty());
        QProcess copy;
        copy.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        copy.start(QStringLiteral(PARLEYD_PATH), {u"--data-dir"_s, before.dataDir(), u"--database"_s,
                                                  u"sqlite:"_s + sqlitePath, u"--copy-to"_s, target});
        QVERIFY(copy.waitForFinished(60000));
        QCOMPARE(copy.exitCode(), 0);
        QVERIFY2(copy.readAllStandardOutput().startsWith("parleyd copied "), "the copy says how much it copied");

        ParleydProcess after({u"--database"_s, target, u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(after.start());
        // The same tokens log in, and every user's devices see what they saw.
        std::vector<std::unique_ptr<RawClient>> links;
        for (int i = 0; i < 3; ++i) {
            links.push_back(connectRaw(after, logins[i]));
            QVERIFY2(links.back(), "a device's token from before the copy is accepted");
            QStringList peers = ids;
            peers.removeAt(i);
            QCOMPARE(viewOf(*links.back(), peers, groupId), views[i]);
        }

        // Ids go on after the copied ones: a new message, a new user, a new group.
        const v1::Result next = social::call(*links[0], SubSignal::MS,
                                             social::text(v1::CONVERSATION_PRIVATE, ids[1], "after the move", ++n));
        QCOMPARE(next.code(), v1::ERR_NONE);
        QVERIFY(next.sent().message_uid() > sent.last());
        RawUser dave = rawUser(after, nextPhone());
        QVERIFY(dave.link);
        QCOMPARE(social::createGroup(*links[0], u"Later"_s, {ids[1]}).code(), v1::ERR_NONE);
        links.clear();
        dave.link.reset();
        QCOMPARE(after.stop(), 0);

        // Into a database that has Parley data now: refused, nothing written.
        QProcess refused;
        refused.start(QStringLiteral(PARLEYD_PATH), {u"--data-dir"_s, before.dataDir(), u"--database"_s,
                                                     u"sqlite:"_s + sqlitePath, u"--copy-to"_s, target});
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY2(refused.readAllStandardError().contains("already holds Parley data"), "says why");
    }
};

QTEST_GUILESS_MAIN(TestStoreCopy)
#include "tst_storecopy.moc"
