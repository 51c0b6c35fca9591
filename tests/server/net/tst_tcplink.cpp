// TcpLink, parleyd's binary link over TLS, against OpenSSL's own client over a socket pair, on this thread's
// event loop. Under TLS 1.3 the link's records are its record layer's once the handshake is done — even when
// the client's Finished, its first frames and a key update it asks for come in one write — and under TLS 1.2
// they stay OpenSSL's. Frames both ways through a send buffer too small for them (partial writes), then the
// close: what was queued, close_notify, a FIN, and closed() once the client has ended too.

#include "protocol/frame.h"
#include "protocol/framedecoder.h"
#include "server/net/tcplink.h"
#include "tests/support/testtlscontext.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/ssl.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace parley;
using namespace parley::server;

namespace {

constexpr int kWaitMs = 10000;
constexpr int kPumpMs = 5;
constexpr int kSmallSendBuffer = 4096; // the kernel's minimum is about this; far below what is sent at once
constexpr int kPings = 3;
constexpr int kBigFrames = 10;
constexpr qsizetype kBigPayload = 100 * 1024;

QByteArray payloadOf(int i)
{
    QByteArray bytes(kBigPayload, Qt::Uninitialized);
    for (qsizetype j = 0; j < bytes.size(); ++j)
        bytes[j] = char(i * 31 + j);
    return bytes;
}

} // namespace

class TestTcpLink : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tls = testTlsContext(m_dir.path());
        QVERIFY(m_tls);
    }

    void init()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        QCOMPARE(::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &kSmallSendBuffer, sizeof kSmallSendBuffer), 0);
        m_clientFd = fds[1];
        ::fcntl(m_clientFd, F_SETFL, ::fcntl(m_clientFd, F_GETFL) | O_NONBLOCK);
        m_link = std::make_unique<TcpLink>(fds[0], m_tls->get()); // the link owns fds[0] from here
        // The link answers every frame with a PONG of its id, as a session would a PING.
        connect(m_link.get(), &ILink::frameReceived, this, [this](const Frame &frame) {
            m_received.append(frame);
            m_link->send(Frame{Signal::Pong, SubSignal::None, frame.messageId, {}});
        });
        m_clientContext = SSL_CTX_new(TLS_client_method());
        QVERIFY(m_clientContext);
    }

    void cleanup()
    {
        m_link.reset();
        SSL_free(m_client);
        SSL_CTX_free(m_clientContext);
        m_client = nullptr;
        m_clientContext = nullptr;
        ::close(m_clientFd);
        m_received.clear();
        m_frames.clear();
        m_decoder = FrameDecoder();
        m_clientEnded = false;
    }

    void framesBothWaysAndTheClose_data()
    {
        QTest::addColumn<bool>("tls13");
        QTest::newRow("TLS 1.3: the link's own records") << true;
        QTest::newRow("TLS 1.2: OpenSSL's records") << false;
    }

    void framesBothWaysAndTheClose()
    {
        QFETCH(bool, tls13);
        if (!tls13)
            QVERIFY(SSL_CTX_set_max_proto_version(m_clientContext, TLS1_2_VERSION) == 1);
        m_client = SSL_new(m_clientContext);
        QVERIFY(m_client && SSL_set_fd(m_client, m_clientFd) == 1);
        SSL_set_connect_state(m_client);
        // The client's handshake, the link's going on in the event loop; the client is done when it has written
        // its Finished, before the link has read it.
        QTRY_VERIFY_WITH_TIMEOUT(SSL_do_handshake(m_client) == 1, kWaitMs);
        QVERIFY(!m_link->recordsTakenOver());

        // Right behind the Finished, in the same socket: PINGs, a key update asked for (TLS 1.3), another PING.
        for (int i = 1; i < kPings; ++i)
            QVERIFY(clientSends(Frame{Signal::Ping, SubSignal::None, quint16(i), {}}));
        if (tls13)
            QVERIFY(SSL_key_update(m_client, SSL_KEY_UPDATE_REQUESTED) == 1);
        QVERIFY(clientSends(Frame{Signal::Ping, SubSignal::None, quint16(kPings), {}}));
        QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), kPings, kWaitMs);
        QCOMPARE(m_link->recordsTakenOver(), tls13);
        for (int i = 0; i < kPings; ++i)
            QCOMPARE(m_received[i].messageId, quint16(i + 1));
        // The PONGs: under the link's next key after the update (the client reads them only if it took it).
        QTRY_VERIFY_WITH_TIMEOUT(clientReceived(kPings), kWaitMs);
        for (int i = 0; i < kPings; ++i)
            QCOMPARE(m_frames[i].messageId, quint16(i + 1));

        // Far more than the socket takes at once, in one pass of the loop: written as the client reads.
        for (int i = 0; i < kBigFrames; ++i)
            m_link->send(Frame{Signal::Push, SubSignal::MN, quint16(100 + i), payloadOf(i)});
        m_link->close(); // after what is queued
        QVERIFY(m_link->pendingWriteBytes() > 0);
        QSignalSpy closed(m_link.get(), &ILink::closed);
        QVERIFY(pumpUntil([&] { return clientReceived(kPings + kBigFrames); }));
        for (int i = 0; i < kBigFrames; ++i) {
            QCOMPARE(m_frames[kPings + i].messageId, quint16(100 + i));
            QCOMPARE(m_frames[kPings + i].payload, payloadOf(i));
        }
        // close_notify and the link's FIN; the link waits for the client's end.
        QVERIFY(pumpUntil([&] { return clientSawTheEnd(); }));
        QCOMPARE(closed.size(), 0);
        QCOMPARE(SSL_shutdown(m_client), 1);
        ::shutdown(m_clientFd, SHUT_WR);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kWaitMs);
        QCOMPARE(m_link->pendingWriteBytes(), 0);
        QCOMPARE(m_received.size(), kPings);
    }

private:
    // The event loop's pending work, the link's, until condition holds (or kWaitMs pass): the client reads in
    // between, faster than QTRY's 50 ms steps would let a link write through a small send buffer.
    static bool pumpUntil(const std::function<bool()> &condition)
    {
        const QDeadlineTimer deadline(kWaitMs);
        while (!condition()) {
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, kPumpMs);
        }
        return true;
    }

    bool clientSends(const Frame &frame)
    {
        const QByteArray bytes = frame.encode();
        return SSL_write(m_client, bytes.constData(), int(bytes.size())) == int(bytes.size());
    }

    // Reads what the socket has; true once count frames have come.
    bool clientReceived(qsizetype count)
    {
        char buffer[16 * 1024];
        for (int n; (n = SSL_read(m_client, buffer, sizeof buffer)) > 0;)
            m_decoder.append(QByteArrayView(buffer, n));
        while (std::optional<Frame> frame = m_decoder.next())
            m_frames.append(*frame);
        return m_frames.size() >= count;
    }

    // True once the link's close_notify and FIN have come.
    bool clientSawTheEnd()
    {
        char byte;
        if (!m_clientEnded) {
            const int n = SSL_read(m_client, &byte, 1);
            m_clientEnded = n <= 0 && SSL_get_error(m_client, n) == SSL_ERROR_ZERO_RETURN;
        }
        return m_clientEnded && ::recv(m_clientFd, &byte, 1, MSG_PEEK) == 0;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<TlsContext> m_tls;
    std::unique_ptr<TcpLink> m_link;
    QList<Frame> m_received; // by the link
    ssl_ctx_st *m_clientContext = nullptr;
    ssl_st *m_client = nullptr;
    int m_clientFd = -1;
    FrameDecoder m_decoder;
    QList<Frame> m_frames; // by the client
    bool m_clientEnded = false;
};

QTEST_GUILESS_MAIN(TestTcpLink)
#include "tst_tcplink.moc"
