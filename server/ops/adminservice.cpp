#include "server/ops/adminservice.h"

#include "parley.pb.h"
#include "server/logging.h"
#include "server/storage/storeexecutor.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QJsonObject failure(const Error &error)
{
    const int code = int(error.code);
    const QString name = v1::ErrorCode_IsValid(code) ? QString::fromStdString(v1::ErrorCode_Name(v1::ErrorCode(code)))
                                                     : QString::number(code);
    return QJsonObject{{u"ok"_s, false}, {u"code"_s, name}, {u"error"_s, error.message}};
}

} // namespace

AdminService::AdminService(StoreExecutor &store, StoreExecutor &reports, SessionRegistry &registry, const IClock &clock,
                           const AccountDeletion &deletion, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_reports(reports),
      m_registry(registry),
      m_commands(registry, clock, deletion),
      m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &AdminService::onConnection);
}

AdminService::~AdminService()
{
    close();
}

QString AdminService::socketPath(const QString &dataDir)
{
    return QDir(dataDir).absoluteFilePath(u"parleyd.admin"_s);
}

Result<Done> AdminService::listen(const QString &dataDir)
{
    const QString path = socketPath(dataDir);
    QLocalServer::removeServer(path); // left by a parleyd that was killed: this one holds the data directory's lock
    if (!m_server->listen(path))
        return Error(ErrorCode::Unavailable,
                     u"cannot open the admin socket %1: %2"_s.arg(path, m_server->errorString()));
    return Done{};
}

void AdminService::close()
{
    if (m_server->isListening())
        m_server->close();
}

void AdminService::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadable(socket); });
        QTimer::singleShot(kRequestTimeoutMs, socket, [socket] {
            if (!socket->property("answering").toBool())
                socket->abort();
        });
    }
}

void AdminService::onReadable(QLocalSocket *socket)
{
    if (socket->property("answering").toBool())
        return;
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequestBytes) {
            socket->setProperty("answering", true);
            answer(socket, failure(Error(ErrorCode::TooLarge, u"a request is one line of at most 4096 bytes"_s)));
        }
        return;
    }
    socket->setProperty("answering", true);
    const QByteArray line = socket->readLine(kMaxRequestBytes + 1).trimmed();
    QJsonParseError parseError;
    const QJsonDocument request = QJsonDocument::fromJson(line, &parseError);
    const QJsonValue command = request.object().value(u"command"_s);
    const QJsonValue args = request.object().value(u"args"_s);
    if (!request.isObject() || !command.isString() || !(args.isArray() || args.isUndefined())) {
        answer(socket, failure(Error(ErrorCode::MalformedRequest, u"expected {\"command\": …, \"args\": […]}"_s)));
        return;
    }
    QStringList words;
    for (const QJsonValue &arg : args.toArray()) {
        if (!arg.isString()) {
            answer(socket, failure(Error(ErrorCode::MalformedRequest, u"every argument is a string"_s)));
            return;
        }
        words.append(arg.toString());
    }
    const Result<AdminCommands::Rule> rule = m_commands.rule(command.toString(), words);
    if (!rule) {
        answer(socket, failure(rule.error()));
        return;
    }
    const QPointer<QLocalSocket> link(socket);
    const QString name = command.toString();
    // The answer comes back to this thread; the link may have gone by then.
    auto reply = [this, link](QJsonObject json) {
        QMetaObject::invokeMethod(
            this,
            [this, link, json = std::move(json)] {
                if (link)
                    answer(link.data(), json);
            },
            Qt::QueuedConnection);
    };
    StoreExecutor &executor = AdminCommands::onlyReads(name) ? m_reports : m_store;
    executor.submit<Result<AdminCommands::Answer>>(
        [work = rule.value()](IStore &store) { return work(store); },
        [registry = &m_registry, reply, name](Result<AdminCommands::Answer> done) {
            if (!done) {
                qCInfo(lcAdmin).noquote() << "admin" << name << "refused:" << done.error().message;
                reply(failure(done.error()));
                return;
            }
            if (done->afterCommit)
                done->afterCommit(*registry);
            qCInfo(lcAdmin).noquote() << "admin" << name << "done:" << done->logLine;
            reply(QJsonObject{{u"ok"_s, true}, {u"result"_s, done->result}});
        },
        [reply, name](const Error &error) {
            qCWarning(lcAdmin).noquote() << "admin" << name << "failed:" << error.message;
            reply(failure(error));
        });
}

void AdminService::answer(QLocalSocket *socket, const QJsonObject &answer)
{
    socket->write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n');
    socket->disconnectFromServer(); // after what is written has gone
}

} // namespace parley::server
