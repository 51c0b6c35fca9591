// Logging in and links, against parleyd as a process on 127.0.0.1: codes and login, one user per number,
// token refusal and revocation, what a link may ask before CONNECT, codes handed to an SMS gateway.

#include "parley.pb.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/testphones.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace parley;
using namespace Qt::StringLiterals;

class TestAuth : public ParleydTestCase {
    Q_OBJECT

private Q_SLOTS:

    void logInAndConnect()
    {
        const TestLogin login = newUser();
        QVERIFY(!login.userId.isEmpty());
        QCOMPARE(QByteArray::fromBase64(login.token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        const auto ack = client.connectSession(login.userId, login.token, login.deviceId);
        QVERIFY(ack);
        QCOMPARE(ack->code(), v1::CONNECTION_ACCEPTED);
        QVERIFY(ack->heartbeat_interval_s() > 0);
        QVERIFY(ack->server_time_ms() > 0);
        QCOMPARE(ack->inbox_head(), quint64(0));
    }

    void sameNumberIsTheSameUser()
    {
        const QString phone = nextPhone();
        const TestLogin first = logInRaw(*m_server, phone, u"laptop"_s);
        QVERIFY(!first.userId.isEmpty());
        // A second login of the same number must wait out the per-phone interval: refused with a typed error.
        RawClient link(m_server->fingerprint());
        QVERIFY(link.connectTo(m_server->tlsPort()));
        v1::CodeRequest again;
        again.set_phone(phone.toStdString());
        const auto limited = link.call(SubSignal::RVC, again);
        QVERIFY(limited);
        QCOMPARE(limited->code(), v1::ERR_RATE_LIMITED);
        QVERIFY(limited->retry_after_s() > 0);
    }

    void tokenRefusal()
    {
        const TestLogin login = newUser(u"phone-a"_s);
        const TestLogin other = newUser(u"phone-b"_s);
        struct Case {
            QString userId, token, device;
            v1::ConnectCode expected;
        };
        const QList<Case> cases{
            {login.userId, u"not-a-token"_s, login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
            {other.userId, login.token, login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
            {login.userId, login.token, u"someone-elses-device"_s, v1::CONNECTION_REFUSED_SESSION_NOT_EXIST},
            {login.userId, login.token, QString(), v1::CONNECTION_REFUSED_IDENTIFIER_REJECTED},
            {login.userId, QString(), login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
        };
        for (const Case &c : cases) {
            RawClient client(m_server->fingerprint());
            QVERIFY(client.connectTo(m_server->tlsPort()));
            const auto ack = client.connectSession(c.userId, c.token, c.device);
            QVERIFY(ack);
            QCOMPARE(ack->code(), c.expected);
            QVERIFY(client.waitClosed());
        }
    }

    void revokedTokenIsRefused()
    {
        const TestLogin login = newUser(u"old-laptop"_s);
        {
            auto client = connectRaw(*m_server, login);
            QVERIFY(client);
            const auto out = client->call(SubSignal::LGO, v1::LogoutRequest());
            QVERIFY(out);
            QCOMPARE(out->code(), v1::ERR_NONE);
            QVERIFY(client->waitClosed());
            QVERIFY(client->lastDisconnect());
            QCOMPARE(client->lastDisconnect()->reason(), v1::DISCONNECT_CLIENT_LOGOUT);
        }
        RawClient again(m_server->fingerprint());
        QVERIFY(again.connectTo(m_server->tlsPort()));
        const auto ack = again.connectSession(login.userId, login.token, login.deviceId);
        QVERIFY(ack);
        QCOMPARE(ack->code(), v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    void requestsBeforeConnect()
    {
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        QCOMPARE(client.call(SubSignal::MS, textTo(u"x"_s, "x", testUuid(500)))->code(), v1::ERR_NOT_AUTHENTICATED);
        v1::CodeRequest bad;
        bad.set_phone("12345");
        QCOMPARE(client.call(SubSignal::RVC, bad)->code(), v1::ERR_INVALID_PHONE);
        v1::LoginRequest login;
        login.set_phone(nextPhone().toStdString());
        login.set_code("123456");
        login.set_device_id("d");
        QCOMPARE(client.call(SubSignal::LGN, login)->code(), v1::ERR_CODE_EXPIRED); // none was requested
    }

    void codesPerBlockOfNumbers()
    {
        // --code-block-per-hour 2: two codes an hour for numbers that differ only in their last four digits,
        // whichever addresses ask; the numbers of the next block are not touched.
        ParleydProcess server({u"--code-block-per-hour"_s, u"2"_s});
        QVERIFY(server.start());
        const auto ask = [&server](const char *phone) {
            RawClient link(server.fingerprint());
            v1::CodeRequest request;
            request.set_phone(phone);
            return link.connectTo(server.tlsPort()) ? link.call(SubSignal::RVC, request) : std::nullopt;
        };
        QCOMPARE(ask("+8613712340001")->code(), v1::ERR_NONE);
        QCOMPARE(ask("+8613712349999")->code(), v1::ERR_NONE);
        const auto third = ask("+8613712340002");
        QVERIFY(third);
        QCOMPARE(third->code(), v1::ERR_RATE_LIMITED);
        QVERIFY(third->retry_after_s() > 3500);
        QCOMPARE(ask("+8613712350002")->code(), v1::ERR_NONE);
        QCOMPARE(server.codesSentTo(u"+8613712340002"_s), 0);
        QCOMPARE(server.stop(), 0);
    }

    void webhookDeliversCodes()
    {
        // A stand-in SMS gateway: answers 200 to the first request and 500 to the second.
        QTcpServer gateway;
        QVERIFY(gateway.listen(QHostAddress::LocalHost));
        QList<QJsonObject> received;
        int answered = 0;
        connect(&gateway, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = gateway.nextPendingConnection();
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const qsizetype lengthAt = buffer->toLower().indexOf("content-length:");
                const int length =
                    buffer->mid(lengthAt + 15, buffer->indexOf('\r', lengthAt) - lengthAt - 15).trimmed().toInt();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                received.append(QJsonDocument::fromJson(buffer->mid(headerEnd + 4, length)).object());
                const QByteArray status = answered++ == 0 ? "200 OK" : "500 Internal Server Error";
                socket->write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        ParleydProcess server({u"--code-sender"_s, u"webhook"_s, u"--code-webhook-url"_s,
                               u"http://127.0.0.1:%1/sms"_s.arg(gateway.serverPort())});
        QVERIFY(server.start());
        RawClient link(server.fingerprint());
        QVERIFY(link.connectTo(server.tlsPort()));
        v1::CodeRequest request;
        request.set_phone("+44 20 7946 0000");
        const auto ok = link.call(SubSignal::RVC, request);
        QVERIFY(ok);
        QCOMPARE(ok->code(), v1::ERR_NONE);
        QCOMPARE(received.size(), 1);
        QCOMPARE(received[0].value(u"phone"_s).toString(), u"+442079460000"_s);
        QCOMPARE(received[0].value(u"code"_s).toString().size(), 6);
        QCOMPARE(received[0].value(u"purpose"_s).toString(), u"login"_s);
        QCOMPARE(server.codesSentTo(u"+442079460000"_s), 0); // nothing printed by the webhook sender

        request.set_phone("+442079460001");
        const auto failed = link.call(SubSignal::RVC, request);
        QVERIFY(failed);
        QCOMPARE(failed->code(), v1::ERR_UNAVAILABLE);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
