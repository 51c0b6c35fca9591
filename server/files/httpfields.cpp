#include "server/files/httpfields.h"

#include <QStringList>

namespace parley::server {

namespace http = boost::beast::http;
using namespace Qt::StringLiterals;

QString text(boost::beast::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string str(const QString &s)
{
    return s.toStdString();
}

QHash<QString, QByteArray> parseMetadata(const QString &header)
{
    QHash<QString, QByteArray> metadata;
    for (const QString &pair : header.split(u',', Qt::SkipEmptyParts)) {
        const QStringList kv = pair.trimmed().split(u' ', Qt::SkipEmptyParts);
        if (!kv.isEmpty())
            metadata.insert(kv.first(), kv.size() > 1 ? QByteArray::fromBase64(kv[1].toLatin1()) : QByteArray());
    }
    return metadata;
}

std::optional<quint64> parseNumber(boost::beast::string_view s)
{
    bool ok = false;
    const quint64 n = text(s).trimmed().toULongLong(&ok);
    return ok ? std::optional(n) : std::nullopt;
}

std::optional<std::pair<quint64, quint64>> parseRange(const QString &header, quint64 size)
{
    if (!header.startsWith(u"bytes="_s) || header.contains(u','))
        return std::nullopt;
    const QStringList parts = header.mid(6).split(u'-');
    if (parts.size() != 2 || size == 0)
        return std::nullopt;
    bool okFirst = false, okLast = false;
    if (parts[0].isEmpty()) { // the last n bytes
        const quint64 n = parts[1].toULongLong(&okLast);
        if (!okLast || n == 0)
            return std::nullopt;
        return std::pair(size - std::min(n, size), size - 1);
    }
    const quint64 first = parts[0].toULongLong(&okFirst);
    const quint64 last = parts[1].isEmpty() ? size - 1 : std::min(parts[1].toULongLong(&okLast), size - 1);
    if (!okFirst || (!parts[1].isEmpty() && !okLast) || first > last || first >= size)
        return std::nullopt;
    return std::pair(first, last);
}

boost::beast::http::status httpStatusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound: return http::status::not_found;
    case ErrorCode::TooLarge: return http::status::payload_too_large;
    case ErrorCode::QuotaExceeded: return http::status::insufficient_storage;
    case ErrorCode::StorageFull: return http::status::insufficient_storage;
    case ErrorCode::FileCorrupt: return http::status::unprocessable_entity;
    case ErrorCode::MalformedRequest: return http::status::bad_request;
    case ErrorCode::PermissionDenied: return http::status::unauthorized;
    default: return http::status::service_unavailable;
    }
}

} // namespace parley::server
