#pragma once

#include "core/auth/itokenstore.h"

// The token of a session the benchmark logged in itself, handed to a real Client as if it came from the
// keychain (the sync benchmark measures the sync, not the keychain).
class PresetTokenStore final : public parley::ITokenStore {
    Q_OBJECT

public:
    explicit PresetTokenStore(QString token, QObject *parent = nullptr) : ITokenStore(parent), m_token(std::move(token))
    {
    }

    void read(const QString &, std::function<void(parley::Result<QString>)> done) override { done(m_token); }
    void write(const QString &, const QString &token, std::function<void(parley::Result<parley::Done>)> done) override
    {
        m_token = token;
        done(parley::Done{});
    }
    void remove(const QString &, std::function<void(parley::Result<parley::Done>)> done) override
    {
        m_token.clear();
        done(parley::Done{});
    }

private:
    QString m_token;
};
