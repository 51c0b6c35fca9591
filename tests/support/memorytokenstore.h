#pragma once

#include "core/auth/itokenstore.h"

#include <QHash>
#include <QTimer>

// An ITokenStore in memory for unit tests that are not about the keychain (the keychain itself is tested
// for real in tst_keychain under dbus-run-session). `available = false` behaves like a machine without
// a keychain.
class MemoryTokenStore final : public parley::ITokenStore {
    Q_OBJECT

public:
    using Shelf = std::shared_ptr<QHash<QString, QString>>;

    // Stores sharing a shelf see each other's tokens, like two runs of the app on one keychain.
    explicit MemoryTokenStore(Shelf shelf = std::make_shared<QHash<QString, QString>>(), bool available = true,
                              QObject *parent = nullptr)
        : ITokenStore(parent), tokens(std::move(shelf)), m_available(available)
    {
    }

    void read(const QString &key, std::function<void(parley::Result<QString>)> done) override
    {
        later([=, this] {
            if (!m_available)
                done(parley::Error(parley::ErrorCode::KeychainUnavailable));
            else if (!tokens->contains(key))
                done(parley::Error(parley::ErrorCode::NotFound));
            else
                done(tokens->value(key));
        });
    }
    void write(const QString &key, const QString &token,
               std::function<void(parley::Result<parley::Done>)> done) override
    {
        later([=, this] {
            if (!m_available) {
                done(parley::Error(parley::ErrorCode::KeychainUnavailable));
                return;
            }
            tokens->insert(key, token);
            done(parley::Done{});
        });
    }
    void remove(const QString &key, std::function<void(parley::Result<parley::Done>)> done) override
    {
        later([=, this] {
            tokens->remove(key);
            done(parley::Done{});
        });
    }

    Shelf tokens;

private:
    void later(std::function<void()> f) { QTimer::singleShot(0, this, std::move(f)); }
    bool m_available;
};
