#include "core/calls/callmanager.h"

#include "common/threadaffinity.h"
#include "core/calls/videoframeslot.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "parley.pb.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace parley {

using namespace Qt::StringLiterals;
using Phase = CallState::Phase;

namespace {

QList<IceServer> iceServersOf(const v1::CallInfo &info)
{
    QList<IceServer> servers;
    for (const v1::IceServer &s : info.ice_servers()) {
        IceServer server{{}, QString::fromStdString(s.username()), QString::fromStdString(s.credential())};
        for (const std::string &url : s.urls())
            server.urls.append(QString::fromStdString(url));
        servers.append(server);
    }
    return servers;
}

content::CallEnd endOf(int wire)
{
    return wire >= int(content::CallEnd::HungUp) && wire <= int(content::CallEnd::ConnectionLost)
               ? content::CallEnd(wire)
               : content::CallEnd::HungUp;
}

int mediaOf(int wire)
{
    return wire == v1::CALL_VIDEO ? content::kCallVideo : content::kCallVoice;
}

const Error kNoCall(ErrorCode::NotFound, QStringLiteral("there is no call"));

// The session id of an SDP's origin line ("o=- 4611… 2 IN IP4 0.0.0.0"): one per peer connection, the same in
// its later offers. Tells a new connection from an old one when the peer does not number them.
QString sessionIdOf(const QString &sdp)
{
    for (QStringView line : QStringView(sdp).split(u'\n'))
        if (line.startsWith(u"o="))
            return line.split(u' ').value(1).toString();
    return {};
}

} // namespace

CallManager::CallManager(Connection &connection, Options options, QObject *parent)
    : QObject(parent),
      m_connection(connection),
      m_options(std::move(options)),
      m_keepAlive(new QTimer(this)),
      m_check(new QTimer(this)),
      m_recordWait(new QTimer(this))
{
    m_keepAlive->setInterval(limits::kCallKeepAliveMs);
    connect(m_keepAlive, &QTimer::timeout, this, &CallManager::keepAlive);
    m_check->setInterval(kMediaCheckMs);
    connect(m_check, &QTimer::timeout, this, &CallManager::checkMedia);
    m_recordWait->setSingleShot(true);
    m_recordWait->setInterval(kRecordWaitMs);
}

CallManager::~CallManager()
{
    leave();
}

void CallManager::leave()
{
    // Logging out or quitting in a call: parleyd is told if it can be (nothing waits for the answer).
    if (m_state.isLive() && !m_state.callId.isEmpty() && m_connection.isOnline())
        act(v1::CALL_HANG_UP, 0, v1::CALL_END_HUNG_UP);
    ++m_attempt; // one being placed is cancelled when its answer comes
    if (m_state.isLive())
        end(m_state.isAnswered() ? content::CallEnd::HungUp : content::CallEnd::Cancelled, true);
}

MediaCounters CallManager::counters() const
{
    return m_media ? m_media->counters() : MediaCounters{};
}

void CallManager::publish()
{
    Q_EMIT stateChanged(m_state);
}

void CallManager::setPhase(Phase phase)
{
    if (phase == Phase::Connecting || phase == Phase::Reconnecting)
        m_since.start();
    m_state.phase = phase;
    if (m_state.isAnswered()) { // (not restarted: a call going back and forth between phases is still kept alive)
        if (!m_keepAlive->isActive())
            m_keepAlive->start();
        if (!m_check->isActive())
            m_check->start();
    }
    publish();
}

void CallManager::call(const QString &peer, int media, Promise<CallState> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state.isLive()) {
        answer.resolve(Error(ErrorCode::InCall, u"you are in a call already"_s));
        return;
    }
    if (!m_connection.isOnline()) {
        answer.resolve(Error(ErrorCode::NetworkUnreachable, u"not connected"_s));
        return;
    }
    m_state = CallState{};
    m_state.peer = peer;
    m_state.outgoing = true;
    m_state.media = media == content::kCallVideo ? content::kCallVideo : content::kCallVoice;
    m_state.cameraOn = m_state.isVideo();
    const quint64 attempt = ++m_attempt;
    m_iceServers.clear();
    setPhase(Phase::Dialing);

    v1::CallInvite invite;
    invite.set_callee(peer.toStdString());
    invite.set_media(m_state.isVideo() ? v1::CALL_VIDEO : v1::CALL_VOICE);
    m_connection.request(SubSignal::CLI, invite, [this, answer, attempt, peer](const Result<v1::Result> &reply) {
        if (attempt != m_attempt || m_state.phase != Phase::Dialing) {      // hung up meanwhile
            if (reply && reply->call().ended() == v1::CALL_END_UNSPECIFIED) // it rings: it is cancelled
                act(QString::fromStdString(reply->call().call_id()), peer, v1::CALL_HANG_UP);
            return answer.resolve(attempt == m_attempt ? Result<CallState>(m_state) : Result<CallState>(kNoCall));
        }
        if (!reply) {
            end(content::CallEnd::Failed, false);
            return answer.resolve(reply.error());
        }
        const v1::CallInfo &info = reply->call();
        m_state.callId = QString::fromStdString(info.call_id());
        if (info.ended() != v1::CALL_END_UNSPECIFIED) { // busy or unreachable: over at once
            end(endOf(info.ended()), false);
            return answer.resolve(m_state);
        }
        takeInfo(info);
        m_state.ringUntilMs = info.ring_until();
        setPhase(Phase::Ringing);
        m_keepAlive->start(); // while ringing too: an answer or an end this device did not hear of is found
        answer.resolve(m_state);
    });
}

void CallManager::accept(int media, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state.phase != Phase::Incoming)
        return answer.resolve(kNoCall);
    const QString callId = m_state.callId;
    const int wanted = media == content::kCallVideo && m_state.isVideo() ? v1::CALL_VIDEO : v1::CALL_VOICE;
    setPhase(Phase::Connecting); // the ringing stops at once; the answer confirms or ends it
    act(v1::CALL_ACCEPT, wanted, 0, [this, callId, answer](const Result<v1::Result> &reply) {
        if (m_state.callId != callId || m_state.phase != Phase::Connecting)
            return answer.resolve(kNoCall);
        if (!reply && (reply.error().code == ErrorCode::ConnectionLost || reply.error().code == ErrorCode::Timeout)) {
            // Unknown whether parleyd took it: the keep-alive asks, and an answer that did not count rings out.
            return answer.resolve(reply.error());
        }
        if (!reply) {
            m_state.answeredElsewhere = reply.error().code == ErrorCode::AlreadyHandled;
            end(reply.error().code == ErrorCode::TooLate ? content::CallEnd::NoAnswer : content::CallEnd::Cancelled,
                false);
            return answer.resolve(reply.error());
        }
        takeInfo(reply->call());
        connectMedia(reply->call().media(), 0); // numbered by the caller's first offer
        answer.resolve(Done{});
    });
}

void CallManager::decline(Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state.phase != Phase::Incoming)
        return answer.resolve(kNoCall);
    act(v1::CALL_DECLINE, 0, 0, [answer](const Result<v1::Result> &reply) {
        answer.resolve(reply ? Result<Done>(Done{}) : Result<Done>(reply.error()));
    });
    end(content::CallEnd::Declined, true);
}

void CallManager::hangUp(Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_state.isLive())
        return answer.resolve(kNoCall);
    if (m_state.phase == Phase::Dialing) { // not placed yet: over here now, cancelled once placed
        end(content::CallEnd::Cancelled, true);
        return answer.resolve(Done{});
    }
    const QString callId = m_state.callId;
    act(v1::CALL_HANG_UP, 0, v1::CALL_END_HUNG_UP, [this, callId, answer](const Result<v1::Result> &reply) {
        if (reply && m_state.callId == callId && reply->call().duration_ms() > 0) {
            m_state.durationMs = reply->call().duration_ms(); // parleyd's count, as in the record
            publish();
        }
        answer.resolve(reply ? Result<Done>(Done{}) : Result<Done>(reply.error()));
    });
    const content::CallEnd reason = m_state.isAnswered() ? content::CallEnd::HungUp
                                    : m_state.outgoing   ? content::CallEnd::Cancelled
                                                         : content::CallEnd::Declined;
    end(reason, true, connectedForMs());
}

void CallManager::act(int action, int media, int reason, std::function<void(const Result<v1::Result> &)> done)
{
    act(m_state.callId, m_state.peer, action, media, reason, std::move(done));
}

void CallManager::act(const QString &callId, const QString &peer, int action, int media, int reason,
                      std::function<void(const Result<v1::Result> &)> done)
{
    v1::CallAction request;
    request.set_call_id(callId.toStdString());
    request.set_peer(peer.toStdString());
    request.set_action(v1::CallActionKind(action));
    request.set_media(v1::CallMedia(media));
    request.set_reason(v1::CallEnd(reason));
    m_connection.request(
        SubSignal::CLA, request, done ? std::move(done) : [](const Result<v1::Result> &) {});
}

void CallManager::takeInfo(const v1::CallInfo &info)
{
    const QList<IceServer> servers = iceServersOf(info);
    if (!servers.isEmpty()) // fresh TURN credentials (the next peer connection uses them)
        m_iceServers = servers;
}

void CallManager::setMicrophoneMuted(bool muted)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state.microphoneMuted == muted)
        return;
    m_state.microphoneMuted = muted;
    if (m_media)
        m_media->setMicrophoneMuted(muted);
    publish();
}

void CallManager::setCameraOn(bool on)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_state.isVideo() || m_state.cameraOn == on)
        return;
    m_state.cameraOn = on;
    if (m_media)
        m_media->setCameraOn(on);
    publish();
}

void CallManager::setDevices(const MediaDeviceChoice &devices)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_devices = devices;
    if (m_media)
        m_media->setDevices(devices);
}

void CallManager::setVideoSlots(std::shared_ptr<VideoFrameSlot> local, std::shared_ptr<VideoFrameSlot> remote)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_options.localVideo = std::move(local);
    m_options.remoteVideo = std::move(remote);
}

void CallManager::startMedia(quint32 connection)
{
    stopMedia();
    m_connectionNo = connection;
    m_offerSession.clear();
    MediaSession::Config config;
    config.offerer = m_state.outgoing;
    config.video = m_state.isVideo();
    config.iceServers = m_iceServers;
    config.options = m_options.media;
    config.devices = m_devices;
    config.localVideo = m_options.localVideo;
    config.remoteVideo = m_options.remoteVideo;
    m_media = m_options.mediaFactory(config);
    m_audioIn = 0;
    m_renegotiated.start();
    connect(m_media.get(), &MediaSession::localDescription, this, [this](const QString &type, const QString &sdp) {
        v1::CallSignal signal;
        signal.mutable_description()->set_type(type.toStdString());
        signal.mutable_description()->set_sdp(sdp.toStdString());
        sendSignal(signal);
    });
    connect(m_media.get(), &MediaSession::localCandidate, this, [this](int mline, const QString &candidate) {
        v1::CallSignal signal;
        signal.mutable_candidate()->set_candidate(candidate.toStdString());
        signal.mutable_candidate()->set_sdp_mline_index(quint32(mline));
        sendSignal(signal);
    });
    connect(m_media.get(), &MediaSession::stateChanged, this, &CallManager::onMediaState);
    connect(m_media.get(), &MediaSession::failed, this, [this](const Error &) {
        if (m_state.phase != Phase::Reconnecting) // (reconnecting, a new connection may fail while the path is down)
            fail();
    });
    m_media->start();
    m_media->setMicrophoneMuted(m_state.microphoneMuted);
    m_media->setCameraOn(m_state.cameraOn);
}

bool CallManager::takeOffer(quint32 connection, const QString &session)
{
    // A new offer: the caller's side replaced its peer connection, so this side does too. Numbered, a higher
    // number says so (a callee's first connection takes the first offer's); unnumbered, a new SDP session.
    const bool replaced = connection ? m_connectionNo && connection > m_connectionNo
                                     : !m_offerSession.isEmpty() && session != m_offerSession;
    if (replaced)
        startMedia(connection);
    else if (!m_connectionNo)
        m_connectionNo = connection;
    if (!ofThisConnection(connection))
        return false;
    m_offerSession = session;
    return true;
}

bool CallManager::ofThisConnection(quint32 connection) const
{
    if (connection == 0 || connection == m_connectionNo)
        return true; // (0: a peer that does not number its connections, for the current one)
    qCDebug(lcCalls) << "a signal of peer connection" << connection << "ignored, now" << m_connectionNo;
    return false;
}

void CallManager::stopMedia()
{
    m_media.reset();
    if (m_options.remoteVideo)
        m_options.remoteVideo->clear();
    if (m_options.localVideo)
        m_options.localVideo->clear();
}

void CallManager::sendSignal(v1::CallSignal &signal)
{
    if (!m_state.isAnswered() || !m_connection.isOnline())
        return; // candidates lost while offline: a new connection is made when the sound stops
    signal.set_call_id(m_state.callId.toStdString());
    signal.set_peer(m_state.peer.toStdString());
    signal.set_connection(m_connectionNo);
    m_connection.request(SubSignal::CLS, signal, [](const Result<v1::Result> &reply) {
        if (!reply)
            qCInfo(lcCalls) << "a call signal was refused:" << reply.error().message;
    });
}

void CallManager::onMediaState(MediaSession::State state)
{
    if (state == MediaSession::State::Failed && m_state.phase == Phase::Connecting) { // no path between the two
        fail();
        return;
    }
    if (state == MediaSession::State::Failed && m_state.phase == Phase::Active)
        reconnect();
}

void CallManager::reconnect()
{
    setPhase(Phase::Reconnecting);
    m_renegotiateAfterMs = kRenegotiateAfterMs;
    if (m_state.outgoing) // the caller's side makes the new connection (see kRenegotiateAfterMs)
        renegotiate();
}

void CallManager::renegotiate()
{
    qCInfo(lcCalls) << "peer connection" << m_connectionNo + 1 << "made," << m_since.elapsed() << "ms into"
                    << (m_state.phase == Phase::Connecting ? "connecting" : "reconnecting");
    startMedia(m_connectionNo + 1);
}

void CallManager::checkMedia()
{
    if (!m_state.isAnswered()) {
        m_check->stop();
        return;
    }
    const quint64 heard = m_media ? m_media->counters().audioPacketsIn : 0;
    const bool flowing = heard > m_audioIn;
    m_audioIn = heard;
    if (flowing) {
        m_heard.start();
        if (m_state.phase != Phase::Active) {
            if (!m_state.connectedAtMs)
                m_state.connectedAtMs = QDateTime::currentMSecsSinceEpoch();
            qCInfo(lcCalls) << "media flowing on connection" << m_connectionNo << "after" << m_since.elapsed() << "ms";
            setPhase(Phase::Active);
        }
        return;
    }
    switch (m_state.phase) {
    case Phase::Connecting:
        if (m_since.hasExpired(kMediaConnectTimeoutMs))
            fail();
        break;
    case Phase::Active:
        if (m_heard.hasExpired(kMediaSilenceMs)) {
            qCInfo(lcCalls) << "no sound from the peer: reconnecting";
            reconnect();
        }
        break;
    case Phase::Reconnecting:
        if (m_since.hasExpired(kReconnectLimitMs))
            fail();
        else if (m_state.outgoing && m_renegotiated.hasExpired(m_renegotiateAfterMs)) {
            m_renegotiateAfterMs = std::min(2 * m_renegotiateAfterMs, kRenegotiateMaxMs);
            renegotiate();
        }
        break;
    default: break;
    }
}

void CallManager::fail()
{
    qCInfo(lcCalls) << "the media did not connect: hanging up";
    act(v1::CALL_HANG_UP, 0, v1::CALL_END_FAILED);
    end(content::CallEnd::Failed, true, connectedForMs());
}

qint64 CallManager::connectedForMs() const
{
    return m_state.connectedAtMs ? QDateTime::currentMSecsSinceEpoch() - m_state.connectedAtMs : 0;
}

void CallManager::keepAlive()
{
    if (!m_state.isLive() || m_state.callId.isEmpty()) {
        m_keepAlive->stop();
        return;
    }
    if (!m_connection.isOnline())
        return;
    const QString callId = m_state.callId;
    act(v1::CALL_KEEP_ALIVE, 0, 0, [this, callId](const Result<v1::Result> &reply) {
        if (m_state.callId != callId || !m_state.isLive())
            return;
        if (!reply) {
            switch (reply.error().code) {
            case ErrorCode::NotFound: { // over while this device was away: its record, coming, will say how
                const bool ringing = m_state.phase == Phase::Incoming;
                end(content::CallEnd::ConnectionLost, false);
                m_ringingWhenLost = ringing;
                m_recordWait->start();
                break;
            }
            case ErrorCode::TooLate: // it rang out
                end(content::CallEnd::NoAnswer, false);
                break;
            case ErrorCode::AlreadyHandled: // another of the callee's devices took it
                if (!m_state.outgoing) {
                    m_state.answeredElsewhere = true;
                    end(content::CallEnd::HungUp, false);
                }
                break;
            default: break;
            }
            return;
        }
        const v1::CallInfo &info = reply->call();
        takeInfo(info);
        if (!info.device().empty()) // answered, while this device may have been away when it was
            onAnswered(QString::fromStdString(info.device()), info.media());
    });
}

void CallManager::onAnswered(const QString &device, int wireMedia)
{
    if (!m_state.outgoing) {
        if (device != m_options.deviceId) {
            m_state.answeredElsewhere = true;
            end(content::CallEnd::HungUp, false);
        } else if (m_state.phase == Phase::Connecting && !m_media) { // this device's answer, whose reply was lost
            connectMedia(wireMedia, 0);
        }
        return;
    }
    if (m_state.isAnswered())
        return; // known already
    setPhase(Phase::Connecting);
    connectMedia(wireMedia, 1);
}

void CallManager::connectMedia(int wireMedia, quint32 connection)
{
    m_state.media = mediaOf(wireMedia);
    m_state.cameraOn = m_state.isVideo();
    publish();
    startMedia(connection);
}

void CallManager::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    keepAlive(); // whether the call went on without this device
    // Signals sent while the link was down were lost: the caller's side offers a new connection at once.
    if (m_state.outgoing && m_media && (m_state.phase == Phase::Connecting || m_state.phase == Phase::Reconnecting))
        renegotiate();
}

void CallManager::onMessagesArrived(const QList<ChatMessage> &messages)
{
    PARLEY_ASSERT_OWN_THREAD();
    const bool correcting = m_state.phase == Phase::Ended && m_recordWait->isActive();
    if (m_state.callId.isEmpty() || !(m_state.isLive() || correcting))
        return;
    for (const ChatMessage &m : messages) {
        if (!m.isCallRecord() || m.call.callId != m_state.callId)
            continue;
        const bool ringing = correcting ? m_ringingWhenLost : m_state.phase == Phase::Incoming;
        const content::CallEnd reason = endOf(int(m.call.reason));
        // Only an answered call ends hung up, failed or lost: one this device rang for was taken by another.
        m_state.answeredElsewhere =
            ringing && (reason == content::CallEnd::HungUp || reason == content::CallEnd::Failed ||
                        reason == content::CallEnd::ConnectionLost);
        end(reason, false, m.call.durationMs);
        return;
    }
}

void CallManager::end(content::CallEnd reason, bool byMe, qint64 durationMs)
{
    stopMedia();
    m_keepAlive->stop();
    m_check->stop();
    m_recordWait->stop();
    m_state.ended = reason;
    m_state.endedByMe = byMe;
    m_state.durationMs = durationMs;
    m_state.phase = Phase::Ended;
    qCInfo(lcCalls) << "call ended:" << int(reason);
    publish();
}

void CallManager::onPush(const v1::CallNotice &notice)
{
    PARLEY_ASSERT_OWN_THREAD();
    const QString callId = QString::fromStdString(notice.call_id());
    const bool mine = !callId.isEmpty() && callId == m_state.callId && m_state.isLive();
    switch (notice.event()) {
    case v1::CALL_INCOMING:
        if (m_state.isLive()) { // parleyd rings only people not in a call; this device thinks otherwise
            act(callId, QString::fromStdString(notice.caller()), v1::CALL_BUSY);
            return;
        }
        m_state = CallState{};
        m_state.callId = callId;
        m_state.peer = QString::fromStdString(notice.caller());
        m_state.media = mediaOf(notice.media());
        m_state.ringUntilMs = notice.ring_until();
        m_iceServers.clear();
        setPhase(Phase::Incoming);
        m_keepAlive->start(); // while ringing too: a ringing that parleyd forgot (it restarted) ends here
        return;
    case v1::CALL_ACCEPTED:
        if (mine)
            onAnswered(QString::fromStdString(notice.device()), notice.media());
        return;
    case v1::CALL_ENDED:
        if (mine)
            end(endOf(notice.reason()), false, notice.duration_ms());
        return;
    case v1::CALL_SIGNAL:
        if (!mine || QString::fromStdString(notice.device()) != m_options.deviceId || !m_state.isAnswered() || !m_media)
            return;
        if (notice.has_description()) {
            const QString type = QString::fromStdString(notice.description().type());
            const QString sdp = QString::fromStdString(notice.description().sdp());
            const bool current = type == u"offer"_s && !m_state.outgoing
                                     ? takeOffer(notice.connection(), sessionIdOf(sdp))
                                     : ofThisConnection(notice.connection());
            if (!current)
                return;
            m_media->setRemoteDescription(type, sdp);
        } else if (notice.has_candidate() && ofThisConnection(notice.connection())) {
            m_media->addRemoteCandidate(int(notice.candidate().sdp_mline_index()),
                                        QString::fromStdString(notice.candidate().candidate()));
        }
        return;
    default: return;
    }
}

} // namespace parley
