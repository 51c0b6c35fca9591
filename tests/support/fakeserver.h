#pragma once

#include "core/net/connection.h"
#include "protocol/protobufbytes.h"
#include "tests/support/faketransport.h"

#include <QPointer>
#include <QTest>

#include <memory>
#include <optional>

// The server side of a real Connection over FakeTransport, for unit tests of what uses the connection
// (Outbox, SyncEngine, ReceiptReporter, HistoryFetcher): brings it online, sees the requests the client
// writes, answers them, pushes inbox items, drops the link. Like QXmpp's TestClient inject()/expect().
class FakeServer {
public:
    static constexpr int kWaitMs = 5000;

    FakeServer()
    {
        parley::ConnectionTimings timings;
        timings.backoffInitialMs = 10;
        timings.backoffCapMs = 20;
        m_connection = std::make_unique<parley::Connection>(
            QList<parley::ServerAddress>{{QStringLiteral("chat.example"), 7800}},
            [this] {
                auto *t = new FakeTransport;
                m_transports.append(t);
                return t;
            },
            timings);
    }

    parley::Connection &connection() { return *m_connection; }

    // Logs the client in (the first time) or waits for its reconnection, and accepts it with `inboxHead`.
    bool goOnline(quint64 inboxHead = 0)
    {
        if (m_connection->state() == parley::Connection::State::Idle) {
            parley::v1::ConnectRequest credentials;
            credentials.set_user_id("me");
            credentials.set_token("token");
            credentials.set_device_id("laptop");
            m_connection->start(credentials);
        }
        if (!QTest::qWaitFor(
                [this] { return !m_transports.isEmpty() && m_transports.last() && !m_transports.last()->isOpen(); },
                kWaitMs))
            return false;
        FakeTransport *link = m_transports.last();
        link->acceptOpen();
        if (link->written.isEmpty() || link->written.first().signal != parley::Signal::Connect)
            return false;
        const parley::Frame connect = link->takeFirst();
        parley::v1::ConnectAck ack;
        ack.set_code(parley::v1::CONNECTION_ACCEPTED);
        ack.set_inbox_head(inboxHead);
        ack.set_heartbeat_interval_s(30);
        link->inject(parley::Frame{parley::Signal::ConnectAck, parley::SubSignal::None, connect.messageId,
                                   parley::toBytes(ack)});
        return m_connection->isOnline();
    }

    // The next request the client writes (running the event loop until it does), or nullopt in time.
    std::optional<parley::Frame> nextRequest(int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return link() && !link()->written.isEmpty(); }, timeoutMs))
            return std::nullopt;
        return link()->takeFirst();
    }
    // The next request, if it is a `subSignal` one, with its payload.
    template <typename Payload>
    std::optional<std::pair<parley::Frame, Payload>> nextRequest(parley::SubSignal subSignal, int timeoutMs = kWaitMs)
    {
        const std::optional<parley::Frame> request = nextRequest(timeoutMs);
        if (!request || request->subSignal != subSignal)
            return std::nullopt;
        const std::optional<Payload> payload = payloadOf<Payload>(*request);
        if (!payload)
            return std::nullopt;
        return std::pair(*request, *payload);
    }
    // Whether the client writes nothing within `ms` (for "no resend", "no pull").
    bool silentFor(int ms)
    {
        QTest::qWait(ms);
        return !link() || link()->written.isEmpty();
    }

    template <typename Payload>
    static std::optional<Payload> payloadOf(const parley::Frame &request)
    {
        return parley::fromBytes<Payload>(request.payload);
    }

    void reply(const parley::Frame &request, const parley::v1::Result &result)
    {
        link()->inject(
            parley::Frame{parley::Signal::PubAck, request.subSignal, request.messageId, parley::toBytes(result)});
    }
    void push(const parley::v1::InboxItem &item)
    {
        link()->inject(parley::Frame{parley::Signal::Push, parley::SubSignal::MN, ++m_pushId, parley::toBytes(item)});
    }
    // The link is lost (the connection will reconnect after its backoff).
    void drop() { link()->drop(parley::Error(parley::ErrorCode::ConnectionLost, QStringLiteral("cable pulled"))); }

private:
    FakeTransport *link() const { return m_transports.isEmpty() ? nullptr : m_transports.last().data(); }

    QList<QPointer<FakeTransport>> m_transports;
    std::unique_ptr<parley::Connection> m_connection;
    quint16 m_pushId = 0;
};
