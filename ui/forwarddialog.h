#pragma once

#include "core/types/conversationkey.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace parley {

class Client;

// "Forward": the chats to send to, picked with checkboxes from my recent chats and found by typing part of a
// name; with several messages, whether they go one by one or as one chat history (titled `historyTitle`).
// Sends, then closes; says in words what went wrong otherwise. GUI thread.
class ForwardDialog : public QDialog {
    Q_OBJECT

public:
    ForwardDialog(Client &client, QList<qint64> localIds, QString historyTitle, QWidget *parent = nullptr);

    QList<ConversationKey> picked() const;

Q_SIGNALS:
    void forwarded(const QList<parley::ConversationKey> &targets);

private:
    void fill();
    void filter(const QString &text);
    void updateButton();
    void send();

    Client &m_client;
    QList<qint64> m_localIds;
    QString m_historyTitle;
    QLineEdit *m_filter;
    QListWidget *m_chats;
    QRadioButton *m_oneByOne;
    QRadioButton *m_asHistory;
    QLabel *m_message;
    QPushButton *m_send;
    bool m_waiting = false;
};

} // namespace parley
