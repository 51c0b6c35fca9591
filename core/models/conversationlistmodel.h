#pragma once

#include "core/models/keyedlistmodel.h"
#include "core/types/conversationsummary.h"

namespace parley {

class Client;

// The conversation list: pinned first, then most recent activity, each with its title, last message, unread count and
// whether an unread message mentions me. Fed by MessagesApi: the whole list when built
// (fetchConversations), then conversationChanged (one at a time). GUI thread.
class ConversationListModel : public KeyedListModel<ConversationSummary> {
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // ConversationKey
        TitleRole,
        IsGroupRole,
        LastMessageRole, // ChatMessage
        UnreadRole,
        MentionedMeRole,
        LastActivityRole,
        PinnedRole,
        MutedRole,      // muted now
        MutedUntilRole, // ms since the epoch (limits::kMutedForever: until turned off)
        MarkedUnreadRole,
        DraftRole,
    };

    explicit ConversationListModel(Client *client, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setConversations(const QList<ConversationSummary> &conversations);
    void applyConversation(const ConversationSummary &summary);
    void removeConversation(const ConversationKey &key);
    // A file being sent as a conversation's last message: how far it has gone up, for the preview.
    void onTransferProgress(qint64 localId, quint64 done, quint64 total);
    void onMessageChanged(const ChatMessage &message); // a last message's transfer paused, failed, …
    // The conversation's summary as the list has it (a default one if it is not listed).
    ConversationSummary summaryOf(const ConversationKey &key) const;
    int rowOf(const ConversationKey &key) const { return indexOfKey(keyString(key)); }
    static QString keyString(const ConversationKey &key);

protected:
    QString keyOf(const ConversationSummary &s) const override { return keyString(s.key); }

private:
    // Applies `change` (true: it changed something) to the row whose last message is `localId`, if any.
    template <typename Change>
    void changeLastTransfer(qint64 localId, Change change);
};

} // namespace parley
