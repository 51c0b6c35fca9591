#pragma once

#include "protocol/error.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>

#include <optional>
#include <string>
#include <utility>

namespace parley::server {

// The header fields the files port reads and the status it answers with, in Qt's types.

QString text(boost::beast::string_view s);
std::string str(const QString &s);
// tus Upload-Metadata: "key base64,key base64".
QHash<QString, QByteArray> parseMetadata(const QString &header);
std::optional<quint64> parseNumber(boost::beast::string_view s);
// A single byte range "bytes=a-b", "bytes=a-" or "bytes=-n" of a file of `size` bytes: [first, last].
std::optional<std::pair<quint64, quint64>> parseRange(const QString &header, quint64 size);
boost::beast::http::status httpStatusOf(ErrorCode code);

} // namespace parley::server
