// parley-testclient: the client core in a process of its own, for tests that kill it. Speaks lines:
//   out: "code-requested", "logged-in <userId> <token>", "stored <n>" (outgoing written to the cache),
//        "added <n>" (incoming stored), "idle <messages>" (online, in sync, nothing unsent), "error <text>",
//        "progress <done> <total>" (bytes of a file on its way)
//   in:  the verification code, after "code-requested"
// The token comes and goes on the command line (an in-memory keychain), so a restart can resume.

#include "core/client.h"
#include "tests/support/memorytokenstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <iostream>
#include <string>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kIdleCheckMs = 100;

void say(const QString &line)
{
    printf("%s\n", qPrintable(line));
    fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption port(u"port"_s, u"parleyd TLS port"_s, u"n"_s);
    const QCommandLineOption pin(u"pin"_s, u"certificate fingerprint"_s, u"hex"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"client data directory"_s, u"dir"_s);
    const QCommandLineOption login(u"login"_s, u"log in with this phone (code read from stdin)"_s, u"phone"_s);
    const QCommandLineOption user(u"user"_s, u"resume this user id"_s, u"id"_s);
    const QCommandLineOption token(u"token"_s, u"with its token"_s, u"token"_s);
    const QCommandLineOption peer(u"peer"_s, u"the user id to chat with"_s, u"id"_s);
    const QCommandLineOption count(u"send"_s, u"messages to send to the peer"_s, u"n"_s, u"0"_s);
    const QCommandLineOption interval(u"interval-ms"_s, u"between messages"_s, u"ms"_s, u"5"_s);
    const QCommandLineOption exitAfterLogin(u"exit-after-login"_s, u"quit once logged in"_s);
    const QCommandLineOption exitWhenIdle(u"exit-when-idle"_s, u"quit once online, in sync and all sent"_s);
    const QCommandLineOption sendFile(u"send-file"_s, u"send this file to the peer (as a file) once online"_s,
                                      u"path"_s);
    parser.addOptions(
        {port, pin, dataDir, login, user, token, peer, count, interval, exitAfterLogin, exitWhenIdle, sendFile});
    parser.process(app);

    ClientOptions options;
    options.port = quint16(parser.value(port).toUInt());
    options.pinnedFingerprint = parser.value(pin);
    options.dataDir = parser.value(dataDir);
    options.timings.backoffInitialMs = 100;
    options.timings.backoffCapMs = 500;
    auto keychain = std::make_shared<QHash<QString, QString>>();
    if (parser.isSet(token))
        keychain->insert(u"127.0.0.1:%1/%2"_s.arg(options.port).arg(parser.value(user)), parser.value(token));
    Client client(options, std::make_unique<MemoryTokenStore>(keychain));
    const ConversationKey conversation = ConversationKey::withUser(parser.value(peer));

    int stored = 0, added = 0;
    QObject::connect(&client.messages(), &MessagesApi::messageAdded, &app, [&](const ChatMessage &m) {
        say(m.outgoing ? u"stored %1"_s.arg(++stored) : u"added %1"_s.arg(++added));
    });
    QObject::connect(&client, &Client::storageFailed, &app, [](const Error &e) { say(u"error "_s + e.message); });
    const auto sayIfFailed = [](const auto &result) {
        if (!result)
            say(u"error "_s + result.error().message);
    };
    const auto logIn = [&](const Result<CodeSent> &sent) {
        if (!sent) {
            sayIfFailed(sent);
            return;
        }
        say(u"code-requested"_s);
        std::string code;
        std::getline(std::cin, code);
        client.logIn(parser.value(login), QString::fromStdString(code)).then(&app, sayIfFailed);
    };
    QObject::connect(&client, &Client::loginRemembered, &app, [&] {
        say(u"logged-in %1 %2"_s.arg(client.userId(), keychain->cbegin().value()));
        if (parser.isSet(exitAfterLogin))
            QCoreApplication::quit();
    });

    // Sending starts once online; each message is written to the cache first (the outbox).
    const int toSend = parser.value(count).toInt();
    int sent = 0;
    QTimer writer;
    QObject::connect(&writer, &QTimer::timeout, &app, [&] {
        if (sent < toSend)
            client.messages().sendText(conversation, u"crash test %1"_s.arg(sent++));
        else
            writer.stop();
    });
    bool fileSent = !parser.isSet(sendFile);
    QObject::connect(&client.files(), &FilesApi::transferProgress, &app,
                     [](qint64, quint64 done, quint64 total) { say(u"progress %1 %2"_s.arg(done).arg(total)); });
    QObject::connect(&client, &Client::connectionStateChanged, &app, [&](ConnectionState state) {
        if (state == ConnectionState::Online && !fileSent) {
            fileSent = true;
            client.files().send(conversation, MediaDraft{parser.value(sendFile)}).then(&app, sayIfFailed);
        }
        if (state == ConnectionState::Online && toSend > 0 && !writer.isActive() && sent == 0)
            writer.start(parser.value(interval).toInt());
    });

    // Idle: online and in sync, everything written is acknowledged.
    QTimer idle;
    const auto quitIfIdle = [&](const Result<QList<ChatMessage>> &all) {
        if (!all)
            return;
        const bool allSent = std::none_of(all->cbegin(), all->cend(), [](const ChatMessage &m) {
            return m.state == MessageState::Sending || m.state == MessageState::Failed;
        });
        if (allSent && sent == toSend && client.connectionState() == ConnectionState::Online) {
            say(u"idle %1"_s.arg(all->size()));
            QCoreApplication::quit();
        }
    };
    if (parser.isSet(exitWhenIdle)) {
        QObject::connect(&idle, &QTimer::timeout, &app,
                         [&] { client.messages().fetchLatest(conversation, 1000000).then(&app, quitIfIdle); });
        idle.start(kIdleCheckMs);
    }

    if (parser.isSet(login))
        client.requestCode(parser.value(login)).then(&app, logIn);
    else
        client.resumeSession();
    return QCoreApplication::exec();
}
