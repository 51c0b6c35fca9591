#include "core/messaging/receiptreporter.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/conversationrepository.h"
#include "parley.pb.h"
#include "protocol/limits.h"

namespace parley {

ReceiptReporter::ReceiptReporter(ConversationRepository &conversations, Connection &connection,
                                 std::function<quint64()> inboxPosition, QObject *parent)
    : QObject(parent),
      m_conversations(conversations),
      m_connection(connection),
      m_inboxPosition(std::move(inboxPosition))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kCoalesceMs);
    connect(&m_timer, &QTimer::timeout, this, &ReceiptReporter::flush);
}

void ReceiptReporter::schedule()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_timer.isActive())
        m_timer.start();
}

void ReceiptReporter::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_inFlight = false;
    m_reportedInboxSeq = 0;
    flush();
}

void ReceiptReporter::flush()
{
    if (!m_connection.isOnline())
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    struct Kind {
        SubSignal subSignal;
        QList<ConversationRepository::Point> points;
    };
    const QList<Kind> kinds{
        {SubSignal::MDR, m_conversations.pendingDeliveryReports()},
        {SubSignal::MRD, m_conversations.pendingReadReports()},
    };
    const quint64 inboxSeq = m_inboxPosition();
    for (const Kind &kind : kinds) {
        const bool delivered = kind.subSignal == SubSignal::MDR;
        const bool newPosition = delivered && inboxSeq > m_reportedInboxSeq;
        if (kind.points.isEmpty() && !newPosition)
            continue;
        v1::ProgressReport report;
        if (delivered)
            report.set_inbox_seq(inboxSeq);
        const QList<ConversationRepository::Point> points =
            kind.points.first(std::min<qsizetype>(kind.points.size(), limits::kMaxProgressPoints));
        for (const ConversationRepository::Point &p : points) {
            v1::ConversationPoint *point = report.add_points();
            point->set_conversation_type(v1::ConversationType(int(p.conversation.type)));
            point->set_target(p.conversation.target.toStdString());
            point->set_seq(p.seq);
        }
        m_inFlight = true;
        m_connection.request(kind.subSignal, report, [this, points, delivered, inboxSeq](Result<v1::Result> reply) {
            m_inFlight = false;
            if (!reply) {
                qCDebug(lcSync) << "receipt report failed; sent again when online:" << reply.error().message;
                return;
            }
            if (delivered)
                m_reportedInboxSeq = std::max(m_reportedInboxSeq, inboxSeq);
            for (const ConversationRepository::Point &p : points) {
                if (delivered)
                    m_conversations.setReportedDelivered(p.conversation, p.seq);
                else
                    m_conversations.setReportedRead(p.conversation, p.seq);
            }
            if (std::exchange(m_again, false) || points.size() == limits::kMaxProgressPoints)
                flush();
            else
                schedule(); // the other kind, or what arrived meanwhile
        });
        return; // one report at a time
    }
}

} // namespace parley
