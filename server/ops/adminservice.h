#pragma once

#include "protocol/result.h"
#include "server/ops/admincommands.h"

#include <QObject>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace parley::server {

class IClock;
class SessionRegistry;
class StoreExecutor;

// The operator's commands (AdminCommands) served on a Unix socket in the data directory, DATA_DIR/parleyd.admin
// (`parleyd admin` is its client): only who may open the data directory — parleyd's user, root — may
// connect. One JSON request per link, one line: {"command": "ban", "args": ["+8613…"]}; one JSON answer line:
// {"ok": true, "result": {…}} or {"ok": false, "code": "ERR_NOT_FOUND", "error": "…"}. Every command is logged
// (parleyd.admin). Main thread.
class AdminService final : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMaxRequestBytes = 4096;
    static constexpr int kRequestTimeoutMs = 10000; // a link that sends no whole request by then is closed

    // `reports`: a connection of its own to the same store, for the commands that only read a lot
    // (AdminCommands::onlyReads).
    AdminService(StoreExecutor &store, StoreExecutor &reports, SessionRegistry &registry, const IClock &clock,
                 const AccountDeletion &deletion, QObject *parent = nullptr);
    ~AdminService() override;

    static QString socketPath(const QString &dataDir);
    Result<Done> listen(const QString &dataDir);
    void close();

private:
    void onConnection();
    void onReadable(QLocalSocket *socket);
    void answer(QLocalSocket *socket, const QJsonObject &answer);

    StoreExecutor &m_store;
    StoreExecutor &m_reports;
    SessionRegistry &m_registry;
    AdminCommands m_commands;
    QLocalServer *m_server;
};

} // namespace parley::server
