#pragma once

#include "core/types/conversationkey.h"

#include <QList>
#include <QObject>
#include <QSet>

class QTimer;

namespace parley {

namespace v1 {
class ConversationSettings;
} // namespace v1

class Connection;
class ConversationSettingsRepository;

// Keeps my conversation settings (pin, mute, marked unread, draft) the same on all my devices. On each connect
// it reads the server's whole list (CSL, page by page) and then sends what changed here meanwhile; while
// online, a change here goes out at once (CSS, only the fields changed) and another device's arrives as a
// push (CSN). Fields changed here and not yet taken by the server keep this device's values (see
// ConversationSettingsRepository). It also keeps the clock of mutes: when one ends, the conversation changes.
// Engine thread.
class ConversationSettingsSync : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMaxClockWaitMs = 6 * 3600 * 1000; // the mute clock looks again at least this often
    static constexpr int kRetryMs = 5000; // after a list or a change the server could not take (the link stayed up)

    ConversationSettingsSync(ConversationSettingsRepository &settings, Connection &connection,
                             QObject *parent = nullptr);

    void onOnline();
    // The server may not have pushed every change (MNH): the list is asked for again, unless a listing runs.
    void relist();
    void onOffline();
    void onPush(const v1::ConversationSettings &settings);
    // Something changed here: send what is pending (when online).
    void send();
    // Looks again for the next end of a mute (after a change of mutes here or from the server).
    void rewindClock();

Q_SIGNALS:
    // Settings of these conversations changed (from the server, or a mute ended).
    void changed(const QList<parley::ConversationKey> &conversations);

private:
    void fetchPage(int generation, int afterType, const QString &afterTarget, QSet<ConversationKey> listed);
    void onClock();
    void retryLater();

    ConversationSettingsRepository &m_settings;
    Connection &m_connection;
    int m_generation = 0;            // of the link: answers to an earlier one's list are dropped
    bool m_listed = false;           // this link's list is in
    QSet<ConversationKey> m_sending; // a change of theirs is with the server
    QTimer *m_clock = nullptr;
    QTimer *m_retry = nullptr; // the list again (if it failed), then what is pending
    qint64 m_clockFrom = 0;    // mutes ending after this were not announced yet
};

} // namespace parley
