#include "bench/loadrun.h"

#include "bench/benchclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QtEndian>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCodesPollMs = 50;
constexpr int kStartTimeoutMs = 20000;

QByteArray messageUuid(int client, int n)
{
    QByteArray uuid(16, '\0');
    qToBigEndian<quint32>(0xBE7C4001u, uuid.data());
    qToBigEndian<quint32>(quint32(client), uuid.data() + 4);
    qToBigEndian<quint64>(quint64(n), uuid.data() + 8);
    return uuid;
}

QString phoneOf(int client)
{
    return u"+1555%1"_s.arg(client, 7, 10, QChar(u'0'));
}

double percentile(QList<qint64> sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype i = std::min(sorted.size() - 1, qsizetype(p * double(sorted.size() - 1) + 0.5));
    return double(sorted[i]) / 1e6;
}

} // namespace

LoadRun::LoadRun(Options options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    m_clock.start();
}

LoadRun::~LoadRun()
{
    qDeleteAll(m_clients);
    if (m_server.state() == QProcess::Running) {
        m_server.terminate();
        m_server.waitForFinished(kStartTimeoutMs);
    }
}

qint64 LoadRun::serverMemoryKb(const char *field) const
{
    QFile status(u"/proc/%1/status"_s.arg(m_options.serverPid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

void LoadRun::fail(const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    fprintf(stderr, "parley-bench: %s\n", qPrintable(why));
    Q_EMIT finished(1);
}

void LoadRun::start()
{
    if (!m_options.parleyd.isEmpty())
        startServer();
    else
        QTimer::singleShot(0, this, [this] {
            m_rssBeforeKb = serverMemoryKb("VmRSS:");
            loginNext();
            QTimer *poll = new QTimer(this);
            connect(poll, &QTimer::timeout, this, &LoadRun::pollCodesFile);
            poll->start(kCodesPollMs);
        });
}

void LoadRun::startServer()
{
    m_server.setProgram(m_options.parleyd);
    m_server.setArguments(QStringList{u"--data-dir"_s, m_serverDir.path(), u"--tls-port"_s, u"0"_s, u"--ws-port"_s,
                                      u"off"_s, u"--code-address-per-hour"_s, u"0"_s, u"--send-rate"_s, u"0"_s,
                                      u"--max-connections-per-address"_s, u"1000000"_s} +
                          m_options.parleydArguments);
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.info=false"_s); // warnings and errors only
    m_server.setProcessEnvironment(environment);
    connect(&m_server, &QProcess::readyReadStandardOutput, this, [this] {
        m_serverOutput += m_server.readAllStandardOutput();
        static const QRegularExpression ready(u"^parleyd ready tls=([^ ]+):(\\d+) .* fingerprint=([0-9a-f]+)$"_s);
        static const QRegularExpression code(u"^dev-code (\\S+) (\\d{6})$"_s);
        qsizetype newline;
        while ((newline = m_serverOutput.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_serverOutput.left(newline)).trimmed();
            m_serverOutput.remove(0, newline + 1);
            if (const auto m = ready.match(line); m.hasMatch()) {
                m_options.host = m.captured(1);
                m_options.port = quint16(m.captured(2).toUInt());
                m_options.fingerprint = m.captured(3);
                m_options.serverPid = m_server.processId();
                m_rssBeforeKb = serverMemoryKb("VmRSS:");
                loginNext();
            } else if (const auto c = code.match(line); c.hasMatch()) {
                onCode(c.captured(1), c.captured(2));
            }
        }
    });
    connect(&m_server, &QProcess::finished, this, [this] {
        if (!m_done)
            fail(u"parleyd exited"_s);
    });
    m_server.start();
}

void LoadRun::pollCodesFile()
{
    QFile file(m_options.codesFile);
    if (!file.open(QIODevice::ReadOnly) || file.size() <= m_codesFileOffset)
        return;
    file.seek(m_codesFileOffset);
    const QByteArray data = file.readAll();
    const qsizetype lastNewline = data.lastIndexOf('\n');
    if (lastNewline < 0)
        return;
    m_codesFileOffset += lastNewline + 1;
    for (const QByteArray &line : data.left(lastNewline).split('\n')) {
        const QList<QByteArray> parts = line.split(' '); // time phone code
        if (parts.size() == 3)
            onCode(QString::fromLatin1(parts[1]), QString::fromLatin1(parts[2]));
    }
}

void LoadRun::loginNext()
{
    if (m_loginStartNs == 0)
        m_loginStartNs = m_clock.nsecsElapsed();
    while (m_nextLogin < m_options.clients && m_loginsInFlight < m_options.loginConcurrency) {
        const int index = m_nextLogin++;
        ++m_loginsInFlight;
        auto *client = new BenchClient(m_options.fingerprint);
        client->phone = phoneOf(index);
        m_clients.append(client);
        m_clientByPhone.insert(client->phone, index);
        connect(client, &BenchClient::failed, this, [this](const QString &why) { fail(u"a client failed: "_s + why); });
        connect(client, &BenchClient::opened, this, [this, client] {
            v1::CodeRequest request;
            request.set_phone(client->phone.toStdString());
            client->request(SubSignal::RVC, request, [this](const v1::Result &r) {
                if (r.code() != v1::ERR_NONE)
                    fail(u"RVC refused: %1"_s.arg(QString::fromStdString(r.message())));
            });
        });
        connect(client, &BenchClient::messagePushed, this, [this](const v1::InboxItem &item) {
            const auto it = m_sentAtNs.find(QByteArray::fromStdString(item.message().client_uuid()));
            if (it == m_sentAtNs.end())
                return;
            const qint64 now = m_clock.nsecsElapsed();
            m_latencyNs.append(now - *it);
            m_sentAtNs.erase(it);
            ++m_pushed;
            m_lastPushNs = now;
            maybeDone();
        });
        client->open(m_options.host, m_options.port);
    }
}

void LoadRun::onCode(const QString &phone, const QString &code)
{
    const auto it = m_clientByPhone.constFind(phone);
    if (it == m_clientByPhone.cend())
        return;
    BenchClient *client = m_clients[*it];
    v1::LoginRequest login;
    login.set_phone(phone.toStdString());
    login.set_code(code.toStdString());
    login.set_device_id(u"bench-%1"_s.arg(*it).toStdString());
    const int index = *it;
    client->request(SubSignal::LGN, login, [this, client, index](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE) {
            fail(u"LGN refused: %1"_s.arg(QString::fromStdString(r.message())));
            return;
        }
        client->userId = QString::fromStdString(r.login().user_id());
        client->token = QString::fromStdString(r.login().token());
        client->connectSession(client->userId, client->token, u"bench-%1"_s.arg(index), [this](bool ok) {
            if (!ok) {
                fail(u"CONNECT refused"_s);
                return;
            }
            connectedOne();
        });
    });
}

void LoadRun::connectedOne()
{
    ++m_connected;
    --m_loginsInFlight;
    if (m_connected < m_options.clients) {
        loginNext();
        return;
    }
    m_loginEndNs = m_clock.nsecsElapsed();
    m_rssConnectedKb = serverMemoryKb("VmRSS:");
    startSending();
}

void LoadRun::startSending()
{
    m_expected = qint64(m_options.clients) * m_options.messagesPerClient;
    m_sent = QList<int>(m_options.clients, 0);
    m_inFlight = QList<int>(m_options.clients, 0);
    m_latencyNs.reserve(m_expected);
    m_sendStartNs = m_clock.nsecsElapsed();
    if (m_expected == 0 || m_options.clients < 2) {
        report();
        return;
    }
    for (int i = 0; i < m_options.clients; ++i) {
        for (int w = 0; w < m_options.window; ++w)
            sendNext(i);
    }
}

void LoadRun::sendNext(int client)
{
    if (m_sent[client] >= m_options.messagesPerClient)
        return;
    const int n = m_sent[client]++;
    ++m_inFlight[client];
    int peer = int(QRandomGenerator::global()->bounded(m_options.clients - 1));
    if (peer >= client)
        ++peer;
    v1::Message m;
    m.set_conversation_type(v1::CONVERSATION_PRIVATE);
    m.set_target(m_clients[peer]->userId.toStdString());
    const QByteArray uuid = messageUuid(client, n);
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(std::string(size_t(m_options.textBytes), 'x'));
    m_sentAtNs.insert(uuid, m_clock.nsecsElapsed());
    m_clients[client]->request(SubSignal::MS, m, [this, client](const v1::Result &r) {
        --m_inFlight[client];
        if (r.code() != v1::ERR_NONE)
            ++m_errors;
        ++m_acked;
        m_lastAckNs = m_clock.nsecsElapsed();
        sendNext(client);
        maybeDone();
    });
}

void LoadRun::maybeDone()
{
    if (m_done || m_acked < m_expected || m_pushed + m_errors < m_expected)
        return;
    report();
}

void LoadRun::report()
{
    m_done = true;
    const double loginS = double(m_loginEndNs - m_loginStartNs) / 1e9;
    const double sendS = double(std::max(m_lastAckNs, m_lastPushNs) - m_sendStartNs) / 1e9;
    const double ackS = double(m_lastAckNs - m_sendStartNs) / 1e9;
    std::sort(m_latencyNs.begin(), m_latencyNs.end());
    const qint64 peakKb = serverMemoryKb("VmHWM:");
    const qint64 nowKb = serverMemoryKb("VmRSS:");
    printf("parley-bench: %d clients x %d messages, window %d, %d-byte texts\n", m_options.clients,
           m_options.messagesPerClient, m_options.window, m_options.textBytes);
    printf("  login + connect: %d clients in %.2f s\n", m_options.clients, loginS);
    if (m_rssBeforeKb > 0)
        printf("  server memory: %.1f MB before clients, %.1f MB with %d connected (%.1f KB per connection)\n",
               double(m_rssBeforeKb) / 1024, double(m_rssConnectedKb) / 1024, m_options.clients,
               double(m_rssConnectedKb - m_rssBeforeKb) / std::max(1, m_options.clients));
    if (m_expected > 0 && m_options.clients >= 2) {
        printf("  sent: %lld messages acknowledged in %.2f s = %.0f msg/s (%lld errors)\n", m_acked, ackS,
               double(m_acked) / std::max(ackS, 1e-9), m_errors);
        printf("  delivered: %lld pushes; all done in %.2f s = %.0f msg/s end to end\n", m_pushed, sendS,
               double(m_pushed) / std::max(sendS, 1e-9));
        printf("  send -> recipient push latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%lld samples)\n",
               percentile(m_latencyNs, 0.50), percentile(m_latencyNs, 0.99), percentile(m_latencyNs, 1.0),
               qint64(m_latencyNs.size()));
    }
    if (peakKb > 0)
        printf("  server peak memory (VmHWM): %.1f MB; now %.1f MB\n", double(peakKb) / 1024, double(nowKb) / 1024);
    fflush(stdout);
    Q_EMIT finished(m_errors == 0 ? 0 : 1);
}
