#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace parley {

// A conversation as this user sees it: one-to-one with a peer (target = the peer's user id) or a group
// (target = the group id).
struct ConversationKey {
    enum class Type { Private = 0, Group = 1 };

    Type type = Type::Private;
    QString target;

    static ConversationKey withUser(const QString &userId) { return {Type::Private, userId}; }
    bool isValid() const { return !target.isEmpty(); }
    friend bool operator==(const ConversationKey &, const ConversationKey &) = default;
};

inline size_t qHash(const ConversationKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.type), key.target);
}

} // namespace parley

Q_DECLARE_METATYPE(parley::ConversationKey)
