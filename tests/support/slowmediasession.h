#pragma once

#include "core/calls/gstmediasession.h"

#include <QList>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

// A real GStreamer peer connection with two faults a test can make: it goes deaf (its count of the peer's
// packets stops, as when the network drops, while the media goes on), and a replacement connection answers
// slowly (a peer on a loaded machine). Lives on the engine thread like the session it wraps.
class SlowMediaSession : public parley::MediaSession {
public:
    struct Faults {
        std::atomic<int> created{0};       // sessions made so far, numbered from 1
        std::atomic<int> deafUpTo{0};      // sessions numbered up to this one hear nothing from now on
        std::atomic<int> answerDelayMs{0}; // how late the answers of the second session on are given
    };

    static parley::MediaSession::Factory factory(std::shared_ptr<Faults> faults)
    {
        return [faults](const Config &config) -> std::unique_ptr<parley::MediaSession> {
            return std::make_unique<SlowMediaSession>(parley::GstMediaSession::create(config), faults);
        };
    }

    SlowMediaSession(std::unique_ptr<parley::MediaSession> inner, std::shared_ptr<Faults> faults)
        : m_inner(std::move(inner)), m_faults(std::move(faults)), m_number(++m_faults->created)
    {
        // A late answer holds back the candidates that follow it, as a slow machine would.
        connect(m_inner.get(), &MediaSession::localDescription, this, [this](const QString &type, const QString &sdp) {
            const int delayMs = m_number > 1 && type == QLatin1String("answer") ? m_faults->answerDelayMs.load() : 0;
            if (delayMs == 0)
                return Q_EMIT localDescription(type, sdp);
            m_holding = true;
            QTimer::singleShot(delayMs, this, [this, type, sdp] {
                Q_EMIT localDescription(type, sdp);
                m_holding = false;
                for (const auto &[mline, candidate] : std::exchange(m_held, {}))
                    Q_EMIT localCandidate(mline, candidate);
            });
        });
        connect(m_inner.get(), &MediaSession::localCandidate, this, [this](int mline, const QString &candidate) {
            if (m_holding)
                m_held.append({mline, candidate});
            else
                Q_EMIT localCandidate(mline, candidate);
        });
        connect(m_inner.get(), &MediaSession::stateChanged, this, &MediaSession::stateChanged);
        connect(m_inner.get(), &MediaSession::failed, this, &MediaSession::failed);
    }

    void start() override { m_inner->start(); }
    void setRemoteDescription(const QString &type, const QString &sdp) override
    {
        m_inner->setRemoteDescription(type, sdp);
    }
    void addRemoteCandidate(int mlineIndex, const QString &candidate) override
    {
        m_inner->addRemoteCandidate(mlineIndex, candidate);
    }
    void setMicrophoneMuted(bool muted) override { m_inner->setMicrophoneMuted(muted); }
    void setCameraOn(bool on) override { m_inner->setCameraOn(on); }
    void setDevices(const parley::MediaDeviceChoice &devices) override { m_inner->setDevices(devices); }
    parley::MediaCounters counters() const override
    {
        if (m_number > m_faults->deafUpTo)
            return m_inner->counters();
        if (!m_heardBeforeDeaf)
            m_heardBeforeDeaf = m_inner->counters();
        return *m_heardBeforeDeaf;
    }
    State state() const override { return m_inner->state(); }

private:
    std::unique_ptr<parley::MediaSession> m_inner;
    std::shared_ptr<Faults> m_faults;
    const int m_number;
    mutable std::optional<parley::MediaCounters> m_heardBeforeDeaf;
    bool m_holding = false;
    QList<std::pair<int, QString>> m_held;
};
