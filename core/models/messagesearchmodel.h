#pragma once

#include "core/types/chatmessage.h"

#include <QAbstractListModel>
#include <QTimer>

namespace parley {

class Client;

// Messages found by the local search for what is typed, newest first: the results of the latest query only
// (a query is sent once typing pauses). Fed by the answers of MessagesApi::search. GUI thread.
class MessageSearchModel : public QAbstractListModel {
    Q_OBJECT

public:
    static constexpr int kTypingPauseMs = 150;

    enum Role {
        MessageRole = Qt::UserRole + 1, // the ChatMessage
        ConversationRole,               // its ConversationKey
    };

    explicit MessageSearchModel(Client *client, QObject *parent = nullptr);

    void setQuery(const QString &typed);
    QString query() const { return m_query; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onFound(const QString &typed, const QList<ChatMessage> &messages);

    Client *m_client;
    QString m_query;
    QList<ChatMessage> m_results;
    QTimer m_pause;
};

} // namespace parley
