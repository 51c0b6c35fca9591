#pragma once

#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <functional>

namespace parley {

class Client;

// The messages of one conversation for a list view, in conversation order. Loads the latest page from
// the local cache when the conversation is opened, then follows the Client: new messages are inserted
// where their sequence puts them, changed ones (sent, failed, recalled) are updated in place, and receipts
// move the states of sent messages.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT

public:
    static constexpr int kInitialPage = 200;

    enum Role {
        TextRole = Qt::UserRole + 1,
        OutgoingRole,
        StateRole,
        SenderRole,
        TimestampRole,
        FailureRole,
        LocalIdRole,
        MessageRole,     // the ChatMessage
        ReadCountRole,   // my group messages: how many other members have read it
        FirstUnreadRole, // the first message after the read horizon the conversation was opened with
    };
    static constexpr int kOlderPage = 50;
    // Opened with more unread messages than this, the window starts at the first unread one (with a few
    // read ones above it for context) instead of at the newest.
    static constexpr int kUnreadInLatest = 150;
    static constexpr int kUnreadContext = 20;
    // The model holds a window of the conversation, not all of it: scrolling far up drops rows at the bottom
    // (and scrolling back down brings them back from the cache).
    static constexpr int kWindowRows = 300;

    explicit MessageListModel(Client &client, QObject *parent = nullptr);

    // `readSeq` and `unread`: the conversation's read horizon and unread count as it is opened; the first
    // message after that horizon is marked (FirstUnreadRole) for as long as the conversation stays open.
    void setConversation(const ConversationKey &conversation, quint64 readSeq = 0, int unread = 0);
    // The row FirstUnreadRole marks, or -1.
    int firstUnreadRow() const;
    // The row of the message with this local id, or -1 if it is not in the window.
    int rowOfId(qint64 localId) const;
    ConversationKey conversation() const { return m_conversation; }
    // Pull-down history: the page before the oldest message shown (cache first, then the server);
    // olderLoaded(count) follows once the rows are in.
    void loadOlder();
    bool reachedStart() const { return m_reachedStart; }
    // Scrolling back down after the window moved up: the next page after the newest message shown.
    void loadNewer();
    // Whether the window ends with the conversation's newest message (new messages then appear).
    bool atLatest() const { return m_atLatest; }
    // The highest conversation sequence in the window (0 if none has one yet).
    quint64 newestSeq() const;
    // Back to the newest messages (the window starts over there).
    void showLatest();
    // Brings the message with this conversation sequence into the window (a reply's quote was clicked): if
    // it is not in the window, a window around it replaces it, loading older history from the server if the
    // cache lacks it. messageShown(row) follows, or messageNotShown when it cannot be had.
    void showMessage(quint64 seq);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // A message's text can be opened to select part of it with the mouse (read-only).
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void olderLoaded(int count);
    // Around a page loaded above or below, and rows dropped at the other end: views keep what is on screen.
    void windowAboutToMove();
    void windowMoved();
    // A new message arrived while the window is not at the newest ones.
    void newMessageOutsideWindow();
    void messageShown(int row);
    void messageNotShown(quint64 seq);

private:
    void fetchLatestPage();
    void onFetched(const QList<ChatMessage> &messages);
    void openAtUnread();
    // Replaces the window by one that holds a few messages up to `lastOlderSeq` and a page after it; `done`
    // says whether it could.
    void openWindowAt(quint64 lastOlderSeq, const std::function<void(bool opened)> &done);
    int rowOfSeq(quint64 seq) const;
    void onAdded(const ChatMessage &message);
    void onChanged(const ChatMessage &message);
    void onRemoved(const ChatMessage &message);
    // Receipts: the peer's horizons turn my sent messages delivered or read.
    void onConversationChanged(const ConversationSummary &summary);
    qsizetype insertionRow(const ChatMessage &message) const;
    void onOlder(const QList<ChatMessage> &messages, bool reachedStart);
    void onNewer(const QList<ChatMessage> &messages, bool reachedEnd);
    // Keeps the window within kWindowRows by dropping rows at the top or the bottom.
    void trim(bool dropAtTop);
    void onReadHorizons(const QString &groupId, const QList<quint64> &horizons);
    // Bytes of a file on its way: the row's transfer moves on (its other changes come as messageChanged).
    void onTransferProgress(qint64 localId, quint64 done, quint64 total);

    Client &m_client;
    ConversationKey m_conversation;
    QList<ChatMessage> m_messages;
    QList<quint64> m_horizons; // group: the other members' read horizons, ascending
    bool m_loadingOlder = false;
    bool m_reachedStart = false;
    bool m_loadingNewer = false;
    bool m_atLatest = true;
    bool m_awaitingLatest = false; // the newest page is asked for: what arrives meanwhile joins it
    bool m_unreadLine = false; // opened with unread messages: the first after m_unreadAfter is marked
    quint64 m_unreadAfter = 0; // the read horizon then
    quint64 m_opened = 0; // counts setConversation: answers for a conversation shown before are dropped
};

} // namespace parley
