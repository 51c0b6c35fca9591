#pragma once

#include "server/auth/icodesender.h"

namespace parley::server {

// For local use and tests: "sends" a code by printing it, to the log (category parleyd.devcodes), to
// stdout as "dev-code <phone> <code> <purpose>" (ICodeSender::purposeName), and to a file
// (DATA_DIR/verification-codes.log by default). It is the only place a code is ever written down, and only when chosen
// (the default for a local run).
class DevCodeSender final : public ICodeSender {
    Q_OBJECT

public:
    explicit DevCodeSender(QString filePath, QObject *parent = nullptr);

    void send(const QString &phone, const QString &code, CodePurpose purpose,
              std::function<void(const Error &)> done) override;

private:
    QString m_filePath;
};

} // namespace parley::server
