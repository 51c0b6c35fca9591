#pragma once

#include "core/client.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

// Follows a Client's message signals and keeps the latest state of each message, keyed by
// (sender, client uuid), the identity both devices agree on. For integration and UI tests.
class ClientRecorder : public QObject {
    Q_OBJECT

public:
    explicit ClientRecorder(parley::Client &client, QObject *parent = nullptr) : QObject(parent)
    {
        connect(&client.messages(), &parley::MessagesApi::messageAdded, this, [this](const parley::ChatMessage &m) {
            ++added[key(m)];
            latest.insert(key(m), m);
            textsShown.insert(m.text);
        });
        connect(&client.messages(), &parley::MessagesApi::messageChanged, this, [this](const parley::ChatMessage &m) {
            latest.insert(key(m), m);
            textsShown.insert(m.text);
        });
    }

    static QString key(const parley::ChatMessage &m)
    {
        return m.sender + u'/' + QString::fromLatin1(m.clientUuid.toHex());
    }

    // Messages whose text is `text`, in any state.
    QList<parley::ChatMessage> withText(const QString &text) const
    {
        QList<parley::ChatMessage> out;
        for (const parley::ChatMessage &m : latest)
            if (m.text == text)
                out.append(m);
        return out;
    }
    bool has(const QString &text, parley::MessageState state) const
    {
        const auto found = withText(text);
        return found.size() == 1 && found.first().state == state;
    }

    QHash<QString, parley::ChatMessage> latest;
    QHash<QString, int> added; // how often messageAdded fired per message: must stay 1
    QSet<QString> textsShown;  // every text a message was ever announced with
};
