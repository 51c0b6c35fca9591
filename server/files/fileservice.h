#pragma once

#include "server/files/fileledger.h"

namespace parley::server {

class RequestRouter;

// The routes of files on the long connection: GQNUT (an upload grant, or instant send with a proof) and FDG
// (a download grant). The bytes themselves go over the files port (TransferServer).
class FileService {
public:
    explicit FileService(const FileLedger &ledger) : m_ledger(ledger) {}

    void addRoutes(RequestRouter &router);

private:
    const FileLedger &m_ledger;
};

} // namespace parley::server
