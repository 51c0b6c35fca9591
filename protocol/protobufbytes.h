#pragma once

#include <google/protobuf/message_lite.h>

#include <QByteArray>

#include <optional>
#include <string>

namespace parley {

// A protobuf message as the payload bytes of a frame, and back.
inline QByteArray toBytes(const google::protobuf::MessageLite &message)
{
    const std::string bytes = message.SerializeAsString();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

// The message in `bytes`, or nothing if they do not parse as T.
template <typename T>
std::optional<T> fromBytes(const QByteArray &bytes)
{
    T message;
    if (!message.ParseFromArray(bytes.constData(), int(bytes.size())))
        return std::nullopt;
    return message;
}

} // namespace parley
