#pragma once

#include "server/storage/records.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace parley::server {

// Profiles, contacts (friends, remarks, blocks) and friend requests. Same rules as IStore: storage
// thread only, inside the batch transaction, failures recorded by the owning store.
class ISocialStore {
public:
    virtual ~ISocialStore() = default;

    virtual std::optional<ProfileRecord> profile(qint64 userId) = 0;
    // The profiles of the users with these public ids that exist, in no particular order.
    virtual QList<ProfileRecord> profilesByUid(const QStringList &uids) = 0;
    // Writes the public fields, findable_by_phone and presence_audience (not last_seen_at).
    virtual void updateProfile(const ProfileRecord &profile) = 0;
    // A device of the user came online or the last one went offline.
    virtual void setLastSeen(qint64 userId, qint64 nowMs) = 0;

    // My relation to another user; a default record (neither friend nor blocked) if there is none.
    virtual ContactRecord contact(qint64 userId, qint64 otherId) = 0;
    // Stores the relation; a relation that is neither friendship nor block is deleted.
    virtual void putContact(const ContactRecord &contact) = 0;
    // Friends and blocked users of a user.
    virtual QList<ContactRecord> contacts(qint64 userId) = 0;
    virtual QList<qint64> friendIds(qint64 userId) = 0;
    // Whether `blocker` blocked `blocked` (asked for every one-to-one message, so implementations keep it
    // in memory).
    virtual bool isBlocked(qint64 blocker, qint64 blocked) = 0;
    // Forgets what is kept in memory (after a rollback).
    virtual void forgetCaches() = 0;

    virtual std::optional<FriendRequestRecord> friendRequest(qint64 id) = 0;
    // The newest pending request from one user to another, expired or not.
    virtual std::optional<FriendRequestRecord> pendingRequest(qint64 fromId, qint64 toId) = 0;
    virtual std::optional<qint64> insertFriendRequest(const FriendRequestRecord &request) = 0;
    virtual void updateFriendRequest(const FriendRequestRecord &request) = 0;
    // Requests to or from a user updated after `sinceMs`, newest first.
    virtual QList<FriendRequestRecord> friendRequestsOf(qint64 userId, qint64 sinceMs, int limit) = 0;
};

} // namespace parley::server
