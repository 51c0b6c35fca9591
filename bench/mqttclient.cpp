#include "bench/mqttclient.h"

#include <QSocketNotifier>

#include <mosquitto.h>

using namespace Qt::StringLiterals;

MqttClient::MqttClient(const QByteArray &clientId, int maxInflight, QObject *parent)
    : QObject(parent), m_mosq(mosquitto_new(clientId.constData(), true, this))
{
    mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_max_inflight_messages_set(m_mosq, unsigned(maxInflight));
    mosquitto_int_option(m_mosq, MOSQ_OPT_TCP_NODELAY, 1); // as parleyd and its clients
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_subscribe_callback_set(m_mosq, &MqttClient::onSubscribe);
    mosquitto_publish_callback_set(m_mosq, &MqttClient::onPublish);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessage);
    connect(&m_housekeeping, &QTimer::timeout, this, [this] { afterCall(mosquitto_loop_misc(m_mosq), "loop_misc"); });
}

MqttClient::~MqttClient()
{
    delete m_readable;
    delete m_writable;
    mosquitto_destroy(m_mosq);
}

void MqttClient::useTls(const QByteArray &caFile)
{
    mosquitto_tls_set(m_mosq, caFile.constData(), nullptr, nullptr, nullptr, nullptr);
    mosquitto_tls_insecure_set(m_mosq, true);
}

bool MqttClient::open(const QByteArray &host, int port)
{
    // A blocking TCP connect (loopback); the CONNECT packet is queued and goes out from the loop.
    const int rc = mosquitto_connect(m_mosq, host.constData(), port, kKeepAliveS);
    if (rc != MOSQ_ERR_SUCCESS) {
        Q_EMIT failed(u"connect: %1"_s.arg(QString::fromUtf8(mosquitto_strerror(rc))));
        return false;
    }
    const int fd = mosquitto_socket(m_mosq);
    m_readable = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    m_writable = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    connect(m_readable, &QSocketNotifier::activated, this,
            [this] { afterCall(mosquitto_loop_read(m_mosq, 1), "loop_read"); });
    connect(m_writable, &QSocketNotifier::activated, this,
            [this] { afterCall(mosquitto_loop_write(m_mosq, 1), "loop_write"); });
    m_housekeeping.start(kHousekeepingMs);
    updateWriteInterest();
    return true;
}

void MqttClient::subscribe(const QByteArray &topic, int qos)
{
    afterCall(mosquitto_subscribe(m_mosq, nullptr, topic.constData(), qos), "subscribe");
}

void MqttClient::publish(const QByteArray &topic, const QByteArray &payload, int qos)
{
    afterCall(
        mosquitto_publish(m_mosq, nullptr, topic.constData(), int(payload.size()), payload.constData(), qos, false),
        "publish");
}

void MqttClient::afterCall(int rc, const char *what)
{
    if (rc != MOSQ_ERR_SUCCESS) {
        m_readable->setEnabled(false);
        m_writable->setEnabled(false);
        m_housekeeping.stop();
        Q_EMIT failed(u"%1: %2"_s.arg(QLatin1StringView(what), QString::fromUtf8(mosquitto_strerror(rc))));
        return;
    }
    updateWriteInterest();
}

void MqttClient::updateWriteInterest()
{
    if (m_writable)
        m_writable->setEnabled(mosquitto_want_write(m_mosq));
}

void MqttClient::onConnect(mosquitto *, void *self, int rc)
{
    auto *client = static_cast<MqttClient *>(self);
    if (rc == 0)
        Q_EMIT client->connected();
    else
        Q_EMIT client->failed(u"CONNACK %1"_s.arg(rc));
}

void MqttClient::onSubscribe(mosquitto *, void *self, int, int, const int *)
{
    Q_EMIT static_cast<MqttClient *>(self)->subscribed();
}

void MqttClient::onPublish(mosquitto *, void *self, int)
{
    Q_EMIT static_cast<MqttClient *>(self)->published();
}

void MqttClient::onMessage(mosquitto *, void *self, const mosquitto_message *message)
{
    Q_EMIT static_cast<MqttClient *>(self)->received(
        QByteArray::fromRawData(static_cast<const char *>(message->payload), message->payloadlen));
}
