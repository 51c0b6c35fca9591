// libFuzzer target: requests as parleyd decodes and routes them. An in-process parleyd (InProcessParleyd: a real
// SQLite store, its storage thread, every service) is handed PUBLISH frames the way a Session hands them over,
// behind a fake session: a link before CONNECT, or one of two logged-in users.
//
// The input: a sub-signal byte, a byte choosing who asks, then the payload. A payload that parses as the
// request's message has its text fields "@a", "@b" and "@g" replaced by the two users' ids and the last group id
// a reply named, and an id field (…_id, …uid) of 1 by the last id of that name a reply named (a message, a friend
// request), so that the fuzzer reaches rules past "not found". Whatever comes in: exactly one reply, within the
// timeout, with an error code of the schema.

#include "protocol/frame.h"
#include "protocol/payloadregistry.h"
#include "server/net/irequesthandler.h"
#include "server/server.h"
#include "tests/fuzz/inprocessparleyd.h"

#include <QHash>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

// Made once by LLVMFuzzerInitialize and kept: libFuzzer exits without returning.
InProcessParleyd *g_parleyd = nullptr;
QString g_lastGroupId;
QHash<QByteArray, qint64> g_lastIds; // by field name: message_uid, request_id, …

bool isIdField(const google::protobuf::FieldDescriptor &field)
{
    return field.cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_INT64 && !field.is_repeated() &&
           (field.name().ends_with("_id") || field.name().ends_with("uid"));
}

// Replaces the placeholders in every text and id field of `message`, nested messages included.
void fillIn(google::protobuf::Message &message)
{
    const google::protobuf::Reflection *reflection = message.GetReflection();
    std::vector<const google::protobuf::FieldDescriptor *> fields;
    reflection->ListFields(message, &fields);
    const auto replacement = [](const std::string &value) -> std::optional<std::string> {
        if (value == "@a")
            return g_parleyd->a().uid.toStdString();
        if (value == "@b")
            return g_parleyd->b().uid.toStdString();
        if (value == "@g")
            return g_lastGroupId.toStdString();
        return std::nullopt;
    };
    for (const google::protobuf::FieldDescriptor *field : fields) {
        using Type = google::protobuf::FieldDescriptor;
        if (field->cpp_type() == Type::CPPTYPE_MESSAGE) {
            if (field->is_repeated()) {
                for (int i = 0; i < reflection->FieldSize(message, field); ++i)
                    fillIn(*reflection->MutableRepeatedMessage(&message, field, i));
            } else {
                fillIn(*reflection->MutableMessage(&message, field));
            }
        } else if (field->cpp_type() == Type::CPPTYPE_STRING && field->type() == Type::TYPE_STRING) {
            if (field->is_repeated()) {
                for (int i = 0; i < reflection->FieldSize(message, field); ++i)
                    if (const auto value = replacement(reflection->GetRepeatedString(message, field, i)))
                        reflection->SetRepeatedString(&message, field, i, *value);
            } else if (const auto value = replacement(reflection->GetString(message, field))) {
                reflection->SetString(&message, field, *value);
            }
        } else if (isIdField(*field) && reflection->GetInt64(message, field) == 1) {
            reflection->SetInt64(&message, field, g_lastIds.value(QByteArray::fromStdString(field->name()), 1));
        }
    }
}

// Remembers the group and the ids (messages, friend requests) a reply names, for the placeholders of later inputs.
void remember(const google::protobuf::Message &message)
{
    const google::protobuf::Reflection *reflection = message.GetReflection();
    std::vector<const google::protobuf::FieldDescriptor *> fields;
    reflection->ListFields(message, &fields);
    for (const google::protobuf::FieldDescriptor *field : fields) {
        using Type = google::protobuf::FieldDescriptor;
        if (field->cpp_type() == Type::CPPTYPE_MESSAGE && field->is_repeated()) {
            for (int i = 0; i < reflection->FieldSize(message, field); ++i)
                remember(reflection->GetRepeatedMessage(message, field, i));
        } else if (field->cpp_type() == Type::CPPTYPE_MESSAGE) {
            remember(reflection->GetMessage(message, field));
        } else if (field->name() == "group_id" && field->type() == Type::TYPE_STRING && !field->is_repeated()) {
            g_lastGroupId = QString::fromStdString(reflection->GetString(message, field));
        } else if (isIdField(*field)) {
            g_lastIds.insert(QByteArray::fromStdString(field->name()), reflection->GetInt64(message, field));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    g_parleyd = new InProcessParleyd(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const auto subSignal = SubSignal(data[0]);
    const IRequestHandler &handler = *g_parleyd->server().context().requests;
    const std::optional<RequestPolicy> policy = handler.policy(subSignal);
    if (!policy)
        return 0; // Session answers these without the router
    // Who asks: a link before CONNECT, or user a or b after; Session refuses what the policy does not allow.
    const int who = data[1] % 3;
    std::optional<AuthenticatedUser> user;
    if (who > 0)
        user = who == 1 ? g_parleyd->a() : g_parleyd->b();
    using Access = RequestPolicy::Access;
    if ((policy->access == Access::BeforeConnect && user) || (policy->access == Access::AfterConnect && !user))
        return 0;

    QByteArray payload(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    if (payload.size() > qsizetype(kMaxPayloadSize))
        return 0; // the frame decoder refuses it before a session sees it
    if (const google::protobuf::Message *prototype = payloadPrototype(Signal::Publish, subSignal)) {
        std::unique_ptr<google::protobuf::Message> request(prototype->New());
        if (request->ParseFromArray(payload.constData(), int(payload.size()))) {
            fillIn(*request);
            payload = QByteArray::fromStdString(request->SerializeAsString());
        }
    }
    const v1::Result result = g_parleyd->ask(user, subSignal, payload);
    if (result.code() == v1::ERR_NONE)
        remember(result);
    // Logged out, a device revoked, the account deleted: the next inputs would meet NOT_AUTHENTICATED only.
    if (result.code() == v1::ERR_NONE &&
        (subSignal == SubSignal::LGO || subSignal == SubSignal::DVR || subSignal == SubSignal::DLA))
        g_parleyd->renewSessions();
    return 0;
}
