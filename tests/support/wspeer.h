#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocket>

#include <optional>

// A web peer for tests: speaks the WebSocket JSON envelope directly, as a browser client would.
class WsPeer : public QObject {
    Q_OBJECT

public:
    static constexpr int kWaitMs = 10000;

    explicit WsPeer(QObject *parent = nullptr);

    bool open(const QUrl &url);
    void sendText(const QString &json);
    void send(const QJsonObject &envelope);
    // PUBLISH {subSignal, messageId, content} and wait for the PUB_ACK with that messageId; its "content".
    std::optional<QJsonObject> call(const QString &subSignal, const QJsonObject &content);
    // The next envelope with this "signal" (others are kept).
    std::optional<QJsonObject> waitFor(const QString &signal, int timeoutMs = kWaitMs);
    bool waitClosed(int timeoutMs = kWaitMs);
    // The message a PUSH MN envelope carries (empty if it carries none).
    static QJsonObject pushedMessage(const QJsonObject &push)
    {
        return push.value(QStringLiteral("content")).toObject().value(QStringLiteral("message")).toObject();
    }
    // Its text: content.searchableContent.
    static QString pushedText(const QJsonObject &push)
    {
        return pushedMessage(push)
            .value(QStringLiteral("content"))
            .toObject()
            .value(QStringLiteral("searchableContent"))
            .toString();
    }
    QWebSocket &socket() { return m_socket; }

private:
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    int m_nextId = 1;
};
