#pragma once

#include "protocol/error.h"

#include <QObject>
#include <QString>

#include <functional>

namespace parley::server {

// Delivers a verification code to a phone. Lives on the main thread; AuthService posts to it.
// `done` is called on the sender's thread with Error() on success or the reason it failed.
class ICodeSender : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ICodeSender() override = default;

    virtual void send(const QString &phone, const QString &code, std::function<void(const Error &)> done) = 0;
};

} // namespace parley::server
