#include "core/api/callsapi.h"

#include "core/api/featureapi_p.h"
#include "core/calls/callmanager.h"
#include "core/calls/videoframeslot.h"

namespace parley {

CallsApi::CallsApi(Engine *engine, QObject *parent)
    : FeatureApi(engine, parent),
      m_local(std::make_shared<VideoFrameSlot>()),
      m_remote(std::make_shared<VideoFrameSlot>())
{
}

CallsApi::~CallsApi() = default;

void CallsApi::attach(Account &account)
{
    account.calls().setVideoSlots(m_local, m_remote);
    connect(&account.calls(), &CallManager::stateChanged, this, [this](const CallState &state) {
        m_current = state;
        Q_EMIT stateChanged(state);
    });
}

void CallsApi::reset()
{
    if (m_current.phase == CallState::Phase::Idle)
        return;
    m_current = CallState{};
    Q_EMIT stateChanged(m_current);
}

Answer<CallState> CallsApi::call(const QString &peer, int media)
{
    return onAccount<CallState>([=](Account &a, Promise<CallState> p) { a.calls().call(peer, media, std::move(p)); });
}

Answer<Done> CallsApi::accept(int media)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.calls().accept(media, std::move(p)); });
}

Answer<Done> CallsApi::decline()
{
    return onAccount<Done>([](Account &a, Promise<Done> p) { a.calls().decline(std::move(p)); });
}

Answer<Done> CallsApi::hangUp()
{
    return onAccount<Done>([](Account &a, Promise<Done> p) { a.calls().hangUp(std::move(p)); });
}

void CallsApi::setMicrophoneMuted(bool muted)
{
    onAccount<Done>([=](Account &a, Promise<Done> p) {
        a.calls().setMicrophoneMuted(muted);
        p.resolve(Done{});
    });
}

void CallsApi::setCameraOn(bool on)
{
    onAccount<Done>([=](Account &a, Promise<Done> p) {
        a.calls().setCameraOn(on);
        p.resolve(Done{});
    });
}

void CallsApi::setDevices(const MediaDeviceChoice &devices)
{
    onAccount<Done>([=](Account &a, Promise<Done> p) {
        a.calls().setDevices(devices);
        p.resolve(Done{});
    });
}

Answer<MediaCounters> CallsApi::counters()
{
    return onAccount<MediaCounters>([](Account &a, Promise<MediaCounters> p) { p.resolve(a.calls().counters()); });
}

} // namespace parley
