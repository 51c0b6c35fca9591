#pragma once

#include "core/types/conversationkey.h"

#include <QWidget>

class QLineEdit;
class QListView;
class QToolButton;
class QSortFilterProxyModel;

namespace parley {

class ChatView;
class EmptyState;
class Client;
class ContactListModel;
class ConversationListModel;
class MentionsPanel;
class MessageSearchModel;
class SearchResultDelegate;
class NameBook;

// The Chats page: the conversation list (with a search field and a "+" for new groups and friends) beside
// the open conversation. Up/Down move in the list, Enter opens, Ctrl+F searches — conversations by name and
// messages by their text (the local search index, Chinese too); a row's menu pins, mutes, marks read and
// removes it from the list. The "@" button shows the messages that mention me instead of the list (with how
// many are unread); a click on one goes to it in its chat. GUI thread.
class ChatsPage : public QWidget {
    Q_OBJECT

public:
    ChatsPage(Client &client, NameBook &names, ContactListModel &contacts, QWidget *parent = nullptr);

    // Shows the conversation, selected in the list, ready to write in.
    void open(const ConversationKey &conversation);
    ChatView *chatView() const { return m_chat; }
    QListView *list() const { return m_list; }
    QListView *searchResults() const { return m_results; }
    QListView *friendsFound() const { return m_friendsFound; }
    EmptyState *noChats() const { return m_noChats; }
    MentionsPanel *mentions() const { return m_mentions; }
    QToolButton *mentionsButton() const { return m_mentionsButton; }
    void focusSearch();
    bool isMuted(const ConversationKey &conversation) const;

Q_SIGNALS:
    void addFriendRequested();
    void newGroupRequested();

private:
    void select(const ConversationKey &conversation); // in the list only, quietly
    void showInChat(const ConversationKey &conversation); // with its draft, from its first unread message
    void onCurrentChanged(const QModelIndex &current);
    void showContextMenu(const QPoint &pos);
    void onSearchChanged(const QString &text);
    void updateFriendsFound();
    // The mentions of me in the list's place (the "@" button), or the list again.
    void showMentions(bool shown);

    Client &m_client;
    ConversationListModel *m_conversations;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_search;
    QListView *m_list;
    QWidget *m_chatsArea; // the list and its empty state
    EmptyState *m_noChats;  // instead of the list while there are no chats at all
    QWidget *m_chatsHeader; // above the list while searching
    QSortFilterProxyModel *m_friendsMatching;
    QWidget *m_friendsHeader;
    QListView *m_friendsFound;
    MessageSearchModel *m_found;
    SearchResultDelegate *m_foundDelegate;
    QWidget *m_resultsHeader;
    QListView *m_results;
    ChatView *m_chat;
    QToolButton *m_mentionsButton;
    MentionsPanel *m_mentions;
};

} // namespace parley
