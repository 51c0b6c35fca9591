#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace google::protobuf {
class Descriptor;
class Message;
} // namespace google::protobuf

namespace parley {

// What protobuf lets through but a request must not carry. Each check returns what is wrong, in words naming
// the field ("members[2] must be a string"), or nothing.
class StrictPayload {
public:
    // JSON content against the schema of `type`, before protobuf reads it: every known member must have its
    // field's JSON type (a list for a repeated field, true or false for a boolean, a string for text and bytes,
    // a number or a numeric string for a number, an object for a message, and for an enum one of its names
    // or numbers). null is the field's default. Members the schema does not know are ignored.
    static std::optional<QString> jsonMismatch(const QJsonValue &content, const google::protobuf::Descriptor &type);

    // An enum field holding a number its enum does not define (proto3 keeps any), at any depth.
    static std::optional<QString> undefinedEnum(const google::protobuf::Message &message);
};

} // namespace parley
