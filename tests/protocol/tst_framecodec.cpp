// The binary framing: exact header layout, round trips of every signal, and hostile input.

#include "parley.pb.h"
#include "protocol/framedecoder.h"
#include "protocol/protobufbytes.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace parley;

namespace {

QByteArray header(quint8 magic, quint8 version, quint8 signal, quint32 length, quint8 sub, quint16 id)
{
    QByteArray h(kFrameHeaderSize, Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(h.data());
    p[0] = magic;
    p[1] = version;
    p[2] = signal;
    qToBigEndian(length, p + 3);
    p[7] = sub;
    qToBigEndian(id, p + 8);
    return h;
}

} // namespace

class TestFrameCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerLayoutIsBigEndianTenBytes()
    {
        const Frame f{Signal::Publish, SubSignal::MS, 0x1234, QByteArray("abc")};
        const QByteArray bytes = f.encode();
        QCOMPARE(bytes.size(), 13);
        QCOMPARE(bytes.left(kFrameHeaderSize), header(kFrameMagic, kProtocolVersion, 3, 3, 9, 0x1234));
        QCOMPARE(bytes.mid(kFrameHeaderSize), QByteArray("abc"));
    }

    void heartbeatIsHeaderOnly()
    {
        const Frame ping{Signal::Ping, SubSignal::None, 7, {}};
        const Frame pong{Signal::Pong, SubSignal::None, 7, {}};
        QCOMPARE(ping.encode().size(), 10);
        QCOMPARE(pong.encode().size(), 10);
    }

    void roundTrip_data()
    {
        QTest::addColumn<Frame>("frame");
        v1::ConnectRequest connect;
        connect.set_user_id("u1");
        connect.set_token("t");
        connect.set_device_id("d");
        v1::ConnectAck ack;
        ack.set_code(v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
        ack.set_inbox_head(99);
        v1::Message message;
        message.set_target("peer");
        message.mutable_content()->set_type(v1::CONTENT_TEXT);
        message.mutable_content()->set_searchable_content("你好, hello");
        v1::Result result;
        result.mutable_sent()->set_message_uid(42);
        v1::InboxItem item;
        item.set_seq(5);
        *item.mutable_message() = message;
        v1::Disconnect bye;
        bye.set_reason(v1::DISCONNECT_IDLE_TIMEOUT);

        QTest::newRow("CONNECT") << Frame{Signal::Connect, SubSignal::None, 1, toBytes(connect)};
        QTest::newRow("CONNECT_ACK") << Frame{Signal::ConnectAck, SubSignal::None, 1, toBytes(ack)};
        QTest::newRow("PUBLISH MS") << Frame{Signal::Publish, SubSignal::MS, 65535, toBytes(message)};
        QTest::newRow("PUB_ACK MS") << Frame{Signal::PubAck, SubSignal::MS, 65535, toBytes(result)};
        QTest::newRow("PUSH MN") << Frame{Signal::Push, SubSignal::MN, 3, toBytes(item)};
        QTest::newRow("PING") << Frame{Signal::Ping, SubSignal::None, 0, {}};
        QTest::newRow("PONG") << Frame{Signal::Pong, SubSignal::None, 0, {}};
        QTest::newRow("DISCONNECT") << Frame{Signal::Disconnect, SubSignal::None, 0, toBytes(bye)};
        QTest::newRow("PUBLISH GQNUT (not implemented yet)") << Frame{Signal::Publish, SubSignal::GQNUT, 9, {}};
        QTest::newRow("largest payload") << Frame{Signal::Publish, SubSignal::MS, 2, QByteArray(kMaxPayloadSize, 'x')};
    }

    void roundTrip()
    {
        QFETCH(Frame, frame);
        FrameDecoder decoder;
        decoder.append(frame.encode());
        const std::optional<Frame> decoded = decoder.next();
        QVERIFY(decoded);
        QCOMPARE(*decoded, frame);
        QVERIFY(!decoder.next());
        QVERIFY(!decoder.hasError());
        QCOMPARE(decoder.bufferedBytes(), 0);
    }

    void byteByByteAndSeveralPerRead()
    {
        QByteArray stream;
        QList<Frame> frames;
        for (quint16 i = 0; i < 20; ++i) {
            frames.append(Frame{Signal::Publish, SubSignal::MS, i, QByteArray(i * 7, char('a' + i))});
            stream += frames.last().encode();
        }
        FrameDecoder decoder;
        QList<Frame> out;
        for (char c : std::as_const(stream)) {
            decoder.append(QByteArrayView(&c, 1));
            while (auto f = decoder.next())
                out.append(*f);
        }
        QCOMPARE(out, frames);

        FrameDecoder whole;
        whole.append(QByteArray(stream + stream.left(5))); // and a truncated sixth of a frame
        out.clear();
        while (auto f = whole.next())
            out.append(*f);
        QCOMPARE(out, frames);
        QVERIFY(!whole.hasError());
        QCOMPARE(whole.bufferedBytes(), 5);
    }

    void truncatedFrameWaits()
    {
        const QByteArray bytes = Frame{Signal::Publish, SubSignal::MS, 1, QByteArray(100, 'x')}.encode();
        FrameDecoder decoder;
        decoder.append(bytes.left(bytes.size() - 1));
        QVERIFY(!decoder.next());
        QVERIFY(!decoder.hasError());
        decoder.append(bytes.right(1));
        QVERIFY(decoder.next());
    }

    void rejectsBadHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("error");
        QTest::newRow("wrong magic") << header(0x00, kProtocolVersion, 3, 0, 9, 1)
                                     << int(FrameDecoder::Error::BadMagic);
        QTest::newRow("HTTP request") << QByteArray("GET / HTTP/1.1\r\n") << int(FrameDecoder::Error::BadMagic);
        QTest::newRow("version 2") << header(kFrameMagic, 2, 1, 0, 0, 1)
                                   << int(FrameDecoder::Error::UnsupportedVersion);
        QTest::newRow("unknown signal") << header(kFrameMagic, kProtocolVersion, 200, 0, 0, 1)
                                        << int(FrameDecoder::Error::UnknownSignal);
        QTest::newRow("one byte over 1 MiB") << header(kFrameMagic, kProtocolVersion, 3, kMaxPayloadSize + 1, 9, 1)
                                             << int(FrameDecoder::Error::Oversized);
        QTest::newRow("4 GiB") << header(kFrameMagic, kProtocolVersion, 3, 0xFFFFFFFF, 9, 1)
                               << int(FrameDecoder::Error::Oversized);
    }

    void rejectsBadHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, error);
        FrameDecoder decoder;
        decoder.append(bytes);
        QVERIFY(!decoder.next());
        QCOMPARE(int(decoder.error()), error);
        // Rejected on the header alone: nothing more is buffered, and later bytes are ignored.
        decoder.append(QByteArray(4096, 'x'));
        QVERIFY(!decoder.next());
        QCOMPARE(decoder.bufferedBytes(), bytes.size());
    }

    void unsupportedVersionRemembersTheSignal()
    {
        FrameDecoder decoder;
        decoder.append(header(kFrameMagic, 9, quint8(Signal::Connect), 0, 0, 1));
        QVERIFY(!decoder.next());
        QCOMPARE(decoder.rejectedSignal(), quint8(Signal::Connect));
    }

    void garbageNeverCrashes()
    {
        // Random bytes, and random bytes after a valid header: the decoder yields frames or stops with an
        // error; it never crashes (the sanitizer build checks memory) and never buffers past one frame.
        QRandomGenerator random(20261122);
        for (int round = 0; round < 2000; ++round) {
            QByteArray bytes(int(random.bounded(64)), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random.bounded(256));
            if (round % 2)
                bytes.prepend(header(kFrameMagic, kProtocolVersion, quint8(1 + random.bounded(8)),
                                     quint32(random.bounded(64)), quint8(random.bounded(256)), 1));
            FrameDecoder decoder;
            decoder.append(bytes);
            int frames = 0;
            while (decoder.next())
                ++frames;
            QVERIFY(decoder.bufferedBytes() <= bytes.size());
            QVERIFY(frames <= bytes.size() / kFrameHeaderSize);
        }
    }
};

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "tst_framecodec.moc"
