#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace parley {

class Connection;
class ConversationRepository;

// Tells the server what this device has stored (delivered receipts, MDR) and what the user has read (MRD).
// Reports are derived from the cache — "others' messages stored up to N", "read up to N" — and marked done
// only when the server confirms, so a report interrupted by a lost link or a quit is simply sent again.
// Several changes in a short time make one report. MDR also carries the device's inbox position, which
// lets the server drop inbox items every device has. Engine thread.
class ReceiptReporter : public QObject {
    Q_OBJECT

public:
    static constexpr int kCoalesceMs = 150; // new messages arriving together make one report

    ReceiptReporter(ConversationRepository &conversations, Connection &connection,
                    std::function<quint64()> inboxPosition, QObject *parent = nullptr);

    // Something changed (messages stored, a conversation read): report soon.
    void schedule();
    void onOnline();

private:
    void flush();

    ConversationRepository &m_conversations;
    Connection &m_connection;
    std::function<quint64()> m_inboxPosition;
    quint64 m_reportedInboxSeq = 0; // this connection's last confirmed report
    QTimer m_timer{this};
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace parley
