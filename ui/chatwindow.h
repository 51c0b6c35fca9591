#pragma once

#include "core/connectionstate.h"
#include "protocol/error.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;

namespace parley {

class Client;
class MessageListModel;

// The first chat window: your user id to share, a conversation opened by the peer's user id, its
// messages, and a composer. (The full client layout — navigation, conversation list, contacts —
// comes with the desktop issue.)
class ChatWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit ChatWindow(Client &client, QWidget *parent = nullptr);

Q_SIGNALS:
    void logOutRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void openConversation();
    // The open conversation is on screen in the active window: read up to its newest message.
    void markReadIfSeen();
    void send();
    void onConnectionState(ConnectionState state, const Error &lastError);
    void onFailure(const Error &error);

    Client &m_client;
    MessageListModel *m_messages;
    QLabel *m_me;
    QLineEdit *m_peer;
    QListView *m_view;
    QPlainTextEdit *m_composer;
    QPushButton *m_send;
    QLabel *m_status;
};

} // namespace parley
