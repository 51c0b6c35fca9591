#include "tests/fuzz/inprocessparleyd.h"

#include "protocol/frame.h"
#include "server/net/iauthenticator.h"
#include "server/net/irequesthandler.h"
#include "server/server.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <google/protobuf/stubs/logging.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReplyTimeoutMs = 10000; // a reply later than this is a hang: the fuzzer reports it
constexpr quint16 kMessageId = 7;
constexpr int kGrantTtlS = 30 * 24 * 3600; // fuzz_transfers' grants are made once

template <typename Message>
QByteArray bytesOf(const Message &message)
{
    return QByteArray::fromStdString(message.SerializeAsString());
}

} // namespace

InProcessParleyd::InProcessParleyd(int &argc, char **argv)
{
    // protobuf logs every string that is not UTF-8 it is asked to parse, and parleyd warns of every request it
    // refuses: millions of lines in a run.
    google::protobuf::SetLogHandler(nullptr);
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\n*.warning=false"_s);
    // The development code sender prints each code it sends (libFuzzer reports on stderr).
    if (!std::freopen("/dev/null", "w", stdout))
        __builtin_trap();
    m_app = std::make_unique<QCoreApplication>(argc, argv);
    // In memory where there is a tmpfs: every request that writes commits with fsync.
    m_dir = QDir(u"/dev/shm"_s).exists() ? std::make_unique<QTemporaryDir>(u"/dev/shm/parley-fuzz-XXXXXX"_s)
                                         : std::make_unique<QTemporaryDir>();
    // The harness is kept to the end, which libFuzzer reaches with exit(): the directory goes then.
    static QString s_dir;
    s_dir = m_dir->path();
    std::atexit([] { QDir(s_dir).removeRecursively(); });

    ServerConfig config;
    config.dataDir = m_dir->path();
    config.database = u"sqlite:"_s + QDir(m_dir->path()).filePath(u"parleyd.sqlite"_s);
    config.tlsPort = 0;
    config.wsPort = ServerConfig::kPortDisabled;
    config.filesPort = 0;
    config.opsPort = ServerConfig::kPortDisabled;
    config.ioThreads = 1;
    config.transferThreads = 1;
    config.codePhoneIntervalS = 0;
    config.codePhonePerHour = 1000000;
    config.codeAddressPerHour = 0;
    config.codeBlockPerHour = 0;
    config.allowStrangerMessages = 1;
    config.fileGrantTtlS = kGrantTtlS;
    m_server = std::make_unique<Server>(config);
    if (const Result<Done> started = m_server->start(); !started) {
        fprintf(stderr, "parleyd did not start: %s\n", qPrintable(started.error().message));
        __builtin_trap();
    }
    renewSessions();
}

void InProcessParleyd::renewSessions()
{
    m_a = logIn("+8613000000001", "fuzz-a");
    m_b = logIn("+8613000000002", "fuzz-b");
    if (!m_a || !m_b)
        __builtin_trap();
}

InProcessParleyd::~InProcessParleyd() = default;

int InProcessParleyd::filesPort() const
{
    return m_server->filesPort();
}

v1::Result InProcessParleyd::ask(const std::optional<AuthenticatedUser> &user, SubSignal subSignal,
                                 const QByteArray &payload)
{
    const RequestContext request{SessionRef{}, u"127.0.0.1"_s, user};
    auto replies = std::make_shared<std::atomic<int>>(0);
    auto result = std::make_shared<v1::Result>();
    QEventLoop loop;
    bool replied = false;
    QTimer::singleShot(kReplyTimeoutMs, &loop, &QEventLoop::quit);
    m_server->context().requests->dispatch(request, Frame{Signal::Publish, subSignal, kMessageId, payload},
                                           [&loop, &replied, replies, result](v1::Result r) {
                                               if (replies->fetch_add(1) > 0)
                                                   __builtin_trap(); // a second reply to one request
                                               *result = std::move(r);
                                               // Back on the main thread, whichever thread replied; `loop` outlives the
                                               // wait for exactly this.
                                               QMetaObject::invokeMethod(
                                                   qApp,
                                                   [&loop, &replied] {
                                                       replied = true;
                                                       loop.quit();
                                                   },
                                                   Qt::QueuedConnection);
                                           });
    if (!replied)
        loop.exec();
    if (!replied || !v1::ErrorCode_IsValid(result->code()))
        __builtin_trap(); // no reply in time, or a code outside the schema
    return *result;
}

std::optional<AuthenticatedUser> InProcessParleyd::logIn(const char *phone, const char *device)
{
    v1::CodeRequest code;
    code.set_phone(phone);
    if (ask(std::nullopt, SubSignal::RVC, bytesOf(code)).code() != v1::ERR_NONE)
        return std::nullopt;
    // The development code sender's file: "<time> <phone> <code> <purpose>" per line.
    QFile codes(QDir(m_dir->path()).filePath(u"verification-codes.log"_s));
    if (!codes.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray all = codes.readAll();
    const QByteArray needle = " " + QByteArray(phone) + " ";
    const qsizetype line = all.lastIndexOf(needle); // the fuzzer asks codes too
    const QList<QByteArray> last = all.mid(line + 1, all.indexOf('\n', line) - line - 1).split(' ');
    v1::LoginRequest login;
    login.set_phone(phone);
    login.set_code(last.value(1).toStdString());
    login.set_device_id(device);
    const v1::Result loggedIn = ask(std::nullopt, SubSignal::LGN, bytesOf(login));
    if (loggedIn.code() != v1::ERR_NONE)
        return std::nullopt;

    v1::ConnectRequest connect;
    connect.set_user_id(loggedIn.login().user_id());
    connect.set_token(loggedIn.login().token());
    connect.set_device_id(device);
    std::optional<AuthenticatedUser> user;
    QEventLoop loop;
    bool answered = false;
    m_server->context().authenticator->authenticate(connect, [&](ConnectOutcome outcome) {
        QMetaObject::invokeMethod(
            qApp,
            [&, outcome = std::move(outcome)] {
                user = outcome.user;
                answered = true;
                loop.quit();
            },
            Qt::QueuedConnection);
    });
    QTimer::singleShot(kReplyTimeoutMs, &loop, &QEventLoop::quit);
    if (!answered)
        loop.exec();
    if (!answered)
        __builtin_trap(); // no answer in time (libFuzzer's -timeout does not cover its initialization)
    return user;
}
