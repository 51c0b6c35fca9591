#include "ui/messagetext.h"

#include "core/models/namebook.h"
#include "protocol/contenttypes.h"
#include "ui/mediapainter.h"

#include <QDateTime>
#include <QLocale>

namespace parley {

namespace {

// parley.v1.ContentType values the UI names.
using content::kFile;
using content::kImage;
using content::kRecalled;
using content::kVideo;
using content::kVoice;
constexpr int kLocation = 4;
enum Notice {
    Created = 101,
    Joined = 102,
    Left = 103,
    Removed = 104,
    Renamed = 105,
    Announcement = 106,
    OwnerChanged = 107,
    AdminsChanged = 108,
    Dismissed = 109,
    GroupAvatar = 110,
    AllMuted = 111,
    AllUnmuted = 112,
    MemberMuted = 113,
    MemberUnmuted = 114,
    ApprovalOn = 115,
    ApprovalOff = 116,
    JoinRequested = 117,
    JoinRejected = 118,
};
constexpr int kAdminRole = 1;

} // namespace

QString MessageText::who(const QString &userId, NameBook &names)
{
    return userId == names.myId() ? tr("You") : names.userName(userId);
}

QString MessageText::people(const QStringList &userIds, NameBook &names)
{
    QStringList list;
    for (const QString &id : userIds)
        list.append(who(id, names));
    return QLocale().createSeparatedList(list);
}

QString MessageText::call(const ChatMessage &m, NameBook &names)
{
    using content::CallEnd;
    const bool video = m.call.isVideo();
    const auto pick = [video](const QString &voice, const QString &videoText) { return video ? videoText : voice; };
    switch (m.call.reason) {
    case CallEnd::Declined:
        return m.outgoing ? pick(tr("Voice call declined"), tr("Video call declined"))
                          : pick(tr("You declined a voice call"), tr("You declined a video call"));
    case CallEnd::Cancelled:
    case CallEnd::NoAnswer:
    case CallEnd::Busy:
    case CallEnd::Unreachable:
        if (!m.outgoing)
            return pick(tr("Missed voice call"), tr("Missed video call"));
        if (m.call.reason == CallEnd::Cancelled)
            return pick(tr("Voice call cancelled"), tr("Video call cancelled"));
        if (m.call.reason == CallEnd::NoAnswer)
            return pick(tr("Voice call not answered"), tr("Video call not answered"));
        if (m.call.reason == CallEnd::Busy)
            return tr("%1 was in another call").arg(names.userName(m.conversation.target));
        return tr("%1 was not online").arg(names.userName(m.conversation.target));
    default: // answered, then hung up, lost or failed
        return pick(tr("Voice call %1"), tr("Video call %1")).arg(MediaPainter::duration(m.call.durationMs));
    }
}

QString MessageText::notice(const ChatMessage &m, NameBook &names)
{
    if (m.isCallRecord())
        return call(m, names);
    const QString actor = who(m.sender, names);
    if (m.isRecalled())
        return m.outgoing ? tr("You recalled a message") : tr("%1 recalled a message").arg(actor);
    switch (m.contentType) {
    case Created: return tr("%1 created the group \"%2\"").arg(actor, m.text);
    case Joined: return tr("%1 added %2 to the group").arg(actor, people(m.noticeUsers, names));
    case Left: return tr("%1 left the group").arg(actor);
    case Removed: return tr("%1 removed %2 from the group").arg(actor, people(m.noticeUsers, names));
    case Renamed: return tr("%1 renamed the group to \"%2\"").arg(actor, m.text);
    case Announcement: return tr("%1 updated the announcement: %2").arg(actor, m.text);
    case OwnerChanged: return tr("%1 made %2 the group owner").arg(actor, people(m.noticeUsers, names));
    case AdminsChanged:
        return m.noticeRole == kAdminRole ? tr("%1 made %2 an admin").arg(actor, people(m.noticeUsers, names))
                                          : tr("%1 is no longer an admin").arg(people(m.noticeUsers, names));
    case Dismissed: return tr("%1 dismissed the group").arg(actor);
    case GroupAvatar:
        return m.text.isEmpty() ? tr("%1 removed the group picture").arg(actor)
                                : tr("%1 changed the group picture").arg(actor);
    case AllMuted: return tr("%1 muted the group: only the owner and admins can write").arg(actor);
    case AllUnmuted: return tr("%1 unmuted the group: everyone can write again").arg(actor);
    case MemberMuted:
        return tr("%1 muted %2 until %3")
            .arg(actor, people(m.noticeUsers, names),
                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.text.toLongLong()), QLocale::ShortFormat));
    case MemberUnmuted: return tr("%1 unmuted %2").arg(actor, people(m.noticeUsers, names));
    case ApprovalOn: return tr("%1 turned on approval: new members invited by members wait for an admin").arg(actor);
    case ApprovalOff: return tr("%1 turned off approval: members add new members at once").arg(actor);
    case JoinRequested:
        return tr("%1 invited %2, who will join once an admin approves").arg(actor, people(m.noticeUsers, names));
    case JoinRejected: return tr("%1 declined %2's joining").arg(actor, people(m.noticeUsers, names));
    default: return {};
    }
}

QString MessageText::quoted(const Quote &quote)
{
    switch (quote.contentType) {
    case kRecalled: return tr("The quoted message was recalled");
    case kImage: return tr("[Photo]");
    case kFile: return tr("[File] %1").arg(quote.excerpt);
    case kVoice: return tr("[Voice]");
    case kVideo: return tr("[Video]");
    case kLocation: return tr("[Location]");
    case content::kChatHistory: return tr("[Chat history] %1").arg(quote.excerpt);
    default: return quote.excerpt;
    }
}

Quote MessageText::quoteOf(const ChatMessage &m)
{
    Quote quote{m.serverUid, m.conversationSeq, m.sender, m.contentType, {}};
    if (m.contentType == kFile)
        quote.excerpt = m.media.fileName;
    else if (!m.isMedia())
        quote.excerpt = m.text.simplified();
    return quote;
}

QString MessageText::body(int contentType, const QString &text, const Media &media)
{
    switch (contentType) {
    case kImage: return tr("[Photo]");
    case kFile: return tr("[File] %1").arg(media.fileName.isEmpty() ? text : media.fileName);
    case kVoice: return tr("[Voice] %1").arg(MediaPainter::duration(media.durationMs));
    case kVideo:
        return media.durationMs > 0 ? tr("[Video] %1").arg(MediaPainter::duration(media.durationMs)) : tr("[Video]");
    case kLocation: return tr("[Location]");
    case content::kChatHistory: return tr("[Chat history] %1").arg(text.simplified());
    default: return text.simplified();
    }
}

QString MessageText::forwarded(const ForwardedItem &item)
{
    return body(item.contentType, item.text, item.media);
}

QString MessageText::preview(const ChatMessage &m, NameBook &names)
{
    if (m.localId == 0)
        return {};
    if (const QString n = notice(m, names); !n.isEmpty())
        return n;
    const QString body = MessageText::body(m.contentType, m.text, m.media);
    // A file on its way up says how far it has come (or that it waits for its sender).
    if (m.outgoing && m.isMedia() && m.state == MessageState::Sending && m.transfer.total > 0 &&
        m.transfer.done < m.transfer.total) {
        const int percent = int(m.transfer.done * 100 / m.transfer.total);
        if (m.transfer.state == TransferState::Paused)
            return tr("Paused %1% · %2").arg(percent).arg(body);
        return tr("Sending %1% · %2").arg(percent).arg(body);
    }
    if (m.conversation.type == ConversationKey::Type::Group && !m.outgoing)
        return tr("%1: %2").arg(names.userName(m.sender), body);
    return body;
}

} // namespace parley
