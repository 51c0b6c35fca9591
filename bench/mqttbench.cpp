// parley-mqtt-bench: the reference side of bench/compare-mosquitto.sh. The load of `parley-bench --scenario
// load` (N users each send M messages to random others, closed-loop window W or open-loop rate R) on MQTT
// against a running mosquitto, with the broker's CPU time per message read from /proc. See docs/BENCHMARKS.md.

#include "bench/mqttidlerun.h"
#include "bench/mqttrun.h"
#include "common/epolleventdispatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <mosquitto.h>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new parley::EpollEventDispatcher); // as parley-bench's
    QCoreApplication app(argc, argv);
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"MQTT load against a running broker (the reference for parley-bench load)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(u"port"_s, u"The broker's port on 127.0.0.1 (1883)."_s, u"port"_s, u"1883"_s);
    const QCommandLineOption pid(u"broker-pid"_s, u"Its process id, to read its CPU time."_s, u"pid"_s);
    const QCommandLineOption clients(u"clients"_s, u"Clients (100)."_s, u"n"_s, u"100"_s);
    const QCommandLineOption messages(u"messages"_s, u"Messages per client (100)."_s, u"m"_s, u"100"_s);
    const QCommandLineOption window(u"window"_s, u"Unacknowledged publishes per client (32)."_s, u"w"_s, u"32"_s);
    const QCommandLineOption rate(u"rate"_s, u"Open loop: messages per second in all."_s, u"msg/s"_s, u"0"_s);
    const QCommandLineOption qos(u"qos"_s, u"0 or 1 (1)."_s, u"qos"_s, u"1"_s);
    const QCommandLineOption text(u"text-bytes"_s, u"Payload size (40)."_s, u"bytes"_s, u"40"_s);
    const QCommandLineOption idle(u"idle"_s, u"Only connect --clients over TLS and stay (broker cert: --ca)."_s);
    const QCommandLineOption ca(u"ca"_s, u"The broker's certificate (PEM), for --idle."_s, u"file"_s);
    const QCommandLineOption hold(u"hold"_s,
                                  u"With --idle: stay connected after the report until terminated (libmosquitto "
                                  "takes three descriptors per client, so 19,900 clients need several processes)."_s);
    parser.addOptions({port, pid, clients, messages, window, rate, qos, text, idle, ca, hold});
    parser.process(app);

    MqttRun::Options options;
    options.port = parser.value(port).toInt();
    options.brokerPid = parser.value(pid).toLongLong();
    options.clients = std::max(2, parser.value(clients).toInt());
    options.messagesPerClient = std::max(1, parser.value(messages).toInt());
    options.window = std::max(1, parser.value(window).toInt());
    options.ratePerSecond = std::max(0, parser.value(rate).toInt());
    options.qos = std::clamp(parser.value(qos).toInt(), 0, 1);
    options.textBytes = std::max(1, parser.value(text).toInt());

    mosquitto_lib_init();
    int code = 0;
    if (parser.isSet(idle)) {
        MqttIdleRun run(options.host, options.port, parser.value(ca).toLocal8Bit(), options.brokerPid,
                        parser.value(clients).toInt());
        const bool holding = parser.isSet(hold);
        QObject::connect(&run, &MqttIdleRun::finished, &app, [holding](int c) {
            if (c != 0 || !holding)
                QCoreApplication::exit(c);
        });
        QTimer::singleShot(0, &run, &MqttIdleRun::start); // a failure on the way must reach a running loop
        code = QCoreApplication::exec();
    } else {
        MqttRun run(options);
        QObject::connect(&run, &MqttRun::finished, &app, [](int c) { QCoreApplication::exit(c); });
        QTimer::singleShot(0, &run, &MqttRun::start);
        code = QCoreApplication::exec();
    }
    mosquitto_lib_cleanup();
    return code;
}
