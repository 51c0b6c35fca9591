#include "core/auth/keychaintokenstore.h"

#include "core/logging.h"

#include <qt6keychain/keychain.h>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

Error keychainError(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::EntryNotFound: return Error(ErrorCode::NotFound, u"nothing stored"_s);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied: return Error(ErrorCode::KeychainUnavailable, job->errorString());
    default: return Error(ErrorCode::KeychainUnavailable, job->errorString());
    }
}

// A job must outlive its asynchronous work: libsecret calls back with a raw pointer to it. So jobs get no
// parent (deleting the store must not delete a running job) and delete themselves when finished; the
// store being the connection's context means a finished job does not call back into a deleted store.
template <typename J>
J *prepare(J *job, const QString &key)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QString service, QObject *parent)
    : ITokenStore(parent), m_service(std::move(service))
{
}

void KeychainTokenStore::read(const QString &key, std::function<void(Result<QString>)> done)
{
    auto *job = prepare(new QKeychain::ReadPasswordJob(m_service), key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            done(keychainError(j));
            return;
        }
        done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
    });
    job->start();
}

void KeychainTokenStore::write(const QString &key, const QString &token, std::function<void(Result<Done>)> done)
{
    auto *job = prepare(new QKeychain::WritePasswordJob(m_service), key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            qCWarning(lcKeychain) << "cannot store the login in the keychain:" << j->errorString();
            done(keychainError(j));
            return;
        }
        done(Done{});
    });
    job->start();
}

void KeychainTokenStore::remove(const QString &key, std::function<void(Result<Done>)> done)
{
    auto *job = prepare(new QKeychain::DeletePasswordJob(m_service), key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            done(keychainError(j));
            return;
        }
        done(Done{});
    });
    job->start();
}

} // namespace parley
