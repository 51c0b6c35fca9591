#include "bench/syncrun.h"

#include "bench/benchclient.h"
#include "bench/benchmessages.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"
#include "bench/presettokenstore.h"
#include "core/client.h"

#include <QFileInfo>
#include <QSettings>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kSender = 0;
constexpr int kReceiver = 1;

} // namespace

SyncRun::SyncRun(BenchServer &server, Options options, QObject *parent)
    : BenchRun(parent), m_server(server), m_options(options)
{
    m_clock.start();
}

SyncRun::~SyncRun() = default;

void SyncRun::start()
{
    connect(&m_server, &BenchServer::failed, this, &SyncRun::fail);
    connect(&m_server, &BenchServer::ready, this, [this] {
        m_crowd = new Crowd(m_server, 2, this);
        connect(m_crowd, &Crowd::failed, this, &SyncRun::fail);
        connect(m_crowd, &Crowd::connected, this, [this] {
            BenchClient *receiver = m_crowd->clients()[kReceiver];
            receiver->setExpectingClose(true);
            receiver->close(); // the device is off while the messages arrive
            m_sendStartNs = m_clock.nsecsElapsed();
            for (int w = 0; w < m_options.window; ++w)
                sendNext();
        });
        m_crowd->logIn();
    });
    m_server.start();
}

void SyncRun::sendNext()
{
    if (m_sent >= m_options.messages)
        return;
    ++m_sent;
    const v1::Message m = benchText(m_crowd->clients()[kReceiver]->userId, m_options.textBytes);
    m_crowd->clients()[kSender]->request(SubSignal::MS, m, [this](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE) {
            fail(u"send refused: %1"_s.arg(QString::fromStdString(r.message())));
            return;
        }
        if (++m_acked == m_options.messages) {
            m_sendEndNs = m_clock.nsecsElapsed();
            startDevice();
            return;
        }
        sendNext();
    });
}

void SyncRun::startDevice()
{
    const BenchClient *receiver = m_crowd->clients()[kReceiver];
    {
        // What the app remembers between runs: its device id and the account (the token is "in the keychain").
        QSettings settings(m_deviceDir.filePath(u"parley.ini"_s), QSettings::IniFormat);
        settings.setValue(u"device/id"_s, receiver->deviceId);
        settings.setValue(u"account/userId"_s, receiver->userId);
    }
    ClientOptions options;
    options.host = m_server.host();
    options.port = m_server.port();
    options.pinnedFingerprint = m_server.fingerprint();
    options.dataDir = m_deviceDir.path();
    options.platform = u"bench"_s;
    m_device = std::make_unique<Client>(options, std::make_unique<PresetTokenStore>(receiver->token));
    connect(&m_device->messages(), &MessagesApi::messageAdded, this, [this] {
        ++m_added;
        m_lastAddedNs = m_clock.nsecsElapsed();
        if (m_inSyncNs != 0 && m_added >= m_options.messages)
            report();
    });
    connect(m_device.get(), &Client::connectionStateChanged, this, [this](ConnectionState state) {
        if (state == ConnectionState::Syncing && m_onlineNs == 0)
            m_onlineNs = m_clock.nsecsElapsed();
        if (state == ConnectionState::Online && m_inSyncNs == 0) {
            m_inSyncNs = m_clock.nsecsElapsed();
            if (m_added >= m_options.messages)
                report();
        }
    });
    connect(m_device.get(), &Client::sessionEnded, this, [this] { fail(u"the device's session was refused"_s); });
    connect(m_device.get(), &Client::storageFailed, this, [this](const Error &e) { fail(u"storage: "_s + e.message); });
    m_deviceStartNs = m_clock.nsecsElapsed();
    m_device->resumeSession();
}

void SyncRun::report()
{
    if (std::exchange(m_done, true))
        return;
    const double sendS = double(m_sendEndNs - m_sendStartNs) / 1e9;
    const double connectS = double(m_onlineNs - m_deviceStartNs) / 1e9;
    const double syncS = double(m_inSyncNs - m_deviceStartNs) / 1e9;
    const double uiS = double(m_lastAddedNs - m_deviceStartNs) / 1e9;
    const QString cache = m_deviceDir.filePath(u"accounts/%1/cache.sqlite"_s.arg(m_device->userId()));
    printf("parley-bench sync: a device catches up %d missed messages (%d-byte texts)\n", m_options.messages,
           m_options.textBytes);
    printf("  sent while it was off: %.2f s (%.0f msg/s)\n", sendS, double(m_options.messages) / std::max(sendS, 1e-9));
    printf("  device start -> connected: %.2f s\n", connectS);
    printf("  device start -> in sync (all stored in its cache): %.2f s = %.0f msg/s stored\n", syncS,
           double(m_options.messages) / std::max(syncS, 1e-9));
    printf("  device start -> last message announced to the UI thread: %.2f s (%d announced)\n", uiS, m_added);
    printf("  cache: %.1f MB\n", double(QFileInfo(cache).size()) / (1024 * 1024));
    fflush(stdout);
    Q_EMIT finished(m_added == m_options.messages ? 0 : 1);
}
