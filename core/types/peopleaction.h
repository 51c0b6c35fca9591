#pragma once

#include <QMetaType>

namespace parley {

// What the user asked for about people or groups, to say which action a failure belongs to.
enum class PeopleAction {
    Search,
    UpdateProfile,
    SendFriendRequest,
    AnswerFriendRequest,
    SetRemark,
    DeleteFriend,
    Block,
    CreateGroup,
    AddMembers,
    RemoveMembers,
    QuitGroup,
    RenameGroup,
    SetAnnouncement,
    SetRole,
    DismissGroup,
    FetchMembers,
};

} // namespace parley

Q_DECLARE_METATYPE(parley::PeopleAction)
