#pragma once

#include "parley.pb.h"
#include "server/storage/records.h"

namespace parley::server {

// The wire forms of people records: only public fields leave the server.
inline v1::UserProfile toWire(const ProfileRecord &p)
{
    v1::UserProfile w;
    w.set_user_id(p.uid.toStdString());
    w.set_nickname(p.nickname.toStdString());
    w.set_avatar(p.avatar.toStdString());
    w.set_signature(p.signature.toStdString());
    w.set_deleted(p.deleted);
    return w;
}

inline v1::Contact toWire(const ContactRecord &c, const ProfileRecord &other)
{
    v1::Contact w;
    *w.mutable_profile() = toWire(other);
    w.set_is_friend(c.isFriend);
    w.set_remark(c.remark.toStdString());
    w.set_friends_since(c.friendsSinceMs);
    w.set_blocked(c.blocked);
    return w;
}

} // namespace parley::server
