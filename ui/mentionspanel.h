#pragma once

#include "core/types/conversationkey.h"

#include <QWidget>

class QLabel;
class QListView;

namespace parley {

class Client;
class MentionListModel;
class NameBook;

// "Mentions of me": every message that mentions me (or @all) across chats, newest first, the unread ones with a
// dot; a click says which message to go to. Shown in the chats list's place. GUI thread.
class MentionsPanel : public QWidget {
    Q_OBJECT

public:
    MentionsPanel(Client &client, NameBook &names, QWidget *parent = nullptr);

    MentionListModel *model() const { return m_model; }
    QListView *list() const { return m_list; }

Q_SIGNALS:
    void messageChosen(const parley::ConversationKey &conversation, quint64 conversationSeq);

private:
    void updateEmpty();

    MentionListModel *m_model;
    QListView *m_list;
    QLabel *m_empty;
};

} // namespace parley
