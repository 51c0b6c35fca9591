#include "core/models/messagesearchmodel.h"

#include "core/client.h"

namespace parley {

MessageSearchModel::MessageSearchModel(Client *client, QObject *parent) : QAbstractListModel(parent), m_client(client)
{
    m_pause.setSingleShot(true);
    m_pause.setInterval(kTypingPauseMs);
    connect(&m_pause, &QTimer::timeout, this, [this] {
        if (!m_client || m_query.isEmpty())
            return;
        m_client->messages().search(m_query).then(this,
                                                  [this, typed = m_query](const Result<QList<ChatMessage>> &found) {
                                                      if (found)
                                                          onFound(typed, found.value());
                                                  });
    });
}

void MessageSearchModel::setQuery(const QString &typed)
{
    m_query = typed.trimmed();
    if (m_query.isEmpty()) {
        m_pause.stop();
        onFound({}, {});
        return;
    }
    m_pause.start();
}

void MessageSearchModel::onFound(const QString &typed, const QList<ChatMessage> &messages)
{
    if (typed != m_query)
        return; // an earlier query's answer
    beginResetModel();
    m_results = messages;
    endResetModel();
}

int MessageSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant MessageSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChatMessage &m = m_results.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return m.text;
    case MessageRole: return QVariant::fromValue(m);
    case ConversationRole: return QVariant::fromValue(m.conversation);
    default: return {};
    }
}

QHash<int, QByteArray> MessageSearchModel::roleNames() const
{
    return {{MessageRole, "message"}, {ConversationRole, "conversation"}};
}

} // namespace parley
