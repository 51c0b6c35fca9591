#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

struct mosquitto;
struct mosquitto_message;
class QSocketNotifier;

// One MQTT client of the reference broker (mosquitto) for the comparison benchmark: libmosquitto, the
// broker project's own client library, driven by this thread's event loop through its external-loop calls
// (mosquitto_loop_read / _write / _misc), so hundreds of clients share one thread as BenchClients do.
class MqttClient : public QObject {
    Q_OBJECT

public:
    static constexpr int kKeepAliveS = 60;
    static constexpr int kHousekeepingMs = 1000; // mosquitto_loop_misc: keep-alive pings and retries

    MqttClient(const QByteArray &clientId, int maxInflight, QObject *parent = nullptr);
    ~MqttClient() override;

    // TLS to a broker whose certificate is `caFile` (self-signed here; the host name is not checked).
    void useTls(const QByteArray &caFile);
    bool open(const QByteArray &host, int port); // connected() or failed() follows
    void subscribe(const QByteArray &topic, int qos);
    void publish(const QByteArray &topic, const QByteArray &payload, int qos);

Q_SIGNALS:
    void connected();
    void subscribed();
    void published(); // QoS 1: the broker's PUBACK; QoS 0: written
    void received(const QByteArray &payload);
    void failed(const QString &why);

private:
    static void onConnect(mosquitto *, void *self, int rc);
    static void onSubscribe(mosquitto *, void *self, int mid, int qosCount, const int *grantedQos);
    static void onPublish(mosquitto *, void *self, int mid);
    static void onMessage(mosquitto *, void *self, const mosquitto_message *message);
    void afterCall(int rc, const char *what);
    void updateWriteInterest();

    mosquitto *m_mosq = nullptr;
    QSocketNotifier *m_readable = nullptr;
    QSocketNotifier *m_writable = nullptr;
    QTimer m_housekeeping;
};
