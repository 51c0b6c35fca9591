#include "core/calls/gstmediasession.h"

#include "common/threadaffinity.h"
#include "core/calls/mediadevices.h"
#include "core/calls/videoframeslot.h"
#include "core/logging.h"

#include <QImage>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QUrl>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/sdp/sdp.h>
#include <gst/video/video.h>
#define GST_USE_UNSTABLE_API
#include <gst/webrtc/webrtc.h>

#include <atomic>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

// The fixed RTP payload types of both ends (the offer and the answer name the same ones).
constexpr int kVideoPayload = 96;
constexpr int kAudioPayload = 97;
// The encoders' aims: video bits per second per pixel of a frame (about 1.5 Mbit/s at 720p), a key frame at
// least this often, the jitter buffer's depth.
constexpr double kVideoBitsPerPixel = 1.6;
constexpr int kKeyframeEverySeconds = 4;
constexpr int kJitterBufferMs = 100;
// The local preview's size, a fraction of the sent picture's.
constexpr int kPreviewDivisor = 4;

} // namespace

// What GStreamer's threads may touch. Each callback holds a reference of its own (see ref()), so this outlives
// the pipeline however its threads end; `self` is cleared, under the mutex, before the session goes.
struct GstMediaSession::Shared {
    QMutex mutex; // guards `self` only: held while posting, never around a call into GStreamer
    GstMediaSession *self = nullptr;
    bool testSources = false;
    QMutex speakerMutex; // the speaker's: the receiving chain is made on a streaming thread
    QString speakerName;
    GstElement *speaker = nullptr; // the audio output now linked (device mode), owned by the pipeline
    std::shared_ptr<VideoFrameSlot> localVideo, remoteVideo;
    std::atomic<quint64> audioIn{0}, videoIn{0}, audioOut{0}, videoOut{0};

    // Runs f(session) on the session's thread, if the session is still there then.
    template <typename F>
    void post(F &&f)
    {
        QMutexLocker lock(&mutex);
        if (self)
            QMetaObject::invokeMethod(
                self, [s = self, f = std::forward<F>(f)]() mutable { f(*s); }, Qt::QueuedConnection);
    }
};

namespace {

using SharedRef = std::shared_ptr<GstMediaSession::Shared>;

gpointer hold(const SharedRef &shared)
{
    return new SharedRef(shared);
}
void release(gpointer data)
{
    delete static_cast<SharedRef *>(data);
}
void releaseClosure(gpointer data, GClosure *)
{
    release(data);
}
GstMediaSession::Shared &sharedOf(gpointer data)
{
    return **static_cast<SharedRef *>(data);
}

// Counts the RTP packets passing a pad into `counter` (a buffer is a packet).
GstPadProbeReturn countPackets(GstPad *, GstPadProbeInfo *info, gpointer counter)
{
    quint64 n = 1;
    if (GST_PAD_PROBE_INFO_TYPE(info) & GST_PAD_PROBE_TYPE_BUFFER_LIST)
        n = gst_buffer_list_length(GST_PAD_PROBE_INFO_BUFFER_LIST(info));
    static_cast<std::atomic<quint64> *>(counter)->fetch_add(n, std::memory_order_relaxed);
    return GST_PAD_PROBE_OK;
}

void addCounter(GstPad *pad, std::atomic<quint64> *counter)
{
    gst_pad_add_probe(pad, GstPadProbeType(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST), countPackets,
                      counter, nullptr);
}

// An appsink's frame (RGBx), copied into a QImage for `slot` (a std::shared_ptr<VideoFrameSlot>).
GstFlowReturn takeFrame(GstAppSink *sink, gpointer slot)
{
    GstSample *sample = gst_app_sink_pull_sample(sink);
    if (!sample)
        return GST_FLOW_EOS;
    GstVideoInfo info;
    GstVideoFrame frame;
    if (gst_video_info_from_caps(&info, gst_sample_get_caps(sample)) &&
        gst_video_frame_map(&frame, &info, gst_sample_get_buffer(sample), GST_MAP_READ)) {
        const QImage view(static_cast<const uchar *>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)), info.width, info.height,
                          GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0), QImage::Format_RGBX8888);
        (*static_cast<std::shared_ptr<VideoFrameSlot> *>(slot))->put(view.copy());
        gst_video_frame_unmap(&frame);
    }
    gst_sample_unref(sample);
    return GST_FLOW_OK;
}

void deliverFramesTo(GstElement *appsink, const std::shared_ptr<VideoFrameSlot> &slot)
{
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = takeFrame;
    gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new std::shared_ptr<VideoFrameSlot>(slot),
                               [](gpointer p) { delete static_cast<std::shared_ptr<VideoFrameSlot> *>(p); });
}

} // namespace

// The callbacks that GStreamer's threads call, members so that what they post may call the session's own.
struct GstMediaSession::Callbacks {
    static void descriptionCreated(GstPromise *promise, gpointer data);
    static void padAdded(GstElement *webrtc, GstPad *pad, gpointer data);
    static GstBusSyncReply busMessage(GstBus *, GstMessage *message, gpointer data);
    static GstPadProbeReturn swapSpeaker(GstPad *pad, GstPadProbeInfo *, gpointer data);
};

// An offer or an answer that webrtcbin made: its text goes to the session's thread.
void GstMediaSession::Callbacks::descriptionCreated(GstPromise *promise, gpointer data)
{
    QString type, sdp, error;
    if (gst_promise_wait(promise) == GST_PROMISE_RESULT_REPLIED) {
        const GstStructure *reply = gst_promise_get_reply(promise);
        GstWebRTCSessionDescription *description = nullptr;
        for (const char *field : {"offer", "answer"})
            if (reply && gst_structure_has_field(reply, field))
                gst_structure_get(reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &description, nullptr);
        if (description) {
            gchar *text = gst_sdp_message_as_text(description->sdp);
            type = QString::fromLatin1(gst_webrtc_sdp_type_to_string(description->type));
            sdp = QString::fromUtf8(text);
            g_free(text);
            gst_webrtc_session_description_free(description);
        } else {
            GError *e = nullptr;
            if (reply && gst_structure_get(reply, "error", G_TYPE_ERROR, &e, nullptr) && e)
                error = QString::fromUtf8(e->message);
            g_clear_error(&e);
        }
    }
    const SharedRef shared = *static_cast<SharedRef *>(data); // the promise may take `data` with it
    gst_promise_unref(promise);
    shared->post([type, sdp, error](GstMediaSession &s) {
        if (sdp.isEmpty())
            s.fail(u"no session description: "_s + error);
        else
            s.onDescriptionCreated(type, sdp);
    });
}

// The receiving chain of one incoming stream, linked to webrtcbin's new source pad.
void GstMediaSession::Callbacks::padAdded(GstElement *webrtc, GstPad *pad, gpointer data)
{
    if (GST_PAD_DIRECTION(pad) != GST_PAD_SRC)
        return;
    GstMediaSession::Shared &shared = sharedOf(data);
    GstCaps *caps = gst_pad_get_current_caps(pad);
    if (!caps)
        caps = gst_pad_query_caps(pad, nullptr);
    const gchar *media = gst_structure_get_string(gst_caps_get_structure(caps, 0), "media");
    const bool video = media && qstrcmp(media, "video") == 0;
    gst_caps_unref(caps);

    const char *description =
        video ? "queue ! rtpvp8depay request-keyframe=true ! vp8dec ! videoconvert ! video/x-raw,format=RGBx ! "
                "appsink name=remote max-buffers=1 drop=true sync=false"
        : shared.testSources ? "queue ! rtpopusdepay ! opusdec ! fakesink sync=false async=false"
                             : "queue ! rtpopusdepay ! opusdec ! audioconvert ! audioresample name=speakerin";
    GError *error = nullptr;
    GstElement *bin = gst_parse_bin_from_description(description, TRUE, &error);
    if (!bin) {
        const QString why = QString::fromUtf8(error ? error->message : "?");
        g_clear_error(&error);
        shared.post([why](GstMediaSession &s) { s.fail(why); });
        return;
    }
    GstElement *pipeline = GST_ELEMENT(gst_element_get_parent(webrtc));
    gst_bin_add(GST_BIN(pipeline), bin);
    if (video) {
        GstElement *appsink = gst_bin_get_by_name(GST_BIN(bin), "remote");
        deliverFramesTo(appsink, shared.remoteVideo);
        gst_object_unref(appsink);
    } else if (!shared.testSources) {
        QMutexLocker lock(&shared.speakerMutex);
        shared.speaker = MediaDevices::create(MediaDevices::Kind::Speaker, shared.speakerName);
        if (shared.speaker) {
            gst_bin_add(GST_BIN(pipeline), shared.speaker);
            gst_element_link(bin, shared.speaker);
            gst_element_sync_state_with_parent(shared.speaker);
        }
    }
    gst_element_sync_state_with_parent(bin);
    GstPad *sink = gst_element_get_static_pad(bin, "sink");
    gst_pad_link(pad, sink);
    gst_object_unref(sink);
    gst_object_unref(pipeline);
    addCounter(pad, video ? &shared.videoIn : &shared.audioIn);
}

GstBusSyncReply GstMediaSession::Callbacks::busMessage(GstBus *, GstMessage *message, gpointer data)
{
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
        GError *error = nullptr;
        gst_message_parse_error(message, &error, nullptr);
        const QString why = QString::fromUtf8(error ? error->message : "?");
        g_clear_error(&error);
        sharedOf(data).post([why](GstMediaSession &s) { s.fail(why); });
    }
    return GST_BUS_DROP; // nobody pops the bus: what is not handled here is dropped
}

// The receiving chain's output held: its speaker is replaced by the one now chosen, then the output goes on.
GstPadProbeReturn GstMediaSession::Callbacks::swapSpeaker(GstPad *pad, GstPadProbeInfo *, gpointer data)
{
    Shared &shared = sharedOf(data);
    QMutexLocker lock(&shared.speakerMutex);
    GstElement *speaker = MediaDevices::create(MediaDevices::Kind::Speaker, shared.speakerName);
    if (!speaker)
        return GST_PAD_PROBE_REMOVE; // the old one stays
    GstElement *chain = gst_pad_get_parent_element(pad);
    GstElement *pipeline = GST_ELEMENT(gst_element_get_parent(chain));
    if (shared.speaker) {
        gst_element_set_state(shared.speaker, GST_STATE_NULL);
        gst_element_unlink(chain, shared.speaker);
        gst_bin_remove(GST_BIN(pipeline), shared.speaker);
    }
    shared.speaker = speaker;
    gst_bin_add(GST_BIN(pipeline), speaker);
    gst_element_link(chain, speaker);
    gst_element_sync_state_with_parent(speaker);
    gst_object_unref(pipeline);
    gst_object_unref(chain);
    return GST_PAD_PROBE_REMOVE;
}

namespace {

// "turn:host:3478?transport=udp" with its credentials as webrtcbin takes it: turn://user:pass@host:3478?….
QByteArray turnUri(const QString &url, const IceServer &server)
{
    QString rest = url.section(u':', 1);
    while (rest.startsWith(u'/'))
        rest.remove(0, 1);
    const QString scheme = url.section(u':', 0, 0);
    return (scheme + u"://"_s + QString::fromLatin1(QUrl::toPercentEncoding(server.username)) + u':' +
            QString::fromLatin1(QUrl::toPercentEncoding(server.credential)) + u'@' + rest)
        .toUtf8();
}

} // namespace

GstMediaSession::GstMediaSession(Config config, QObject *parent)
    : MediaSession(parent), m_config(std::move(config)), m_shared(std::make_shared<Shared>())
{
    m_shared->self = this;
    m_shared->testSources = m_config.options.testSources;
    m_shared->speakerName = m_config.devices.speaker;
    m_shared->localVideo = m_config.localVideo ? m_config.localVideo : std::make_shared<VideoFrameSlot>();
    m_shared->remoteVideo = m_config.remoteVideo ? m_config.remoteVideo : std::make_shared<VideoFrameSlot>();
}

GstMediaSession::~GstMediaSession()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->self = nullptr;
    }
    if (m_pipeline) {
        gst_element_set_state(m_pipeline, GST_STATE_NULL);
        gst_object_unref(m_pipeline);
    }
}

std::unique_ptr<MediaSession> GstMediaSession::create(const Config &config)
{
    return std::make_unique<GstMediaSession>(config);
}

void GstMediaSession::start()
{
    PARLEY_ASSERT_OWN_THREAD();
    QString why;
    if (!MediaDevices::available(&why) || !build(&why)) {
        QMetaObject::invokeMethod(
            this, [this, why] { fail(why); }, Qt::QueuedConnection);
        return;
    }
    m_state = State::Connecting;
    if (gst_element_set_state(m_pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
        QMetaObject::invokeMethod(
            this, [this] { fail(u"the media pipeline did not start"_s); }, Qt::QueuedConnection);
}

QByteArray GstMediaSession::videoEncoder(QSize size, int fps)
{
    return QByteArrayLiteral("vp8enc deadline=1 cpu-used=8 threads=2 end-usage=cbr target-bitrate=") +
           QByteArray::number(qint64(kVideoBitsPerPixel * size.width() * size.height())) +
           " keyframe-max-dist=" + QByteArray::number(kKeyframeEverySeconds * fps);
}

bool GstMediaSession::build(QString *error)
{
    const QSize size = m_config.options.videoSize;
    const int fps = m_config.options.videoFps;
    QString description =
        u"webrtcbin name=webrtc bundle-policy=max-bundle latency=%1 "
        "audioconvert name=audioin ! audioresample ! volume name=mic ! queue ! opusenc ! rtpopuspay pt=%2 ! "
        "application/x-rtp,media=audio,encoding-name=OPUS,payload=%2,clock-rate=48000 ! webrtc. "_s.arg(kJitterBufferMs)
            .arg(kAudioPayload);
    if (m_config.video) {
        description +=
            u"videoconvert name=videoin ! videoscale ! videorate drop-only=true max-rate=%3 ! "
            "video/x-raw,width=%1,height=%2 ! tee name=videotee videotee. ! queue max-size-buffers=2 leaky=downstream "
            "! "
            "%4 ! rtpvp8pay pt=%5 picture-id-mode=15-bit ! "
            "application/x-rtp,media=video,encoding-name=VP8,payload=%5,clock-rate=90000 ! webrtc. "
            "videotee. ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! videoscale ! "
            "video/x-raw,format=RGBx,width=%6,height=%7 ! appsink name=preview max-buffers=1 drop=true sync=false"_s
                .arg(size.width())
                .arg(size.height())
                .arg(fps)
                .arg(QString::fromLatin1(videoEncoder(size, fps)))
                .arg(kVideoPayload)
                .arg(size.width() / kPreviewDivisor)
                .arg(size.height() / kPreviewDivisor);
    }
    GError *parseError = nullptr;
    m_pipeline = gst_parse_launch(description.toUtf8().constData(), &parseError);
    if (!m_pipeline || parseError) {
        *error =
            u"the media pipeline could not be built: "_s + QString::fromUtf8(parseError ? parseError->message : "?");
        g_clear_error(&parseError);
        return false;
    }
    GstBin *bin = GST_BIN(m_pipeline);
    m_webrtc = gst_bin_get_by_name(bin, "webrtc");
    gst_object_unref(m_webrtc); // the pipeline holds it

    // The sources: a device (or the default one), or a test tone and pattern.
    const bool test = m_config.options.testSources;
    GstElement *microphone = test ? gst_element_factory_make("audiotestsrc", nullptr)
                                  : MediaDevices::create(MediaDevices::Kind::Microphone, m_config.devices.microphone);
    if (!microphone) {
        *error = u"no microphone"_s;
        return false;
    }
    if (test)
        g_object_set(microphone, "is-live", TRUE, "volume", 0.05, nullptr);
    replaceSource(m_microphone, microphone, "audioin");
    if (m_config.video) {
        if (!startCamera()) {
            *error = u"no camera"_s;
            return false;
        }
        GstElement *preview = gst_bin_get_by_name(bin, "preview");
        deliverFramesTo(preview, m_shared->localVideo);
        gst_object_unref(preview);
    }

    // ICE: the servers parleyd handed out, and what the options allow.
    for (const IceServer &server : std::as_const(m_config.iceServers)) {
        for (const QString &url : server.urls) {
            if (url.startsWith(u"stun:"_s)) {
                const QByteArray uri = (u"stun://"_s + url.mid(5)).toUtf8();
                g_object_set(m_webrtc, "stun-server", uri.constData(), nullptr);
            } else if (url.startsWith(u"turn:"_s) || url.startsWith(u"turns:"_s)) {
                gboolean added = FALSE;
                g_signal_emit_by_name(m_webrtc, "add-turn-server", turnUri(url, server).constData(), &added);
                if (!added)
                    qCWarning(lcCalls) << "webrtcbin refused a TURN server:" << url;
            }
        }
    }
    if (m_config.options.relayOnly)
        gst_util_set_object_arg(G_OBJECT(m_webrtc), "ice-transport-policy", "relay");
    if (m_config.options.loopbackCandidates) {
        GObject *agent = nullptr;
        g_object_get(m_webrtc, "ice-agent", &agent, nullptr);
        gboolean added = FALSE;
        if (agent)
            g_signal_emit_by_name(agent, "add-local-ip-address", "127.0.0.1", &added);
        if (!added)
            qCWarning(lcCalls) << "the ICE agent did not take 127.0.0.1";
        g_clear_object(&agent);
    }

    // Counting what leaves: the sink pads, audio first (in the order they were linked).
    GstIterator *pads = gst_element_iterate_sink_pads(m_webrtc);
    GValue item = G_VALUE_INIT;
    int index = 0;
    while (gst_iterator_next(pads, &item) == GST_ITERATOR_OK) {
        addCounter(GST_PAD(g_value_get_object(&item)), index++ == 0 ? &m_shared->audioOut : &m_shared->videoOut);
        g_value_reset(&item);
    }
    g_value_unset(&item);
    gst_iterator_free(pads);

    g_signal_connect_data(m_webrtc, "on-negotiation-needed", G_CALLBACK(+[](GstElement *, gpointer data) {
                              sharedOf(data).post([](GstMediaSession &s) {
                                  if (!s.m_config.offerer)
                                      return;
                                  GstPromise *promise = gst_promise_new_with_change_func(Callbacks::descriptionCreated,
                                                                                         hold(s.m_shared), release);
                                  g_signal_emit_by_name(s.m_webrtc, "create-offer", nullptr, promise);
                              });
                          }),
                          hold(m_shared), releaseClosure, GConnectFlags(0));
    g_signal_connect_data(
        m_webrtc, "on-ice-candidate", G_CALLBACK(+[](GstElement *, guint mline, gchar *candidate, gpointer data) {
            const QString text = QString::fromUtf8(candidate);
            sharedOf(data).post([mline, text](GstMediaSession &s) { Q_EMIT s.localCandidate(int(mline), text); });
        }),
        hold(m_shared), releaseClosure, GConnectFlags(0));
    g_signal_connect_data(m_webrtc, "notify::ice-connection-state",
                          G_CALLBACK(+[](GstElement *webrtc, GParamSpec *, gpointer data) {
                              GstWebRTCICEConnectionState state = GST_WEBRTC_ICE_CONNECTION_STATE_NEW;
                              g_object_get(webrtc, "ice-connection-state", &state, nullptr);
                              sharedOf(data).post([state](GstMediaSession &s) { s.onIceState(int(state)); });
                          }),
                          hold(m_shared), releaseClosure, GConnectFlags(0));
    g_signal_connect_data(m_webrtc, "pad-added", G_CALLBACK(Callbacks::padAdded), hold(m_shared), releaseClosure,
                          GConnectFlags(0));
    GstBus *bus = gst_element_get_bus(m_pipeline);
    gst_bus_set_sync_handler(bus, Callbacks::busMessage, hold(m_shared), release);
    gst_object_unref(bus);
    return true;
}

bool GstMediaSession::startCamera()
{
    GstElement *camera = nullptr;
    if (m_config.options.testSources) { // a moving pattern at the configured rate
        const QByteArray test = "videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,framerate=" +
                                QByteArray::number(m_config.options.videoFps) + "/1";
        camera = gst_parse_bin_from_description(test.constData(), TRUE, nullptr);
    } else {
        camera = MediaDevices::create(MediaDevices::Kind::Camera, m_config.devices.camera);
    }
    if (!camera)
        return false;
    replaceSource(m_camera, camera, "videoin");
    return true;
}

void GstMediaSession::stopCamera()
{
    replaceSource(m_camera, nullptr, "videoin");
}

void GstMediaSession::replaceSource(GstElement *&current, GstElement *source, const char *into)
{
    GstElement *target = gst_bin_get_by_name(GST_BIN(m_pipeline), into);
    if (current) {
        gst_element_set_state(current, GST_STATE_NULL);
        gst_element_unlink(current, target);
        gst_bin_remove(GST_BIN(m_pipeline), current);
    }
    current = source;
    if (source) {
        gst_bin_add(GST_BIN(m_pipeline), source);
        if (!gst_element_link(source, target))
            qCWarning(lcCalls) << "a source could not be linked into" << into;
        gst_element_sync_state_with_parent(source);
    }
    gst_object_unref(target);
}

void GstMediaSession::fail(const QString &why)
{
    PARLEY_ASSERT_OWN_THREAD();
    qCWarning(lcCalls) << "media failed:" << why;
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    // The owner may end the call and delete this session: nothing of it is touched after that.
    const QPointer<GstMediaSession> alive(this);
    Q_EMIT failed(Error(ErrorCode::Internal, why));
    if (alive)
        Q_EMIT stateChanged(State::Failed);
}

void GstMediaSession::onIceState(int iceState)
{
    State next = m_state;
    switch (GstWebRTCICEConnectionState(iceState)) {
    case GST_WEBRTC_ICE_CONNECTION_STATE_CONNECTED:
    case GST_WEBRTC_ICE_CONNECTION_STATE_COMPLETED: next = State::Connected; break;
    case GST_WEBRTC_ICE_CONNECTION_STATE_DISCONNECTED: next = State::Disconnected; break;
    case GST_WEBRTC_ICE_CONNECTION_STATE_FAILED: next = State::Failed; break;
    default: return;
    }
    if (next == m_state || m_state == State::Failed)
        return;
    qCDebug(lcCalls) << "ICE:" << next;
    m_state = next;
    Q_EMIT stateChanged(m_state);
}

void GstMediaSession::onDescriptionCreated(const QString &type, const QString &sdp)
{
    PARLEY_ASSERT_OWN_THREAD();
    GstSDPMessage *message = nullptr;
    if (gst_sdp_message_new_from_text(sdp.toUtf8().constData(), &message) != GST_SDP_OK) {
        fail(u"webrtcbin made an unreadable description"_s);
        return;
    }
    GstWebRTCSessionDescription *description = gst_webrtc_session_description_new(
        type == u"offer"_s ? GST_WEBRTC_SDP_TYPE_OFFER : GST_WEBRTC_SDP_TYPE_ANSWER, message);
    g_signal_emit_by_name(m_webrtc, "set-local-description", description, nullptr);
    gst_webrtc_session_description_free(description);
    Q_EMIT localDescription(type, sdp);
}

void GstMediaSession::setRemoteDescription(const QString &type, const QString &sdp)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_webrtc)
        return;
    const bool offer = type == u"offer"_s;
    if (offer == m_config.offerer || (!offer && type != u"answer"_s)) {
        qCWarning(lcCalls) << "a remote description of the wrong kind was ignored:" << type;
        return;
    }
    GstSDPMessage *message = nullptr;
    if (gst_sdp_message_new_from_text(sdp.toUtf8().constData(), &message) != GST_SDP_OK) {
        fail(u"the peer sent an unreadable session description"_s);
        return;
    }
    GstWebRTCSessionDescription *description =
        gst_webrtc_session_description_new(offer ? GST_WEBRTC_SDP_TYPE_OFFER : GST_WEBRTC_SDP_TYPE_ANSWER, message);
    GstPromise *promise = nullptr;
    if (offer) // once the offer is set, the answer is made
        promise = gst_promise_new_with_change_func(
            +[](GstPromise *p, gpointer data) {
                const SharedRef shared = *static_cast<SharedRef *>(data); // the promise may take `data` with it
                gst_promise_unref(p);
                shared->post([](GstMediaSession &s) { s.createAnswer(); });
            },
            hold(m_shared), release);
    g_signal_emit_by_name(m_webrtc, "set-remote-description", description, promise);
    gst_webrtc_session_description_free(description);
}

void GstMediaSession::createAnswer()
{
    GstPromise *promise = gst_promise_new_with_change_func(Callbacks::descriptionCreated, hold(m_shared), release);
    g_signal_emit_by_name(m_webrtc, "create-answer", nullptr, promise);
}

void GstMediaSession::addRemoteCandidate(int mlineIndex, const QString &candidate)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_webrtc || candidate.isEmpty())
        return;
    g_signal_emit_by_name(m_webrtc, "add-ice-candidate", guint(mlineIndex), candidate.toUtf8().constData());
}

void GstMediaSession::setMicrophoneMuted(bool muted)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_pipeline)
        return;
    GstElement *mic = gst_bin_get_by_name(GST_BIN(m_pipeline), "mic");
    g_object_set(mic, "mute", gboolean(muted), nullptr);
    gst_object_unref(mic);
}

void GstMediaSession::setCameraOn(bool on)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_pipeline || !m_config.video)
        return;
    // Off, the camera is let go (its light goes out) and nothing is sent; on, it is opened again.
    if (on == (m_camera != nullptr))
        return;
    if (on) {
        if (!startCamera())
            fail(u"the camera did not open"_s);
    } else {
        stopCamera();
        m_shared->localVideo->clear();
    }
}

void GstMediaSession::setDevices(const MediaDeviceChoice &devices)
{
    PARLEY_ASSERT_OWN_THREAD();
    const MediaDeviceChoice before = std::exchange(m_config.devices, devices);
    if (!m_pipeline || m_config.options.testSources)
        return;
    if (devices.microphone != before.microphone)
        if (GstElement *source = MediaDevices::create(MediaDevices::Kind::Microphone, devices.microphone))
            replaceSource(m_microphone, source, "audioin");
    if (m_camera && devices.camera != before.camera)
        if (GstElement *source = MediaDevices::create(MediaDevices::Kind::Camera, devices.camera))
            replaceSource(m_camera, source, "videoin");
    if (devices.speaker != before.speaker) {
        {
            QMutexLocker lock(&m_shared->speakerMutex);
            m_shared->speakerName = devices.speaker;
        }
        // The receiving chain, if there is one yet, moves to the new device while its output is held.
        if (GstElement *from = gst_bin_get_by_name(GST_BIN(m_pipeline), "speakerin")) {
            GstElement *chain = GST_ELEMENT(gst_element_get_parent(from));
            GstPad *out = gst_element_get_static_pad(chain, "src");
            gst_pad_add_probe(out, GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, Callbacks::swapSpeaker, hold(m_shared),
                              release);
            gst_object_unref(out);
            gst_object_unref(chain);
            gst_object_unref(from);
        }
    }
}

MediaCounters GstMediaSession::counters() const
{
    return MediaCounters{m_shared->audioIn.load(), m_shared->videoIn.load(), m_shared->audioOut.load(),
                         m_shared->videoOut.load()};
}

} // namespace parley
