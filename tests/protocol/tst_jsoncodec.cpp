// The WebSocket JSON envelope: the shape web peers send, round trips, rejected input, values of the wrong type
// and enum values that do not exist.

#include "parley.pb.h"
#include "protocol/jsoncodec.h"
#include "protocol/protobufbytes.h"
#include "protocol/strictpayload.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

template <typename T>
T parsePayload(const Frame &frame)
{
    const std::optional<T> message = fromBytes<T>(frame.payload);
    if (!message)
        qFatal("payload does not parse");
    return *message;
}

} // namespace

class TestJsonCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acceptsTheDocumentedTextMessage()
    {
        // Exactly the shape docs/PROTOCOL.md promises web peers.
        const QByteArray json = R"({"signal":"PUBLISH","subSignal":"MS","messageId":81,"content":{"from":"someone",
            "content":{"type":1,"searchableContent":"hello","mentionedType":0,"mentionedTargets":[]},
            "messageId":1589955328518,"timestamp":1589955328518,"conversationType":0,"target":"d9dRdRoo","line":0}})";
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QVERIFY(!decoded->contentError.isError());
        QCOMPARE(decoded->frame.signal, Signal::Publish);
        QCOMPARE(decoded->frame.subSignal, SubSignal::MS);
        QCOMPARE(decoded->frame.messageId, quint16(81));
        const auto m = parsePayload<v1::Message>(decoded->frame);
        QCOMPARE(m.content().type(), 1);
        QCOMPARE(m.content().searchable_content(), "hello");
        QCOMPARE(m.message_id(), quint64(1589955328518));
        QCOMPARE(m.conversation_type(), v1::CONVERSATION_PRIVATE);
        QCOMPARE(m.target(), "d9dRdRoo");
    }

    void acceptsClientSideFieldsOfTheDesignNotes()
    {
        const QByteArray json = R"({"signal":"PUBLISH","subSignal":"MS","messageId":82,"content":{"from":"a",
            "content":{"type":3,"searchableContent":"[图片]","binaryContent":null,"mediaType":1,
            "remoteMediaUrl":"http://example.com/x.png","localMediaPath":"","pushContent":"","localContent":""},
            "messageId":1589955430361,"direction":0,"status":0,"messageUid":0,"timestamp":1589955430361,"to":"",
            "conversationType":0,"target":"b","line":0,"somethingNew":{"a":[1,2,{"b":"]}"}]}}})";
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(decoded);
        QVERIFY2(!decoded->contentError.isError(), qPrintable(decoded->contentError.message));
        QCOMPARE(parsePayload<v1::Message>(decoded->frame).content().remote_media_url(), "http://example.com/x.png");
    }

    void keepsEvery64BitDigit()
    {
        const QByteArray json =
            R"({"signal":"PUBLISH","subSignal":"MS","messageId":1,"content":{"messageId":18446744073709551615,"target":"x"}})";
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(decoded);
        QCOMPARE(parsePayload<v1::Message>(decoded->frame).message_id(), std::numeric_limits<quint64>::max());
    }

    void roundTrip_data()
    {
        QTest::addColumn<Frame>("frame");
        v1::Result sent;
        sent.mutable_sent()->set_message_uid(7);
        sent.mutable_sent()->set_conversation_seq(3);
        v1::Result refused;
        refused.set_code(v1::ERR_RATE_LIMITED);
        refused.set_retry_after_s(30);
        v1::InboxItem item;
        item.set_seq(12);
        item.mutable_message()->set_from("a");
        item.mutable_message()->set_client_uuid(std::string(16, '\x7f'));
        item.mutable_message()->mutable_content()->set_searchable_content("中文 ✓");
        v1::ConnectAck ack;
        ack.set_code(v1::CONNECTION_ACCEPTED);
        ack.set_heartbeat_interval_s(30);
        QTest::newRow("PUB_ACK ok") << Frame{Signal::PubAck, SubSignal::MS, 5, toBytes(sent)};
        QTest::newRow("PUB_ACK error") << Frame{Signal::PubAck, SubSignal::RVC, 6, toBytes(refused)};
        QTest::newRow("PUSH MN") << Frame{Signal::Push, SubSignal::MN, 1, toBytes(item)};
        QTest::newRow("CONNECT_ACK") << Frame{Signal::ConnectAck, SubSignal::None, 2, toBytes(ack)};
        QTest::newRow("PONG") << Frame{Signal::Pong, SubSignal::None, 0, {}};
    }

    void roundTrip()
    {
        QFETCH(Frame, frame);
        const QByteArray json = JsonCodec::encode(frame);
        const QJsonObject envelope = QJsonDocument::fromJson(json).object();
        QCOMPARE(envelope.value(u"signal"_s).toString(), signalName(frame.signal));
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(decoded);
        QCOMPARE(decoded->frame.signal, frame.signal);
        QCOMPARE(decoded->frame.subSignal, frame.subSignal);
        QCOMPARE(decoded->frame.messageId, frame.messageId);
        // The same message: proto3 does not serialize defaults, so the JSON detour changes no byte.
        QCOMPARE(decoded->frame.payload.toHex(), frame.payload.toHex());
    }

    void printsNamesInLowerCamelCaseAndEnumsAsNumbers()
    {
        v1::Result r;
        r.set_code(v1::ERR_NOT_IMPLEMENTED);
        r.set_retry_after_s(3);
        const QJsonObject content =
            QJsonDocument::fromJson(JsonCodec::encode(Frame{Signal::PubAck, SubSignal::US, 4, toBytes(r)}))
                .object()
                .value(u"content"_s)
                .toObject();
        QCOMPARE(content.value(u"code"_s).toInt(), 101);
        QCOMPARE(content.value(u"retryAfterS"_s).toInt(), 3);
    }

    void rejectsBrokenEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not JSON") << QByteArray("{signal: PUBLISH");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("no signal") << QByteArray(R"({"subSignal":"MS","messageId":1})");
        QTest::newRow("unknown signal") << QByteArray(R"({"signal":"SHOUT","messageId":1})");
        QTest::newRow("messageId too big") << QByteArray(R"({"signal":"PING","messageId":70000})");
        QTest::newRow("messageId fraction") << QByteArray(R"({"signal":"PING","messageId":1.5})");
        QTest::newRow("subSignal number") << QByteArray(R"({"signal":"PUBLISH","subSignal":9,"messageId":1})");
        QTest::newRow("empty") << QByteArray();
        // The content checked must be the content read.
        QTest::newRow("content twice") << QByteArray(
            R"({"signal":"PUBLISH","subSignal":"DVR","messageId":1,"content":{},"content":{"allOthers":true}})");
        QTest::newRow("content's name escaped")
            << QByteArray(R"({"signal":"PUBLISH","subSignal":"DVR","messageId":1,"con\u0074ent":{"allOthers":true}})");
        QTest::newRow("content and its name escaped") << QByteArray(
            R"({"signal":"PUBLISH","subSignal":"MS","messageId":1,"content":{"conversationType":"CHANNEL"},)"
            R"("\u0063ontent":{"conversationType":0}})");
    }

    void rejectsBrokenEnvelopes()
    {
        QFETCH(QByteArray, json);
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::ProtocolViolation);
    }

    void reportsContentThatDoesNotFitTheSchema()
    {
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(
            R"({"signal":"PUBLISH","subSignal":"MS","messageId":3,"content":{"target":{"not":"a string"}}})");
        QVERIFY(decoded);
        QCOMPARE(decoded->contentError.code, ErrorCode::MalformedRequest);
        QCOMPARE(decoded->frame.messageId, quint16(3));
    }

    void refusesValuesOfTheWrongType_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("says");
        QTest::newRow("a string for a list")
            << QByteArray(R"("GAM",{"groupId":"g","userIds":"u1"})") << u"userIds must be a list"_s;
        QTest::newRow("a number in a list")
            << QByteArray(R"("GAM",{"groupId":"g","userIds":["u1",2]})") << u"userIds[1] must be a string"_s;
        QTest::newRow("yes for a boolean")
            << QByteArray(R"("DVR",{"allOthers":"yes"})") << u"allOthers must be true or false"_s;
        QTest::newRow("a number for a string")
            << QByteArray(R"("DVR",{"deviceId":7})") << u"deviceId must be a string"_s;
        QTest::newRow("an unknown enum name") << QByteArray(R"("MS",{"target":"u","conversationType":"CHANNEL"})")
                                              << u"conversationType: \"CHANNEL\" is not one of its values"_s;
        QTest::newRow("an undefined enum number") << QByteArray(R"("MS",{"target":"u","conversationType":7})")
                                                  << u"conversationType: 7 is not one of its values"_s;
        QTest::newRow("a list for an object")
            << QByteArray(R"("MS",{"target":"u","content":[1]})") << u"content must be an object"_s;
        QTest::newRow("deep inside") << QByteArray(R"("MS",{"target":"u","content":{"type":true}})")
                                     << u"content.type must be a number"_s;
        // Found by fuzz_jsoncodec: QJsonObject keeps one of two "mine", protobuf merged both — past the checks.
        QTest::newRow("a name twice") << QByteArray(R"("MS",{"target":"u","content":{"type":1},"content":{"type":7}})")
                                      << u"a member is named twice in one object"_s;
        QTest::newRow("a name twice, once escaped")
            << QByteArray(R"("MS",{"target":"u","content":{"type":1,"typ\u0065":7}})")
            << u"a member is named twice in one object"_s;
    }

    void refusesValuesOfTheWrongType()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        const qsizetype comma = content.indexOf(',');
        const QByteArray json = R"({"signal":"PUBLISH","subSignal":)" + content.left(comma) +
                                R"(,"messageId":9,"content":)" + content.mid(comma + 1) + '}';
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(decoded);
        QCOMPARE(decoded->contentError.code, ErrorCode::MalformedRequest);
        QCOMPARE(decoded->contentError.message, says);
        QCOMPARE(decoded->frame.messageId, quint16(9));
    }

    void acceptsEnumsByNameOrNumberAndNullAsDefault()
    {
        for (const char *type : {R"("CONVERSATION_GROUP")", "1"}) {
            const QByteArray json = QByteArray(R"({"signal":"PUBLISH","subSignal":"MS","messageId":9,"content":)"
                                               R"({"target":"g","conversationType":)") +
                                    type + R"(,"clientUuid":null,"mentionedTargets":null}})";
            const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
            QVERIFY(decoded);
            QCOMPARE(decoded->contentError.code, ErrorCode::None);
            const auto message = fromBytes<v1::Message>(decoded->frame.payload);
            QVERIFY(message);
            QCOMPARE(message->conversation_type(), v1::CONVERSATION_GROUP);
        }
    }

    void undefinedEnumsAreFoundAtAnyDepth()
    {
        v1::Message message;
        message.set_target("u");
        QVERIFY(!StrictPayload::undefinedEnum(message));
        message.set_conversation_type(v1::ConversationType(7)); // what a binary peer can send
        QCOMPARE(StrictPayload::undefinedEnum(message), u"conversationType: 7 is not one of its values"_s);
        message.set_conversation_type(v1::CONVERSATION_PRIVATE);
        v1::ProgressReport report;
        report.add_points()->set_conversation_type(v1::ConversationType(9));
        QCOMPARE(StrictPayload::undefinedEnum(report), u"points[0].conversationType: 9 is not one of its values"_s);
    }

    void contentLargerThanAFrameIsTooLarge()
    {
        const QByteArray uuid = QByteArray(kMaxPayloadSize + 1, 'u').toBase64(); // bytes are base64 in JSON
        const QByteArray json =
            R"({"signal":"PUBLISH","subSignal":"MS","messageId":4,"content":{"clientUuid":")" + uuid + R"("}})";
        QVERIFY(json.size() <= JsonCodec::kMaxMessageBytes);
        const Result<JsonCodec::Decoded> decoded = JsonCodec::decode(json);
        QVERIFY(decoded);
        QCOMPARE(decoded->contentError.code, ErrorCode::TooLarge);
        QVERIFY(decoded->frame.payload.isEmpty());
        QVERIFY(!JsonCodec::decode(QByteArray(JsonCodec::kMaxMessageBytes + 1, ' ')));
    }

    void unknownSubSignalNameStillDecodes()
    {
        const Result<JsonCodec::Decoded> decoded =
            JsonCodec::decode(R"({"signal":"PUBLISH","subSignal":"XYZ","messageId":3})");
        QVERIFY(decoded);
        QCOMPARE(decoded->frame.subSignal, JsonCodec::kUnknownSubSignal);
    }
};

QTEST_GUILESS_MAIN(TestJsonCodec)
#include "tst_jsoncodec.moc"
