#pragma once

#include "protocol/error.h"
#include "server/storage/records.h"

#include <QObject>
#include <QString>

#include <functional>

namespace parley::server {

// Delivers a verification code to a phone, saying what it is for: the message a person reads must tell a code that
// deletes their account from one that logs in. Lives on the main thread; AuthService posts to it.
// `done` is called on the sender's thread with Error() on success or the reason it failed.
class ICodeSender : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ICodeSender() override = default;

    virtual void send(const QString &phone, const QString &code, CodePurpose purpose,
                      std::function<void(const Error &)> done) = 0;

    // The purpose as senders name it: "login" or "delete-account".
    static QString purposeName(CodePurpose purpose)
    {
        return purpose == CodePurpose::DeleteAccount ? QStringLiteral("delete-account") : QStringLiteral("login");
    }
};

} // namespace parley::server
