#include "core/files/filereply.h"

#include "core/files/transferthread.h"

namespace parley {

using namespace Qt::StringLiterals;

FileReply::FileReply(std::shared_ptr<TransferThread> thread, QObject *parent)
    : QObject(parent), m_thread(std::move(thread))
{
}

FileReply::~FileReply()
{
    if (m_id != 0 && !m_finished)
        m_thread->cancel(m_id);
}

QByteArray FileReply::rawHeader(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray FileReply::readAll()
{
    const QByteArray bytes = std::exchange(m_unread, QByteArray());
    if (!bytes.isEmpty() && !m_finished)
        m_thread->consumed(m_id, bytes.size());
    return bytes;
}

void FileReply::abort()
{
    if (m_finished)
        return;
    m_thread->cancel(m_id);
    onFinished(Error(ErrorCode::Cancelled, u"stopped"_s));
}

void FileReply::onHeaders(int status, const Headers &headers)
{
    m_status = status;
    m_headers = headers;
    Q_EMIT metaDataChanged();
}

void FileReply::onBody(const QByteArray &bytes)
{
    m_unread.append(bytes);
    Q_EMIT readyRead();
}

void FileReply::onWritten(qint64 end)
{
    m_writtenTo = end;
    Q_EMIT written();
}

void FileReply::onProgress(qint64 sent, qint64 total)
{
    Q_EMIT uploadProgress(sent, total);
}

void FileReply::onFinished(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace parley
