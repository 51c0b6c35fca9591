#pragma once

#include "protocol/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace parley {

// Where the session token is remembered between runs: the operating system's keychain
// (KeychainTokenStore). Never a plain file. Asynchronous, like the keychains themselves; callbacks run
// on the store's thread (the GUI thread).
class ITokenStore : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ITokenStore() override = default;

    // NotFound when nothing is stored under the key; KeychainUnavailable when there is no keychain.
    virtual void read(const QString &key, std::function<void(Result<QString>)> done) = 0;
    virtual void write(const QString &key, const QString &token, std::function<void(Result<Done>)> done) = 0;
    virtual void remove(const QString &key, std::function<void(Result<Done>)> done) = 0;
};

} // namespace parley
