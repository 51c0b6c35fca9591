#include "protocol/jsoncodec.h"

#include "protocol/payloadregistry.h"
#include "protocol/strictpayload.h"

#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>

#include <memory>
#include <string>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxJsonDepth = 64;

// Finds the raw text of a top-level member's value in a JSON object that QJsonDocument has already
// validated. The content is handed to protobuf as raw text, not through QJsonValue, so that 64-bit
// integers keep every digit (QJsonValue would turn them into doubles).
class RawMemberScanner {
public:
    explicit RawMemberScanner(QByteArrayView text) : m_text(text) {}

    // The first member named `key` (written without escapes); matches() says how many there were.
    QByteArrayView find(QByteArrayView key)
    {
        QByteArrayView found;
        skipSpace();
        if (!consume('{'))
            return {};
        for (;;) {
            skipSpace();
            if (consume('}'))
                return found;
            const QByteArrayView name = scanString();
            skipSpace();
            if (!consume(':'))
                return found;
            skipSpace();
            const qsizetype start = m_pos;
            if (!skipValue(0))
                return found;
            if (name == key && m_matches++ == 0)
                found = m_text.sliced(start, m_pos - start);
            m_escapedName = m_escapedName || name.contains('\\');
            skipSpace();
            if (!consume(','))
                return found;
        }
    }
    int matches() const { return m_matches; }
    // Whether an object below the top level names a member twice, or with an escape.
    bool nestedNameTwice() const { return m_nestedNameTwice; }
    // Whether a member's name was written with an escape (which could name `key` unseen).
    bool escapedName() const { return m_escapedName; }

private:
    bool consume(char c)
    {
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    // Returns the raw characters between the quotes (escapes left as they are; keys we look for have none).
    QByteArrayView scanString()
    {
        if (!consume('"'))
            return {};
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\')
                ++m_pos;
            ++m_pos;
        }
        const QByteArrayView s = m_text.sliced(start, std::min(m_pos, m_text.size()) - start);
        consume('"');
        return s;
    }
    bool skipValue(int depth)
    {
        if (depth > kMaxJsonDepth || m_pos >= m_text.size())
            return false;
        const char c = m_text[m_pos];
        if (c == '"') {
            scanString();
            return true;
        }
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            QSet<QByteArrayView> names; // of this object's members
            ++m_pos;
            for (;;) {
                skipSpace();
                if (consume(close))
                    return true;
                if (c == '{') {
                    // A name given twice would be read once by QJsonObject (which the strict checks see) and
                    // merged by protobuf's parser (which makes the payload); an escaped one could be a twin unseen.
                    const QByteArrayView name = scanString();
                    if (name.contains('\\') || names.contains(name))
                        m_nestedNameTwice = true;
                    else
                        names.insert(name);
                    skipSpace();
                    if (!consume(':'))
                        return false;
                    skipSpace();
                }
                if (!skipValue(depth + 1))
                    return false;
                skipSpace();
                if (!consume(',') && !(m_pos < m_text.size() && m_text[m_pos] == close))
                    return false;
            }
        }
        // number, true, false, null
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' && m_text[m_pos] != ']' &&
               m_text[m_pos] != ' ' && m_text[m_pos] != '\n' && m_text[m_pos] != '\r' && m_text[m_pos] != '\t')
            ++m_pos;
        return true;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    int m_matches = 0;
    bool m_escapedName = false;
    bool m_nestedNameTwice = false;
};

Error violation(const char *what)
{
    return Error(ErrorCode::ProtocolViolation, QString::fromLatin1(what));
}

} // namespace

Result<JsonCodec::Decoded> JsonCodec::decode(QByteArrayView text)
{
    if (text.size() > kMaxMessageBytes)
        return violation("JSON message larger than the limit");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return violation("not a JSON object");
    const QJsonObject envelope = doc.object();

    const std::optional<Signal> signal = signalFromName(envelope.value("signal"_L1).toString());
    if (!signal)
        return violation("missing or unknown signal");

    Decoded decoded;
    decoded.frame.signal = *signal;
    const QJsonValue sub = envelope.value("subSignal"_L1);
    if (sub.isString() && !sub.toString().isEmpty())
        decoded.frame.subSignal = subSignalFromName(sub.toString()).value_or(kUnknownSubSignal);
    else if (!sub.isUndefined() && !sub.isNull() && !sub.isString())
        return violation("subSignal is not a string");

    const QJsonValue id = envelope.value("messageId"_L1);
    if (!id.isUndefined()) {
        const double value = id.toDouble(-1);
        if (!id.isDouble() || value < 0 || value > 65535 || value != double(qint64(value)))
            return violation("messageId is not an integer in 0..65535");
        decoded.frame.messageId = quint16(value);
    }

    // The content protobuf reads (raw) must be the one checked here (QJsonObject): one, its name unescaped.
    RawMemberScanner scanner(text);
    const QByteArrayView raw = scanner.find("content");
    const QJsonValue content = envelope.value("content"_L1);
    if (scanner.matches() > 1 || scanner.escapedName() || (scanner.matches() == 1) != !content.isUndefined())
        return violation("content given twice, or a member's name escaped");
    const google::protobuf::Message *prototype = payloadPrototype(*signal, decoded.frame.subSignal);
    if (!prototype || raw.isEmpty() || raw == "null")
        return decoded;
    if (scanner.nestedNameTwice()) {
        decoded.contentError = Error(ErrorCode::MalformedRequest, u"a member is named twice in one object"_s);
        return decoded;
    }
    if (std::optional<QString> mismatch = StrictPayload::jsonMismatch(content, *prototype->GetDescriptor())) {
        decoded.contentError = Error(ErrorCode::MalformedRequest, *mismatch);
        return decoded;
    }

    std::unique_ptr<google::protobuf::Message> payload(prototype->New());
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true; // peers may send client-side fields (direction, status, …)
    const auto status = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(raw.data(), size_t(raw.size())), payload.get(), options);
    if (!status.ok()) {
        decoded.contentError =
            Error(ErrorCode::MalformedRequest,
                  u"content does not match %1: %2"_s.arg(
                      QString::fromStdString(prototype->GetTypeName()),
                      QString::fromUtf8(status.message().data(), qsizetype(status.message().size()))));
        return decoded;
    }
    std::string bytes;
    payload->SerializeToString(&bytes);
    if (bytes.size() > kMaxPayloadSize) {
        decoded.contentError = Error(ErrorCode::TooLarge, u"content larger than a frame's payload"_s);
        return decoded;
    }
    decoded.frame.payload = QByteArray(bytes.data(), qsizetype(bytes.size()));
    return decoded;
}

QByteArray JsonCodec::encode(const Frame &frame)
{
    QByteArray out;
    out.reserve(64 + frame.payload.size() * 2);
    out += R"({"signal":")";
    const QLatin1StringView signal = signalName(frame.signal);
    out += QByteArrayView(signal.data(), signal.size());
    out += '"';
    const QLatin1StringView sub = subSignalName(frame.subSignal);
    if (!sub.isEmpty()) {
        out += R"(,"subSignal":")";
        out += QByteArrayView(sub.data(), sub.size());
        out += '"';
    }
    out += R"(,"messageId":)";
    out += QByteArray::number(frame.messageId);

    if (const google::protobuf::Message *prototype = payloadPrototype(frame.signal, frame.subSignal)) {
        std::unique_ptr<google::protobuf::Message> payload(prototype->New());
        std::string json;
        google::protobuf::util::JsonPrintOptions options;
        options.always_print_primitive_fields = true;
        options.always_print_enums_as_ints = true;
        if (payload->ParseFromArray(frame.payload.constData(), int(frame.payload.size())) &&
            google::protobuf::util::MessageToJsonString(*payload, &json, options).ok()) {
            out += R"(,"content":)";
            out += QByteArrayView(json.data(), qsizetype(json.size()));
        }
    }
    out += '}';
    return out;
}

} // namespace parley
