#pragma once

#include "core/auth/itokenstore.h"

namespace parley {

// ITokenStore on QtKeychain: the Secret Service (GNOME Keyring, KWallet) on Linux, the Keychain on
// macOS, the Credential Manager on Windows. The insecure plaintext fallback of QtKeychain stays off.
class KeychainTokenStore final : public ITokenStore {
    Q_OBJECT

public:
    explicit KeychainTokenStore(QString service, QObject *parent = nullptr);

    void read(const QString &key, std::function<void(Result<QString>)> done) override;
    void write(const QString &key, const QString &token, std::function<void(Result<Done>)> done) override;
    void remove(const QString &key, std::function<void(Result<Done>)> done) override;

private:
    QString m_service;
};

} // namespace parley
