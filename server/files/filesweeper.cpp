#include "server/files/filesweeper.h"

#include "server/logging.h"
#include "server/storage/lockkey.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

void FileSweeper::collect(qint64 nowMs, qint64 uploadGraceMs, qint64 orphanGraceMs)
{
    const FileLedger *files = &m_files;
    m_store.submit<FileLedger::Garbage>(
        [files, nowMs, uploadGraceMs, orphanGraceMs](IStore &s) {
            return files->collect(s, nowMs, uploadGraceMs, orphanGraceMs, kMaxCollectedPerRun);
        },
        [this](FileLedger::Garbage garbage) {
            if (garbage.uploads.isEmpty() && garbage.blobs.isEmpty())
                return;
            qCInfo(lcFiles) << "removing" << garbage.uploads.size() << "abandoned uploads and" << garbage.blobs.size()
                            << "unused files";
            sweep(garbage);
        },
        {});
}

void FileSweeper::sweep(const FileLedger::Garbage &garbage)
{
    const FileLedger *files = &m_files;
    for (qsizetype first = 0; first == 0 || first < garbage.blobs.size(); first += kBlobsPerRemoval) {
        FileLedger::Garbage part{first == 0 ? garbage.uploads : QStringList(),
                                 garbage.blobs.mid(first, kBlobsPerRemoval)};
        if (part.uploads.isEmpty() && part.blobs.isEmpty())
            return;
        QList<qint64> contents;
        for (const QByteArray &sha256 : std::as_const(part.blobs))
            contents.append(LockKey::ofContent(sha256));
        m_store.submit<Done>(
            [files, part](IStore &s) {
                files->removeGarbage(s, part);
                return Done{};
            },
            {}, {}, contents);
    }
}

} // namespace parley::server
