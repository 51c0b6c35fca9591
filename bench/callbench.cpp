// parley-callbench: a 720p video call between two clients in this process, through a parleyd on 127.0.0.1, with
// GStreamer's test sources and loopback candidates. Per round, in alternating order:
//   - call setup: from dialling to sound arriving on both sides (the callee answers as soon as it rings), against
//     the reference of a text message from one client to the other (sent → added on the other side);
//   - CPU: of the call, per side (this process's CPU over the call's steady seconds, halved: both sides encode and
//     decode the same), against the reference of the same encoders and decoders alone in a bare GStreamer
//     pipeline (720p VP8 and Opus, encoded and decoded, as a side does) for as long.
// Benchmarks are not tests: docs/BENCHMARKS.md records what this prints.

#include "benchserver.h"
#include "core/calls/gstmediasession.h"
#include "core/calls/mediadevices.h"
#include "core/client.h"
#include "presettokenstore.h"
#include "procstatus.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <gst/gst.h>

#include <algorithm>
#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 60000;
constexpr int kWarmUpMs = 2000;    // after the media flows, before CPU is counted (key frames, rate control)
constexpr int kMessageSamples = 5; // message deliveries per round, the median kept

// Runs the event loop until `done` or the timeout; false on timeout.
template <typename F>
bool waitFor(F &&done, int timeoutMs = kWaitMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.hasExpired(timeoutMs))
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QThread::usleep(500); // a poll, not a spin: the CPU is what is measured
    }
    return true;
}

// Runs the event loop for `ms` (the measured stretch of a call or of the reference).
void run(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

struct Side {
    QTemporaryDir dir;
    std::unique_ptr<Client> client;
    QString userId;
};

bool logIn(BenchServer &server, Side &side, const QString &phone, const CallMediaOptions &media)
{
    ClientOptions options;
    options.host = server.host();
    options.port = server.port();
    options.pinnedFingerprint = server.fingerprint();
    options.dataDir = side.dir.path();
    options.callMedia = media;
    side.client = std::make_unique<Client>(options, std::make_unique<PresetTokenStore>(QString()));
    QString code;
    const auto connection = QObject::connect(&server, &BenchServer::codeSent, [&](const QString &to, const QString &c) {
        if (to == phone)
            code = c;
    });
    side.client->requestCode(phone);
    const bool got = waitFor([&] { return !code.isEmpty(); });
    QObject::disconnect(connection);
    if (!got)
        return false;
    const Answer<LoginInfo> login = side.client->logIn(phone, code);
    if (!waitFor([&] { return login.isReady(); }) || !login.result())
        return false;
    side.userId = login.result()->userId;
    return waitFor([&] { return side.client->connectionState() == ConnectionState::Online; });
}

// One text from `from` to `to`: ms from sending until the other client added it.
double messageMs(Side &from, Side &to)
{
    const QString text = QUuid::createUuid().toString();
    bool arrived = false;
    const auto connection =
        QObject::connect(&to.client->messages(), &MessagesApi::messageAdded, [&](const ChatMessage &m) {
            if (m.text == text)
                arrived = true;
        });
    QElapsedTimer clock;
    clock.start();
    from.client->messages().sendText(ConversationKey::withUser(to.userId), text);
    const bool ok = waitFor([&] { return arrived; });
    QObject::disconnect(connection);
    return ok ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

struct CallFigures {
    double setupMs = -1;
    double cpuPerSidePercent = -1;
    quint64 videoPacketsIn = 0;
};

MediaCounters counters(Side &side)
{
    const Answer<MediaCounters> c = side.client->calls().counters();
    waitFor([&] { return c.isReady(); });
    return c.result() ? *c.result() : MediaCounters{};
}

CallFigures call(Side &caller, Side &callee, int seconds)
{
    CallFigures f;
    QElapsedTimer clock;
    clock.start();
    caller.client->calls().call(callee.userId, content::kCallVideo);
    // Set up once the sound is counted arriving on both sides (read at once, not at the calls' own 250 ms check).
    if (!waitFor([&] { return counters(caller).audioPacketsIn > 0 && counters(callee).audioPacketsIn > 0; }))
        return f;
    f.setupMs = double(clock.nsecsElapsed()) / 1e6;
    run(kWarmUpMs);
    const quint64 videoBefore = counters(callee).videoPacketsIn;
    const qint64 cpuBefore = procCpuUs(u"self"_s);
    run(seconds * 1000);
    const qint64 cpu = procCpuUs(u"self"_s) - cpuBefore;
    f.cpuPerSidePercent = double(cpu) / 2 / (seconds * 1e6) * 100;
    f.videoPacketsIn = counters(callee).videoPacketsIn - videoBefore;
    caller.client->calls().hangUp();
    waitFor([&] { return callee.client->calls().current().phase == CallState::Phase::Ended; });
    return f;
}

// The reference: a side's encoders and decoders alone, twice (for two sides), halved like the call's figure.
double referenceCpuPerSidePercent(const CallMediaOptions &media, int seconds)
{
    const QByteArray side = QByteArray("videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,width=" +
                                       QByteArray::number(media.videoSize.width()) +
                                       ",height=" + QByteArray::number(media.videoSize.height()) +
                                       ",framerate=" + QByteArray::number(media.videoFps) + "/1 ! " +
                                       GstMediaSession::videoEncoder(media.videoSize, media.videoFps) +
                                       " ! vp8dec ! videoconvert ! video/x-raw,format=RGBx ! fakesink sync=false "
                                       "audiotestsrc is-live=true ! audioconvert ! audioresample ! opusenc ! opusdec ! "
                                       "fakesink sync=false ");
    GError *error = nullptr;
    const QByteArray bothSides = side + side;
    GstElement *pipeline = gst_parse_launch(bothSides.constData(), &error);
    if (!pipeline) {
        std::fprintf(stderr, "reference pipeline: %s\n", error ? error->message : "?");
        g_clear_error(&error);
        return -1;
    }
    gst_element_set_state(pipeline, GST_STATE_PLAYING);
    run(kWarmUpMs);
    const qint64 before = procCpuUs(u"self"_s);
    run(seconds * 1000);
    const qint64 cpu = procCpuUs(u"self"_s) - before;
    gst_element_set_state(pipeline, GST_STATE_NULL);
    gst_object_unref(pipeline);
    return double(cpu) / 2 / (seconds * 1e6) * 100;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A 720p video call's setup time and CPU, against references"_s);
    parser.addHelpOption();
    parser.addOption({u"parleyd"_s, u"Start this parleyd (SQLite, empty data directory)."_s, u"path"_s});
    parser.addOption({u"rounds"_s, u"Rounds, each reference and call alternating (default 3)."_s, u"n"_s, u"3"_s});
    parser.addOption(
        {u"seconds"_s, u"Seconds of call (and of reference) measured per round (default 10)."_s, u"s"_s, u"10"_s});
    parser.process(app);
    if (!parser.isSet(u"parleyd"_s)) {
        std::fprintf(stderr, "--parleyd is required\n");
        return 2;
    }
    QString why;
    if (!MediaDevices::available(&why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    const int rounds = parser.value(u"rounds"_s).toInt();
    const int seconds = parser.value(u"seconds"_s).toInt();

    BenchServer::Options serverOptions;
    serverOptions.parleyd = parser.value(u"parleyd"_s);
    BenchServer server(serverOptions);
    bool ready = false;
    QObject::connect(&server, &BenchServer::ready, [&] { ready = true; });
    QObject::connect(&server, &BenchServer::failed, [](const QString &w) {
        std::fprintf(stderr, "parleyd: %s\n", qPrintable(w));
        std::exit(3);
    });
    server.start();
    if (!waitFor([&] { return ready; }))
        return 3;

    CallMediaOptions media;
    media.testSources = true;
    media.loopbackCandidates = true;
    media.videoSize = QSize(1280, 720);
    media.videoFps = 30;
    Side a, b;
    if (!logIn(server, a, u"+8613900000001"_s, media) || !logIn(server, b, u"+8613900000002"_s, media)) {
        std::fprintf(stderr, "login failed\n");
        return 4;
    }
    // The callee answers with video as soon as it rings.
    QObject::connect(&b.client->calls(), &CallsApi::stateChanged, [&b](const CallState &s) {
        if (s.phase == CallState::Phase::Incoming)
            b.client->calls().accept(content::kCallVideo);
    });
    messageMs(a, b); // the conversation exists before the first measurement

    std::printf("round | message ms | call setup ms | setup/message | reference CPU %%/side | call CPU %%/side | "
                "call/reference | video packets/s\n");
    QList<double> setupRatios, cpuRatios, setups, cpus, refs, messages;
    for (int round = 1; round <= rounds; ++round) {
        CallFigures f;
        double reference = -1;
        QList<double> samples;
        const auto references = [&] {
            for (int i = 0; i < kMessageSamples; ++i)
                samples.append(messageMs(a, b));
            reference = referenceCpuPerSidePercent(media, seconds);
        };
        if (round % 2 == 1) { // alternating which goes first
            references();
            f = call(a, b, seconds);
        } else {
            f = call(a, b, seconds);
            references();
        }
        const double message = median(samples);
        if (f.setupMs < 0 || reference <= 0 || samples.contains(-1)) {
            std::fprintf(stderr, "round %d failed\n", round);
            return 5;
        }
        std::printf("%d | %.1f | %.0f | %.1f | %.1f | %.1f | %.2f | %.0f\n", round, message, f.setupMs,
                    f.setupMs / message, reference, f.cpuPerSidePercent, f.cpuPerSidePercent / reference,
                    double(f.videoPacketsIn) / seconds);
        std::fflush(stdout);
        setupRatios.append(f.setupMs / message);
        cpuRatios.append(f.cpuPerSidePercent / reference);
        setups.append(f.setupMs);
        cpus.append(f.cpuPerSidePercent);
        refs.append(reference);
        messages.append(message);
    }
    std::printf("median | %.1f | %.0f | %.1f | %.1f | %.1f | %.2f |\n", median(messages), median(setups),
                median(setupRatios), median(refs), median(cpus), median(cpuRatios));
    return 0;
}
