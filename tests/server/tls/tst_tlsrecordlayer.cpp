// parleyd's TLS 1.3 record layer against OpenSSL's own client, over a socket pair: OpenSSL runs both handshakes,
// then the server's records are TlsRecordLayer's. Data both ways in each suite, across record and read
// boundaries; key updates the client asks for, and the layer's own after its records-per-key; close_notify
// both ways; tampered, oversized and unexpected records; a TLS 1.2 handshake left to OpenSSL.

#include "server/tls/tlsrecordlayer.h"
#include "server/tls/tlstrafficsecrets.h"
#include "tests/support/testtlscontext.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(parley::server::TlsRecordLayer::Status)

namespace {

constexpr int kHandshakeSteps = 50;

// The size of a record around content (and its content type).
constexpr qsizetype record(qsizetype content)
{
    return TlsRecordLayer::kHeaderSize + content + 1 + TlsRecordLayer::kTagSize;
}
constexpr qsizetype kKeyUpdateRecord = record(5);

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i * 7 + i / 251);
    return bytes;
}

// Everything the socket holds now (a socket pair: what the other end wrote is there once its write returned).
QByteArray drain(int fd)
{
    QByteArray bytes;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        bytes.append(buffer, n);
    return bytes;
}

bool writeAll(int fd, QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        const ssize_t n = ::write(fd, bytes.data(), size_t(bytes.size()));
        if (n <= 0)
            return false;
        bytes = bytes.sliced(n);
    }
    return true;
}

} // namespace

class TestTlsRecordLayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = testTlsContext(m_dir.path());
        QVERIFY(m_server);
    }

    void init()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        m_serverFd = fds[0];
        m_clientFd = fds[1];
        for (const int fd : fds)
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        m_clientContext = SSL_CTX_new(TLS_client_method());
        QVERIFY(m_clientContext);
    }

    void cleanup()
    {
        m_layer.reset();
        m_unread.clear();
        SSL_free(m_client);
        SSL_free(m_serverSsl);
        SSL_CTX_free(m_clientContext);
        m_client = m_serverSsl = nullptr;
        m_clientContext = nullptr;
        ::close(m_serverFd);
        ::close(m_clientFd);
    }

    void dataBothWaysInEverySuite_data()
    {
        QTest::addColumn<QString>("suite");
        QTest::newRow("AES-128-GCM") << u"TLS_AES_128_GCM_SHA256"_s;
        QTest::newRow("AES-256-GCM") << u"TLS_AES_256_GCM_SHA384"_s;
        QTest::newRow("ChaCha20-Poly1305") << u"TLS_CHACHA20_POLY1305_SHA256"_s;
    }

    void dataBothWaysInEverySuite()
    {
        QFETCH(QString, suite);
        QVERIFY(SSL_CTX_set_ciphersuites(m_clientContext, suite.toLatin1().constData()) == 1);
        QVERIFY(handshake());
        QCOMPARE(QString::fromLatin1(SSL_CIPHER_get_name(SSL_get_current_cipher(m_client))), suite);
        QVERIFY(takeOver());
        // One byte, one record's worth, and many records: each arrives whole, in order.
        for (const qsizetype size : {qsizetype(1), TlsRecordLayer::kMaxPlaintext, qsizetype(100'000)}) {
            const QByteArray sent = pattern(size);
            QVERIFY(clientWrites(sent));
            QCOMPARE(serverReads(), sent);
            const std::optional<QByteArray> sealed = m_layer->seal(sent);
            QVERIFY(sealed);
            QVERIFY(writeAll(m_serverFd, *sealed));
            QCOMPARE(clientReads(size), sent);
        }
    }

    void recordsSplitAnyWhereAreReadWhole()
    {
        QVERIFY(handshake());
        QVERIFY(takeOver());
        const QByteArray sent = pattern(40'000); // three records
        QVERIFY(clientWrites(sent));
        const QByteArray wire = drain(m_serverFd);
        QByteArray in, plaintext;
        for (const char byte : wire) {
            in.append(byte);
            TlsRecordLayer::Opened opened = m_layer->open(in);
            QCOMPARE(opened.status, TlsRecordLayer::Status::More);
            plaintext += opened.plaintext;
            QVERIFY(in.size() < TlsRecordLayer::kHeaderSize + TlsRecordLayer::kMaxRecordBody);
        }
        QVERIFY(in.isEmpty());
        QCOMPARE(plaintext, sent);
    }

    void aKeyUpdateTheClientAsksForIsAnsweredBeforeTheNextRecord()
    {
        QVERIFY(handshake());
        QVERIFY(takeOver());
        for (const int requests : {1, 1, 1000}) {
            for (int i = 0; i < requests; ++i) {
                QVERIFY(SSL_key_update(m_client, SSL_KEY_UPDATE_REQUESTED) == 1);
                QVERIFY(clientWrites("k"));    // sent after the KeyUpdate, under the client's next key
                m_unread += drain(m_serverFd); // the socket pair holds ~140 of these
            }
            const QByteArray sent = pattern(1000 + requests);
            QVERIFY(clientWrites(sent));
            QCOMPARE(serverReads(), QByteArray(requests, 'k') + sent);
            // However many were asked for, one KeyUpdate (4 bytes of header, 1 of request) goes before the next
            // record; what follows it is under the server's next key, which the client reads only if it took it.
            const std::optional<QByteArray> sealed = m_layer->seal(sent);
            QVERIFY(sealed);
            QCOMPARE(sealed->size(), kKeyUpdateRecord + record(sent.size()));
            QVERIFY(writeAll(m_serverFd, *sealed));
            QCOMPARE(clientReads(sent.size()), sent);
        }
        // A key update not asked for is not answered.
        QVERIFY(SSL_key_update(m_client, SSL_KEY_UPDATE_NOT_REQUESTED) == 1);
        QVERIFY(clientWrites("after"));
        QCOMPARE(serverReads(), "after");
        const std::optional<QByteArray> sealed = m_layer->seal("after");
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), record(5));
    }

    void theLayerUpdatesItsKeyAfterItsRecordsPerKey()
    {
        QVERIFY(SSL_CTX_set_ciphersuites(m_clientContext, "TLS_AES_128_GCM_SHA256") == 1);
        QVERIFY(handshake());
        constexpr quint64 kRecordsPerKey = 3;
        m_layer = TlsRecordLayer::create(TlsRecordLayer::Suite::Aes128GcmSha256, m_secrets.client(), m_secrets.server(),
                                         kRecordsPerKey);
        QVERIFY(m_layer);
        SSL_free(m_serverSsl);
        m_serverSsl = nullptr;
        constexpr int kRecords = 10;
        const QByteArray text = pattern(100);
        QByteArray sealed;
        for (int i = 0; i < kRecords; ++i) {
            const std::optional<QByteArray> one = m_layer->seal(text);
            QVERIFY(one);
            sealed += *one;
        }
        // Two application records, then a KeyUpdate, under each key: 4 updates for 10 records.
        QCOMPARE(sealed.size(), kRecords * record(text.size()) + 4 * kKeyUpdateRecord);
        QVERIFY(writeAll(m_serverFd, sealed));
        QCOMPARE(clientReads(kRecords * text.size()), text.repeated(kRecords));
    }

    void closeNotifyBothWays()
    {
        QVERIFY(handshake());
        QVERIFY(takeOver());
        const std::optional<QByteArray> closeNotify = m_layer->sealCloseNotify();
        QVERIFY(closeNotify);
        QVERIFY(writeAll(m_serverFd, *closeNotify));
        char byte;
        QCOMPARE(SSL_read(m_client, &byte, 1), 0);
        QCOMPARE(SSL_get_error(m_client, 0), SSL_ERROR_ZERO_RETURN);

        QVERIFY(clientWrites("last words")); // a half-closed link still reads
        QVERIFY(SSL_shutdown(m_client) >= 0);
        QByteArray in = drain(m_serverFd);
        const TlsRecordLayer::Opened opened = m_layer->open(in);
        QCOMPARE(opened.status, TlsRecordLayer::Status::PeerClosed);
        QCOMPARE(opened.plaintext, "last words");
    }

    void recordsThatAreNotRightBreakTheLayer_data()
    {
        QTest::addColumn<int>("damage");
        QTest::newRow("a ciphertext byte changed") << 0;
        QTest::newRow("the tag changed") << 1;
        QTest::newRow("the header's version changed") << 2;
        QTest::newRow("a plaintext record type") << 3;
        QTest::newRow("longer than a record can be") << 4;
        QTest::newRow("a record replayed") << 5;
    }

    void recordsThatAreNotRightBreakTheLayer()
    {
        QFETCH(int, damage);
        QVERIFY(handshake());
        QVERIFY(takeOver());
        QVERIFY(clientWrites("hello"));
        QByteArray wire = drain(m_serverFd);
        QCOMPARE(wire.size(), TlsRecordLayer::kHeaderSize + 5 + 1 + TlsRecordLayer::kTagSize);
        switch (damage) {
        case 0: wire[TlsRecordLayer::kHeaderSize] = char(wire[TlsRecordLayer::kHeaderSize] ^ 1); break;
        case 1: wire[wire.size() - 1] = char(wire[wire.size() - 1] ^ 0x80); break;
        case 2: // the header is authenticated too
            wire[2] = char(4);
            break;
        case 3: wire[0] = char(22); break;
        case 4: // refused from its header, without waiting for its body
            wire = QByteArray::fromHex("1703034101");
            break;
        case 5: wire += wire; break;
        }
        const TlsRecordLayer::Opened opened = m_layer->open(wire);
        QCOMPARE(opened.status, TlsRecordLayer::Status::Broken);
        QVERIFY(m_layer->brokenReason());
        QCOMPARE(opened.plaintext.isEmpty(), damage != 5);
        // Nothing more is read or written, but the alert that says why, which the client takes as fatal.
        QByteArray more = wire;
        QCOMPARE(m_layer->open(more).status, TlsRecordLayer::Status::Broken);
        QVERIFY(!m_layer->seal("x"));
        const std::optional<QByteArray> alert = m_layer->sealFatalAlert();
        QVERIFY(alert);
        QVERIFY(writeAll(m_serverFd, *alert));
        char byte;
        QCOMPARE(SSL_get_error(m_client, SSL_read(m_client, &byte, 1)), SSL_ERROR_SSL);
        const int expected = damage == 3   ? SSL_R_SSLV3_ALERT_UNEXPECTED_MESSAGE
                             : damage == 4 ? SSL_R_TLSV1_ALERT_RECORD_OVERFLOW
                                           : SSL_R_SSLV3_ALERT_BAD_RECORD_MAC;
        QCOMPARE(ERR_GET_REASON(ERR_peek_error()), expected);
        ERR_clear_error();
    }

    void whatAPeerMaySendAfterTheHandshake_data()
    {
        // Records as a peer could seal them, each a whole inner plaintext: content, content type, padding.
        QTest::addColumn<QList<QByteArray>>("inners");
        QTest::addColumn<TlsRecordLayer::Status>("status");
        QTest::addColumn<QByteArray>("plaintext");
        using S = TlsRecordLayer::Status;
        const QByteArray tooLong(QByteArray(TlsRecordLayer::kMaxPlaintext + 1, 'a') + '\x17');
        QTest::newRow("padded") << QList{QByteArray("hi\x17"_ba + QByteArray(100, '\0'))} << S::More << "hi"_ba;
        QTest::newRow("empty application data") << QList{"\x17"_ba, "x\x17"_ba} << S::More << "x"_ba;
        QTest::newRow("only padding") << QList{QByteArray(3, '\0')} << S::Broken << QByteArray();
        QTest::newRow("over 2^14 + 1 inside") << QList{tooLong} << S::Broken << QByteArray();
        QTest::newRow("close_notify, then data")
            << QList{"\x01\x00\x15"_ba, "x\x17"_ba} << S::PeerClosed << QByteArray();
        QTest::newRow("data, then close_notify") << QList{"x\x17"_ba, "\x01\x00\x15"_ba} << S::PeerClosed << "x"_ba;
        QTest::newRow("another alert") << QList{"\x02\x28\x15"_ba} << S::Broken << QByteArray();
        QTest::newRow("a key update asking 2")
            << QList{QByteArray::fromHex("180000010216")} << S::Broken << QByteArray();
        QTest::newRow("a key update, then data in its record")
            << QList{QByteArray(QByteArray::fromHex("1800000100") + "x\x16")} << S::Broken << QByteArray();
        QTest::newRow("a new session ticket")
            << QList{QByteArray::fromHex("040000010016")} << S::Broken << QByteArray();
        QTest::newRow("an unknown content type") << QList{"x\x18"_ba} << S::Broken << QByteArray();
    }

    void whatAPeerMaySendAfterTheHandshake()
    {
        QFETCH(QList<QByteArray>, inners);
        QFETCH(TlsRecordLayer::Status, status);
        QFETCH(QByteArray, plaintext);
        QVERIFY(SSL_CTX_set_ciphersuites(m_clientContext, "TLS_AES_128_GCM_SHA256") == 1);
        QVERIFY(handshake());
        QVERIFY(takeOver());
        // The client's side of the same keys.
        const std::unique_ptr<TlsRecordLayer> peer =
            TlsRecordLayer::create(TlsRecordLayer::Suite::Aes128GcmSha256, m_secrets.server(), m_secrets.client());
        QVERIFY(peer);
        QByteArray wire;
        for (const QByteArray &inner : inners) {
            const std::optional<QByteArray> sealed = peer->sealInnerPlaintext(inner);
            QVERIFY(sealed);
            wire += *sealed;
        }
        const TlsRecordLayer::Opened opened = m_layer->open(wire);
        QCOMPARE(opened.status, status);
        QCOMPARE(opened.plaintext, plaintext);
        QCOMPARE(m_layer->brokenReason() != nullptr, status == TlsRecordLayer::Status::Broken);
    }

    void aTls12HandshakeStaysWithOpenSsl()
    {
        QVERIFY(SSL_CTX_set_max_proto_version(m_clientContext, TLS1_2_VERSION) == 1);
        QVERIFY(handshake());
        QVERIFY(!m_secrets.complete()); // TLS 1.2 has no traffic secrets
        QVERIFY(!TlsRecordLayer::takeOver(m_serverSsl, m_secrets));
    }

private:
    // Both handshakes, the server's secrets watched.
    bool handshake()
    {
        m_serverSsl = SSL_new(m_server->get());
        m_client = SSL_new(m_clientContext);
        if (!m_serverSsl || !m_client)
            return false;
        m_secrets.wipe();
        m_secrets.watch(m_serverSsl);
        SSL_set_fd(m_serverSsl, m_serverFd);
        SSL_set_accept_state(m_serverSsl);
        SSL_set_fd(m_client, m_clientFd);
        SSL_set_connect_state(m_client);
        bool serverDone = false, clientDone = false;
        for (int step = 0; step < kHandshakeSteps && !(serverDone && clientDone); ++step) {
            for (auto [ssl, done] : {std::pair{m_client, &clientDone}, std::pair{m_serverSsl, &serverDone}}) {
                if (*done)
                    continue;
                const int result = SSL_do_handshake(ssl);
                *done = result == 1;
                if (!*done && SSL_get_error(ssl, result) != SSL_ERROR_WANT_READ) {
                    qWarning() << "handshake failed:" << ERR_reason_error_string(ERR_get_error());
                    return false;
                }
            }
        }
        TlsTrafficSecrets::unwatch(m_serverSsl);
        return serverDone && clientDone;
    }

    bool takeOver()
    {
        m_layer = TlsRecordLayer::takeOver(m_serverSsl, m_secrets);
        SSL_free(m_serverSsl);
        m_serverSsl = nullptr;
        return m_layer != nullptr;
    }

    bool clientWrites(QByteArrayView bytes) { return SSL_write(m_client, bytes.data(), int(bytes.size())) > 0; }

    QByteArray clientReads(qsizetype size)
    {
        QByteArray bytes;
        char buffer[4096];
        while (bytes.size() < size) {
            const int n = SSL_read(m_client, buffer, sizeof buffer);
            if (n <= 0)
                break;
            bytes.append(buffer, n);
        }
        return bytes;
    }

    // What the client has written so far, opened.
    QByteArray serverReads()
    {
        QByteArray in = std::exchange(m_unread, {}) + drain(m_serverFd);
        TlsRecordLayer::Opened opened = m_layer->open(in);
        if (opened.status != TlsRecordLayer::Status::More || !in.isEmpty())
            return "(broken: "_ba + (m_layer->brokenReason() ? m_layer->brokenReason() : "a record left") + ")";
        return opened.plaintext;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<TlsContext> m_server;
    ssl_ctx_st *m_clientContext = nullptr;
    ssl_st *m_client = nullptr;
    ssl_st *m_serverSsl = nullptr;
    TlsTrafficSecrets m_secrets;
    std::unique_ptr<TlsRecordLayer> m_layer;
    QByteArray m_unread; // read from the server's end, not yet opened
    int m_serverFd = -1;
    int m_clientFd = -1;
};

QTEST_GUILESS_MAIN(TestTlsRecordLayer)
#include "tst_tlsrecordlayer.moc"
