#include "tests/support/wspeer.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

WsPeer::WsPeer(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { m_received.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
}

bool WsPeer::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor([&] { return condition() || m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs) &&
           condition();
}

bool WsPeer::open(const QUrl &url)
{
    m_socket.open(url);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kWaitMs);
}

void WsPeer::sendText(const QString &json)
{
    m_socket.sendTextMessage(json);
}

void WsPeer::send(const QJsonObject &envelope)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact)));
}

std::optional<QJsonObject> WsPeer::call(const QString &subSignal, const QJsonObject &content)
{
    const int id = m_nextId++;
    send(QJsonObject{
        {u"signal"_s, u"PUBLISH"_s}, {u"subSignal"_s, subSignal}, {u"messageId"_s, id}, {u"content"_s, content}});
    const auto find = [&] {
        return std::find_if(m_received.begin(), m_received.end(), [id](const QJsonObject &o) {
            return o.value(u"signal"_s).toString() == "PUB_ACK"_L1 && o.value(u"messageId"_s).toInt() == id;
        });
    };
    if (!waitUntil([&] { return find() != m_received.end(); }, kWaitMs))
        return std::nullopt;
    const auto it = find();
    const QJsonObject content2 = it->value(u"content"_s).toObject();
    m_received.erase(it);
    return content2;
}

std::optional<QJsonObject> WsPeer::waitFor(const QString &signal, int timeoutMs)
{
    const auto find = [&] {
        return std::find_if(m_received.begin(), m_received.end(),
                            [&](const QJsonObject &o) { return o.value(u"signal"_s).toString() == signal; });
    };
    if (!waitUntil([&] { return find() != m_received.end(); }, timeoutMs))
        return std::nullopt;
    const auto it = find();
    const QJsonObject found = *it;
    m_received.erase(it);
    return found;
}

bool WsPeer::waitClosed(int timeoutMs)
{
    return waitUntil([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}
