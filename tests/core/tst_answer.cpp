// Answer and Promise: every request made through the client's API gets exactly one answer, on the thread that
// made it, and an answer for a view that is gone is dropped.

#include "core/api/answer.h"
#include "core/client.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/memorytokenstore.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace parley;
using namespace Qt::StringLiterals;

class TestAnswer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answeredOnTheHomeThreadOnce()
    {
        QObject home;
        Promise<int> promise(&home);
        const Answer<int> answer = promise.answer();
        QThread *seenOn = nullptr;
        int calls = 0;
        int value = 0;
        answer.then(&home, [&](const Result<int> &r) {
            seenOn = QThread::currentThread();
            ++calls;
            value = r.value();
        });
        std::unique_ptr<QThread> worker(QThread::create([promise] {
            promise.resolve(42);
            promise.resolve(7); // the first answer counts
        }));
        worker->start();
        QVERIFY(worker->wait(5000));
        QVERIFY(!answer.isReady()); // delivered through the home thread's event loop, never from the worker
        QTRY_COMPARE(calls, 1);
        QCOMPARE(seenOn, QThread::currentThread());
        QCOMPARE(value, 42);
        QCOMPARE(answer.result().value(), 42);
        // A handler added once the answer is there is called at once.
        int late = 0;
        answer.then(&home, [&](const Result<int> &r) { late = r.value(); });
        QCOMPARE(late, 42);
    }

    void anUnresolvedPromiseIsAnsweredCancelled()
    {
        QObject home;
        std::optional<Answer<QString>> answer;
        {
            Promise<QString> promise(&home);
            answer = promise.answer();
        } // dropped unanswered, as when the engine stops with the request in flight
        const Result<QString> result = awaitAnswer(*answer, 5000);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }

    void noHandlerForAContextThatIsGone()
    {
        QObject home;
        Promise<int> promise(&home);
        auto context = std::make_unique<QObject>();
        bool called = false;
        promise.answer().then(context.get(), [&](const Result<int> &) { called = true; });
        context.reset(); // the dialog closed before the server answered
        promise.resolve(1);
        QVERIFY(awaitAnswer(promise.answer(), 5000));
        QVERIFY(!called);
    }

    void theDataFolderIsTheUsersAlone()
    {
        // The cache, the media and the settings live in it: others lose any access they had.
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                      QFile::ExeOther));
        ClientOptions options;
        options.dataDir = dir.path();
        options.port = 1;
        Client client(options, std::make_unique<MemoryTokenStore>());
        QCOMPARE(QFileInfo(dir.path()).permissions() &
                     (QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther),
                 QFile::Permissions());
    }

    void requestsWithoutAnAccountAreAnsweredLoggedOut()
    {
        QTemporaryDir dir;
        ClientOptions options;
        options.dataDir = dir.path();
        options.port = 1; // nothing is asked of a server
        Client client(options, std::make_unique<MemoryTokenStore>());
        const Result<ChatMessage> sent =
            awaitAnswer(client.messages().sendText(ConversationKey::withUser(u"bob"_s), u"hi"_s), 5000);
        QVERIFY(!sent);
        QCOMPARE(sent.error().code, ErrorCode::LoggedOut);
        const Result<GroupInfo> created = awaitAnswer(client.groups().create(u"g"_s, {u"bob"_s}), 5000);
        QCOMPARE(created.error().code, ErrorCode::LoggedOut);
    }
};

QTEST_GUILESS_MAIN(TestAnswer)
#include "tst_answer.moc"
