#include "bench/crowd.h"

#include "bench/benchclient.h"
#include "bench/benchserver.h"

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

QString phoneOf(int index)
{
    return u"+1555%1"_s.arg(index, 7, 10, QChar(u'0'));
}

} // namespace

Crowd::Crowd(BenchServer &server, int size, QObject *parent) : Crowd(QList<BenchServer *>{&server}, size, parent)
{
}

Crowd::Crowd(QList<BenchServer *> nodes, int size, QObject *parent)
    : QObject(parent), m_nodes(std::move(nodes)), m_size(size)
{
    for (BenchServer *node : std::as_const(m_nodes))
        connect(node, &BenchServer::codeSent, this, &Crowd::onCode);
}

Crowd::~Crowd()
{
    qDeleteAll(m_clients);
}

QString Crowd::deviceIdOf(int index)
{
    return u"bench-%1"_s.arg(index);
}

void Crowd::logIn()
{
    if (m_size == 0) {
        Q_EMIT connected();
        return;
    }
    loginNext();
}

void Crowd::loginNext()
{
    while (m_next < m_size && m_inFlight < kLoginConcurrency) {
        const int index = m_next++;
        ++m_inFlight;
        const BenchServer &node = *m_nodes.at(index % m_nodes.size());
        auto *client = new BenchClient(node.fingerprint());
        client->phone = phoneOf(index);
        client->deviceId = deviceIdOf(index);
        m_clients.append(client);
        m_byPhone.insert(client->phone, index);
        connect(client, &BenchClient::failed, this,
                [this](const QString &why) { Q_EMIT failed(u"a client failed: "_s + why); });
        connect(client, &BenchClient::opened, this, [this, client] {
            if (!client->token.isEmpty())
                return; // a reconnect, handled by whoever reopened it
            v1::CodeRequest request;
            request.set_phone(client->phone.toStdString());
            client->request(SubSignal::RVC, request, [this](const v1::Result &r) {
                if (r.code() != v1::ERR_NONE)
                    Q_EMIT failed(u"RVC refused: %1"_s.arg(QString::fromStdString(r.message())));
            });
        });
        client->open(node.host(), node.port());
    }
}

void Crowd::onCode(const QString &phone, const QString &code)
{
    const auto it = m_byPhone.constFind(phone);
    if (it == m_byPhone.cend())
        return;
    BenchClient *client = m_clients[*it];
    v1::LoginRequest login;
    login.set_phone(phone.toStdString());
    login.set_code(code.toStdString());
    login.set_device_id(client->deviceId.toStdString());
    client->request(SubSignal::LGN, login, [this, client](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE) {
            Q_EMIT failed(u"LGN refused: %1"_s.arg(QString::fromStdString(r.message())));
            return;
        }
        client->userId = QString::fromStdString(r.login().user_id());
        client->token = QString::fromStdString(r.login().token());
        client->connectSession([this](bool ok, quint64) {
            if (!ok) {
                Q_EMIT failed(u"CONNECT refused"_s);
                return;
            }
            connectedOne();
        });
    });
}

void Crowd::connectedOne()
{
    ++m_connected;
    --m_inFlight;
    if (m_connected < m_size) {
        loginNext();
        return;
    }
    Q_EMIT connected();
}
