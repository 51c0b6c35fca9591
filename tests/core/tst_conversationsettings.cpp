// My conversation settings in the local cache (pin, mute until, marked unread, draft) and how they meet the
// server's: fields changed here and not yet taken keep this device's values, the rest take the server's; a
// list without a conversation resets it; the clock of mutes finds the ends.

#include "core/storage/conversationsettingsrepository.h"
#include "core/storage/localdatabase.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestConversationSettings : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalDatabase> m_db;

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<LocalDatabase>();
        QVERIFY(m_db->open(m_dir.filePath(u"%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction())))));
    }

    void cleanup() { m_db.reset(); }

    void settingsChangedHereSurviveTheServers()
    {
        // Fields changed here and not yet taken by the server keep this device's values; the others take the
        // server's; once the server has a change (and nothing changed since), the server's values win again.
        ConversationSettingsRepository settings(*m_db);
        using Field = ConversationSettingsRepository::Field;
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        const ConversationKey carol = ConversationKey::withUser(u"carol"_s);
        QVERIFY(settings.change(bob, Field::Draft, u"written offline"_s));
        QList<ConversationSettingsRepository::Pending> pending = settings.pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending[0].fields, int(Field::Draft));
        const ConversationSettings server{true, 0, false, u"older draft"_s};
        QVERIFY(settings.apply(bob, server)); // the pin comes, the draft stays
        QCOMPARE(*settings.settings(bob), (ConversationSettings{true, 0, false, u"written offline"_s}));
        const qint64 revision = pending[0].revision;
        QVERIFY(settings.change(bob, Field::Draft, u"written offline, and more"_s)); // while the first was away
        settings.sent(bob, revision);
        QCOMPARE(settings.pending().size(), 1); // the newer change is still to be sent
        settings.sent(bob, settings.pending()[0].revision);
        QVERIFY(settings.pending().isEmpty());
        QVERIFY(settings.apply(bob, ConversationSettings{true, 0, false, u"from the phone"_s}));
        QCOMPARE(settings.settings(bob)->draft, u"from the phone"_s);
        // The server's whole list without carol: her settings go back to the defaults, bob's stay.
        QVERIFY(settings.apply(carol, ConversationSettings{false, limits::kMutedForever, false, {}}));
        QCOMPARE(settings.resetAllBut({bob}), QList<ConversationKey>{carol});
        QCOMPARE(*settings.settings(carol), ConversationSettings{});
        // The clock of mutes.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(settings.apply(carol, ConversationSettings{false, now + 1000, false, {}}));
        QCOMPARE(settings.nextMuteEnd(now), now + 1000);
        QCOMPARE(settings.mutesEnded(now, now + 999), QList<ConversationKey>());
        QCOMPARE(settings.mutesEnded(now, now + 1000), QList<ConversationKey>{carol});
    }

};

QTEST_GUILESS_MAIN(TestConversationSettings)
#include "tst_conversationsettings.moc"
