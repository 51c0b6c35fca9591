#include "server/files/fileservice.h"

#include "server/routing/requestrouter.h"
#include "server/storage/lockkey.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void FileService::addRoutes(RequestRouter &router)
{
    const RequestPolicy plain{RequestPolicy::Access::AfterConnect, RequestPolicy::Budget::None};
    const FileLedger *ledger = &m_ledger;
    router.add<v1::UploadTokenRequest>(
        SubSignal::GQNUT, plain,
        [ledger](IStore &store, const Call &call, const v1::UploadTokenRequest &r) {
            return ledger->uploadToken(store, call, r);
        },
        [](const v1::UploadTokenRequest &r) -> std::optional<Error> {
            if (!r.sha256().empty() && r.sha256().size() != size_t(FileLedger::kSha256Bytes))
                return Error(ErrorCode::MalformedRequest, u"sha256 must be 32 bytes, or none"_s);
            if (r.sha256().empty() && r.size() == 0) // nothing to send while hashing
                return Error(ErrorCode::MalformedRequest, u"an empty file needs its sha256"_s);
            return FileLedger::checkDescription(QString::fromStdString(r.mime_type()),
                                                QString::fromStdString(r.file_name()));
        },
        [](const AuthenticatedUser &, const v1::UploadTokenRequest &r) {
            // A proof makes a new file of stored content: under the content's lock, as collecting it is.
            return r.challenge().empty() ? QList<qint64>()
                                         : QList<qint64>{LockKey::ofContent(QByteArray::fromStdString(r.sha256()))};
        });
    router.addOnNetworkThread<v1::DownloadGrantRequest>(
        SubSignal::FDG, plain,
        [ledger](const Call &call, const v1::DownloadGrantRequest &) { return ledger->downloadGrant(call); });
}

} // namespace parley::server
