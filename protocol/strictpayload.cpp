#include "protocol/strictpayload.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace parley {

namespace {

std::optional<QString> checkObject(const QJsonObject &object, const Descriptor &type, const QString &path);

// The field a JSON member names: by its JSON name (lowerCamelCase) or its name in the schema, as protobuf reads.
const FieldDescriptor *fieldNamed(const Descriptor &type, const std::string &key)
{
    for (int i = 0; i < type.field_count(); ++i) {
        const FieldDescriptor *field = type.field(i);
        if (field->json_name() == key || field->name() == key)
            return field;
    }
    return nullptr;
}

std::optional<QString> checkEnum(const QJsonValue &value, const FieldDescriptor &field, const QString &path)
{
    const google::protobuf::EnumDescriptor &values = *field.enum_type();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number != std::trunc(number) || std::abs(number) > 2147483647.0 || !values.FindValueByNumber(int(number)))
            return u"%1: %2 is not one of its values"_s.arg(path).arg(number);
        return std::nullopt;
    }
    if (value.isString()) {
        if (!values.FindValueByName(value.toString().toStdString()))
            return u"%1: \"%2\" is not one of its values"_s.arg(path, value.toString());
        return std::nullopt;
    }
    return u"%1 must be one of its values, by number or name"_s.arg(path);
}

std::optional<QString> checkValue(const QJsonValue &value, const FieldDescriptor &field, const QString &path)
{
    switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
        if (!value.isBool())
            return u"%1 must be true or false"_s.arg(path);
        return std::nullopt;
    case FieldDescriptor::CPPTYPE_STRING:
        if (!value.isString())
            return u"%1 must be a string"_s.arg(path);
        return std::nullopt;
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
        if (!value.isDouble() && !value.isString()) // protobuf reads the number out of the string
            return u"%1 must be a number"_s.arg(path);
        return std::nullopt;
    case FieldDescriptor::CPPTYPE_ENUM: return checkEnum(value, field, path);
    case FieldDescriptor::CPPTYPE_MESSAGE:
        if (!value.isObject())
            return u"%1 must be an object"_s.arg(path);
        return checkObject(value.toObject(), *field.message_type(), path);
    }
    return std::nullopt;
}

std::optional<QString> checkObject(const QJsonObject &object, const Descriptor &type, const QString &path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = it.key().toStdString();
        const FieldDescriptor *field = fieldNamed(type, key);
        if (!field || it.value().isNull())
            continue;
        const QString fieldPath = path.isEmpty() ? it.key() : path + u'.' + it.key();
        if (field->is_map()) {
            if (!it.value().isObject())
                return u"%1 must be an object"_s.arg(fieldPath);
            continue;
        }
        if (!field->is_repeated()) {
            if (std::optional<QString> wrong = checkValue(it.value(), *field, fieldPath))
                return wrong;
            continue;
        }
        if (!it.value().isArray())
            return u"%1 must be a list"_s.arg(fieldPath);
        const QJsonArray items = it.value().toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (std::optional<QString> wrong = checkValue(items[i], *field, u"%1[%2]"_s.arg(fieldPath).arg(i)))
                return wrong;
        }
    }
    return std::nullopt;
}

std::optional<QString> undefinedIn(const Message &message, const QString &path)
{
    const google::protobuf::Reflection &reflection = *message.GetReflection();
    std::vector<const FieldDescriptor *> fields;
    reflection.ListFields(message, &fields); // those set: a proto3 enum at 0 is always defined
    for (const FieldDescriptor *field : fields) {
        const QString fieldPath = path.isEmpty() ? QString::fromStdString(field->json_name())
                                                 : path + u'.' + QString::fromStdString(field->json_name());
        const int count = field->is_repeated() ? reflection.FieldSize(message, field) : 1;
        for (int i = 0; i < count; ++i) {
            const QString at = field->is_repeated() ? u"%1[%2]"_s.arg(fieldPath).arg(i) : fieldPath;
            if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
                const int value = field->is_repeated() ? reflection.GetRepeatedEnumValue(message, field, i)
                                                       : reflection.GetEnumValue(message, field);
                if (!field->enum_type()->FindValueByNumber(value))
                    return u"%1: %2 is not one of its values"_s.arg(at).arg(value);
            } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
                const Message &inner = field->is_repeated() ? reflection.GetRepeatedMessage(message, field, i)
                                                            : reflection.GetMessage(message, field);
                if (std::optional<QString> wrong = undefinedIn(inner, at))
                    return wrong;
            }
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> StrictPayload::jsonMismatch(const QJsonValue &content, const Descriptor &type)
{
    if (content.isNull() || content.isUndefined())
        return std::nullopt;
    if (!content.isObject())
        return u"content must be an object"_s;
    return checkObject(content.toObject(), type, {});
}

std::optional<QString> StrictPayload::undefinedEnum(const Message &message)
{
    return undefinedIn(message, {});
}

} // namespace parley
