<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>HistoryCard</name>
    <message>
        <source>Chat history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
</context>
<context>
    <name>MediaPainter</name>
    <message>
        <source>%1 · Waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Download failed — click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Click to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open · Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Not sent — click to send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent — click to send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture on the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% · Paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>[@you]</source>
        <translation>[@you]</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>You recalled a message</source>
        <translation>You recalled a message</translation>
    </message>
    <message>
        <source>%1 recalled a message</source>
        <translation>%1 recalled a message</translation>
    </message>
    <message>
        <source>%1 created the group &quot;%2&quot;</source>
        <translation>%1 created the group &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 added %2 to the group</source>
        <translation>%1 added %2 to the group</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>%1 left the group</translation>
    </message>
    <message>
        <source>%1 removed %2 from the group</source>
        <translation>%1 removed %2 from the group</translation>
    </message>
    <message>
        <source>%1 renamed the group to &quot;%2&quot;</source>
        <translation>%1 renamed the group to &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 updated the announcement: %2</source>
        <translation>%1 updated the announcement: %2</translation>
    </message>
    <message>
        <source>%1 made %2 the group owner</source>
        <translation>%1 made %2 the group owner</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 made %2 an admin</translation>
    </message>
    <message>
        <source>%1 is no longer an admin</source>
        <translation>%1 is no longer an admin</translation>
    </message>
    <message>
        <source>%1 dismissed the group</source>
        <translation>%1 dismissed the group</translation>
    </message>
    <message>
        <source>[Location]</source>
        <translation>[Location]</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>[Draft]</source>
        <translation>[Draft]</translation>
    </message>
    <message>
        <source>[Photo]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[File] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Voice] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Video] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1% · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed the group picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the group picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused %1% · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quoted message was recalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Voice]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Chat history] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted the group: only the owner and admins can write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unmuted the group: everyone can write again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted %2 until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unmuted %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 turned on approval: new members invited by members wait for an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 turned off approval: members add new members at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invited %2, who will join once an admin approves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declined %2&apos;s joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice call declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video call declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined a voice call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined a video call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed voice call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed video call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice call cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video call cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice call not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video call not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was in another call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice call %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video call %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenceText</name>
    <message>
        <source>online</source>
        <translation type="unfinished">online</translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation type="unfinished">last seen %1</translation>
    </message>
    <message>
        <source>last seen recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen within a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen within a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen a long time ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Yesterday %1</translation>
    </message>
</context>
<context>
    <name>parley::AddFriendDialog</name>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>Add friend</translation>
    </message>
    <message>
        <source>Phone number with country code, or Parley ID</source>
        <translation>Phone number with country code, or Parley ID</translation>
    </message>
    <message>
        <source>Hi, I&apos;m %1</source>
        <translation>Hi, I&apos;m %1</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Nobody found. Check the number (with its country code) or the ID.</source>
        <translation>Nobody found. Check the number (with its country code) or the ID.</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>parley::AppController</name>
    <message>
        <source>Logged out</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>Login not remembered</source>
        <translation>Login not remembered</translation>
    </message>
    <message>
        <source>Account deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account was deleted, and what this computer kept of it was removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::AttachDialog</name>
    <message>
        <source>Send a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send %n files</source>
        <translation>
            <numerusform>Send %n file</numerusform>
            <numerusform>Send %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send as file (original quality, no compression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished">Send</translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · video %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::AvatarCropDialog</name>
    <message>
        <source>Set picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to move the picture; zoom with the slider or the mouse wheel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be read as a picture.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::CallWindow</name>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming video call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming voice call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished">Connecting…</translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered on another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy: in another call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reachable: not online on any device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call could not connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the camera off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the camera on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone, speaker and camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ChatMedia</name>
    <message>
        <source>Voice message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This voice message cannot be played on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted picture could not be saved for sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application on this computer opens this kind of file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is larger than the server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ChatView</name>
    <message>
        <source>Pick a chat</source>
        <translation>Pick a chat</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Not recalled</source>
        <translation>Not recalled</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) ↓</source>
        <translation>
            <numerusform>%n new message ↓</numerusform>
            <numerusform>%n new messages ↓</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Select text</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation>Delete from this computer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quoted message could not be loaded. Try again when online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>React</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording voice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from this computer? They stay in the chat on your other devices and for everyone else.</source>
        <translation>
            <numerusform>Delete %n message from this computer? It stays in the chat on your other devices and for everyone else.</numerusform>
            <numerusform>Delete %n messages from this computer? They stay in the chat on your other devices and for everyone else.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished">Delete</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat history of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat history of %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner and admins can write while the group is muted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An admin muted you in this group until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person deleted their account. What was written here stays; nothing more can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ChatsPage</name>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>New group or friend</source>
        <translation>New group or friend</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>Add friend</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Pin to top</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Mute notifications</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a friend to say hello, or start a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions of me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until I turn it back on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::CodeField</name>
    <message>
        <source>6-digit code</source>
        <translation type="unfinished">6-digit code</translation>
    </message>
</context>
<context>
    <name>parley::Composer</name>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Write a message</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message numerus="yes">
        <source>The message is too long by %n character(s).</source>
        <translation>
            <numerusform>The message is too long by %n character.</numerusform>
            <numerusform>The message is too long by %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>all</source>
        <comment>the @-mention that means everyone in the group</comment>
        <translation>all</translation>
    </message>
    <message>
        <source>Send a picture or a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a voice message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No microphone found on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording… %1 — click the microphone to send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ComposerBar</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ConnectionBanner</name>
    <message>
        <source>Retry now</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Updating messages…</source>
        <translation>Updating messages…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Not connected.</translation>
    </message>
</context>
<context>
    <name>parley::ContactsPage</name>
    <message>
        <source>New friends</source>
        <translation>New friends</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>Add friend</translation>
    </message>
    <message>
        <source>Pick a friend, or see who wants to be your friend under New friends.</source>
        <translation>Pick a friend, or see who wants to be your friend under New friends.</translation>
    </message>
    <message>
        <source>No friends yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friends find you by your phone number or your Parley ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy my ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::DeleteAccountDialog</name>
    <message>
        <source>Delete my account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete your account for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone. Your profile, friends, friend requests, settings and the files you sent are deleted from the server, and you leave your groups (a group you own passes to its next admin or longest member). Every device logged in to this account is logged out and forgets it.

Messages you sent stay with the people you sent them to, shown as from &quot;Deleted account&quot;. Your phone number is free to make a new account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, Parley sends a code to the phone number of this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation type="unfinished">Sending the code…</translation>
    </message>
    <message>
        <source>A code is on its way to your phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend in %1 s</source>
        <translation type="unfinished">Resend in %1 s</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished">Send again</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation type="unfinished">Send code</translation>
    </message>
</context>
<context>
    <name>parley::DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ErrorText</name>
    <message>
        <source>Enter the number with its country code, for example +86 138 0013 8000.</source>
        <translation>Enter the number with its country code, for example +86 138 0013 8000.</translation>
    </message>
    <message>
        <source>That code is not right. Check the message and try again.</source>
        <translation>That code is not right. Check the message and try again.</translation>
    </message>
    <message>
        <source>The code has expired. Ask for a new one.</source>
        <translation>The code has expired. Ask for a new one.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new one.</source>
        <translation>Too many wrong codes. Ask for a new one.</translation>
    </message>
    <message numerus="yes">
        <source>Too many tries. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many tries. Try again in %n second.</numerusform>
            <numerusform>Too many tries. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many tries. Try again later.</source>
        <translation>Too many tries. Try again later.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check your connection.</source>
        <translation>The server cannot be reached. Check your connection.</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified, so Parley did not connect.</source>
        <translation>The server&apos;s identity could not be verified, so Parley did not connect.</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>The connection to the server was lost.</translation>
    </message>
    <message>
        <source>The server ended this login. Please log in again.</source>
        <translation>The server ended this login. Please log in again.</translation>
    </message>
    <message>
        <source>You logged in on another computer, so this one was logged out. Please log in again to use it here.</source>
        <translation>You logged in on another computer, so this one was logged out. Please log in again to use it here.</translation>
    </message>
    <message>
        <source>This computer was logged out from another of your devices.</source>
        <translation>This computer was logged out from another of your devices.</translation>
    </message>
    <message>
        <source>The server is having trouble. Try again in a moment.</source>
        <translation>The server is having trouble. Try again in a moment.</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>The message is too long.</translation>
    </message>
    <message>
        <source>There is no user with this ID.</source>
        <translation>There is no user with this ID.</translation>
    </message>
    <message>
        <source>Messages can only be recalled for a short time after they were sent.</source>
        <translation>Messages can only be recalled for a short time after they were sent.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>You are not allowed to do that.</translation>
    </message>
    <message>
        <source>There is no keychain on this computer, so Parley cannot remember your login after you quit.</source>
        <translation>There is no keychain on this computer, so Parley cannot remember your login after you quit.</translation>
    </message>
    <message>
        <source>Parley could not save data on this computer.</source>
        <translation>Parley could not save data on this computer.</translation>
    </message>
    <message>
        <source>The data on this computer was written by a newer version of Parley.</source>
        <translation>The data on this computer was written by a newer version of Parley.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Something went wrong (%1).</translation>
    </message>
    <message>
        <source>You are not a member of this group.</source>
        <translation>You are not a member of this group.</translation>
    </message>
    <message>
        <source>Add this person as a friend first.</source>
        <translation>Add this person as a friend first.</translation>
    </message>
    <message>
        <source>This person is not accepting that from you.</source>
        <translation>This person is not accepting that from you.</translation>
    </message>
    <message>
        <source>The group is full.</source>
        <translation>The group is full.</translation>
    </message>
    <message>
        <source>You are friends already.</source>
        <translation>You are friends already.</translation>
    </message>
    <message>
        <source>You cannot do that to yourself.</source>
        <translation>You cannot do that to yourself.</translation>
    </message>
    <message>
        <source>This friend request has expired. Send one yourself instead.</source>
        <translation>This friend request has expired. Send one yourself instead.</translation>
    </message>
    <message>
        <source>This friend request was already answered.</source>
        <translation>This friend request was already answered.</translation>
    </message>
    <message>
        <source>This group was dismissed.</source>
        <translation>This group was dismissed.</translation>
    </message>
    <message>
        <source>Your storage on the server is full. Delete or recall files you sent, or ask the server&apos;s administrator for more room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no room for this file right now. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not confirm this file. Try sending it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file arrived damaged, so Parley did not keep it. Try downloading it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read any more: it was moved, deleted or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no room left on this computer for the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write in this group right now: an admin muted it or you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is suspended by the server&apos;s administrator. Ask them why, or to lift it.</source>
        <translation>This account is suspended by the server&apos;s administrator. Ask them why, or to lift it.</translation>
    </message>
    <message>
        <source>This person deleted their account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something you entered is not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in a call already. Hang up first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ForwardDialog</name>
    <message>
        <source>One by one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As one chat history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished">Send</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send (%n)</source>
        <translation>
            <numerusform>Send (%n)</numerusform>
            <numerusform>Send (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished">Sending…</translation>
    </message>
</context>
<context>
    <name>parley::FriendPicker</name>
    <message>
        <source>Search friends</source>
        <translation>Search friends</translation>
    </message>
</context>
<context>
    <name>parley::FriendRequestsView</name>
    <message>
        <source>New friends</source>
        <translation>New friends</translation>
    </message>
    <message>
        <source>No friend requests yet. Add friends by their phone number or ID.</source>
        <translation>No friend requests yet. Add friends by their phone number or ID.</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>Waiting for an answer</translation>
    </message>
</context>
<context>
    <name>parley::GroupDetailsDialog</name>
    <message>
        <source>%1 · Owner</source>
        <translation>%1 · Owner</translation>
    </message>
    <message>
        <source>%1 · Admin</source>
        <translation>%1 · Admin</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Add members</source>
        <translation>Add members</translation>
    </message>
    <message>
        <source>Group details</source>
        <translation>Group details</translation>
    </message>
    <message>
        <source>No announcement</source>
        <translation>No announcement</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Announcement</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss group</source>
        <translation>Dismiss group</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Leave group</translation>
    </message>
    <message>
        <source>This group was dismissed.</source>
        <translation>This group was dismissed.</translation>
    </message>
    <message>
        <source>You are no longer in this group.</source>
        <translation>You are no longer in this group.</translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation>Make admin</translation>
    </message>
    <message>
        <source>Remove admin</source>
        <translation>Remove admin</translation>
    </message>
    <message>
        <source>Make owner</source>
        <translation>Make owner</translation>
    </message>
    <message>
        <source>Make %1 the owner of this group? You will become a member.</source>
        <translation>Make %1 the owner of this group? You will become a member.</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Remove from group</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Remove %1 from this group?</source>
        <translation>Remove %1 from this group?</translation>
    </message>
    <message>
        <source>Dismiss &quot;%1&quot; for everyone? Members keep the history but nobody can write any more.</source>
        <translation>Dismiss &quot;%1&quot; for everyone? Members keep the history but nobody can write any more.</translation>
    </message>
    <message>
        <source>Leave &quot;%1&quot;? You will no longer receive its messages.</source>
        <translation>Leave &quot;%1&quot;? You will no longer receive its messages.</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Mute notifications</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>All your friends are in this group already.</source>
        <translation>All your friends are in this group already.</translation>
    </message>
    <message numerus="yes">
        <source>Add (%n)</source>
        <translation>
            <numerusform>Add (%n)</numerusform>
            <numerusform>Add (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Change picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner and admins can write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invitations by members need an admin&apos;s approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) to join</source>
        <translation>
            <numerusform>%n request to join</numerusform>
            <numerusform>%n requests to join</numerusform>
        </translation>
    </message>
    <message>
        <source>Let write again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 7 days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::ImageViewer</name>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished">Copy</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::JoinRequestsDialog</name>
    <message>
        <source>Requests to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting to join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
invited by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished">Reject</translation>
    </message>
</context>
<context>
    <name>parley::LoginWindow</name>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Parley — Log in</source>
        <translation>Parley — Log in</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Log in to Parley</source>
        <translation>Log in to Parley</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>Sending the code…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>We sent a code to %1.</source>
        <translation>We sent a code to %1.</translation>
    </message>
    <message>
        <source>Resend in %1 s</source>
        <translation>Resend in %1 s</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>Send code</translation>
    </message>
    <message>
        <source>China</source>
        <translation>China</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>Hong Kong</translation>
    </message>
    <message>
        <source>Macao</source>
        <translation>Macao</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>Taiwan</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>Singapore</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>Japan</translation>
    </message>
    <message>
        <source>South Korea</source>
        <translation>South Korea</translation>
    </message>
    <message>
        <source>United States / Canada</source>
        <translation>United States / Canada</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>United Kingdom</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Germany</translation>
    </message>
    <message>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>Australia</translation>
    </message>
    <message>
        <source>Other (type +code)</source>
        <translation>Other (type +code)</translation>
    </message>
    <message>
        <source>SHA-256, from the server&apos;s ready line</source>
        <translation>SHA-256, from the server&apos;s ready line</translation>
    </message>
    <message>
        <source>We&apos;ll send a verification code to your phone.</source>
        <translation>We&apos;ll send a verification code to your phone.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>Use this server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
</context>
<context>
    <name>parley::MainWindow</name>
    <message>
        <source>Parley</source>
        <translation>Parley</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>%1 — your ID is %2</source>
        <translation>%1 — your ID is %2</translation>
    </message>
    <message>
        <source>Log out of Parley on this computer? Your messages stay here until you log in again.</source>
        <translation>Log out of Parley on this computer? Your messages stay here until you log in again.</translation>
    </message>
</context>
<context>
    <name>parley::MentionsPanel</name>
    <message>
        <source>Nobody has mentioned you yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions of me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::MessageDelegate</name>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Not sent — right-click to retry</source>
        <translation>Not sent — right-click to retry</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message numerus="yes">
        <source>%n read</source>
        <translation>
            <numerusform>%n read</numerusform>
            <numerusform>%n read</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished">You</translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::NewGroupDialog</name>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Group name (optional)</source>
        <translation>Group name (optional)</translation>
    </message>
    <message numerus="yes">
        <source>Create (%n)</source>
        <translation>
            <numerusform>Create (%n)</numerusform>
            <numerusform>Create (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
</context>
<context>
    <name>parley::Notifier</name>
    <message>
        <source>Parley</source>
        <translation>Parley</translation>
    </message>
    <message>
        <source>You have a new message</source>
        <translation>You have a new message</translation>
    </message>
    <message numerus="yes">
        <source>Parley — %n unread message(s)</source>
        <translation>
            <numerusform>Parley — %n unread message</numerusform>
            <numerusform>Parley — %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Parley</source>
        <translation>Open Parley</translation>
    </message>
    <message>
        <source>Quit Parley</source>
        <translation>Quit Parley</translation>
    </message>
</context>
<context>
    <name>parley::ProfileCard</name>
    <message>
        <source>Send message</source>
        <translation>Send message</translation>
    </message>
    <message>
        <source>Delete friend</source>
        <translation>Delete friend</translation>
    </message>
    <message>
        <source>Add a remark only you see</source>
        <translation>Add a remark only you see</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Remark</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Delete %1 from your friends? You will no longer be able to chat unless you share a group.</source>
        <translation>Delete %1 from your friends? You will no longer be able to chat unless you share a group.</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Nickname: %1 · ID: %2</source>
        <translation>Nickname: %1 · ID: %2</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Unblock</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>parley::SelectionBar</name>
    <message>
        <source>Forward…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished">Copy</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation type="unfinished">Delete from this computer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>parley::SettingsPage</name>
    <message>
        <source>People can find me by my phone number</source>
        <translation>People can find me by my phone number</translation>
    </message>
    <message>
        <source>Also delete this account&apos;s messages from this computer</source>
        <translation>Also delete this account&apos;s messages from this computer</translation>
    </message>
    <message>
        <source>A few words about you</source>
        <translation>A few words about you</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter sends, Enter starts a new line</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>Log out all other devices</source>
        <translation>Log out all other devices</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Your Parley ID: %1</source>
        <translation>Your Parley ID: %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>this computer</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <source>Show a desktop notification for new messages</source>
        <translation>Show a desktop notification for new messages</translation>
    </message>
    <message>
        <source>Show the message in the notification</source>
        <translation>Show the message in the notification</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Not logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media and storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache not cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download pictures and voice by themselves up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media kept on this computer, at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media on this computer now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show when I am typing, and see when others are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who sees when I am online or was last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It works both ways: whom you do not show it to, you see only roughly, as &quot;last seen recently&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My friends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay quiet while I use Parley on another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete account…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::UserProfile</name>
    <message>
        <source>Deleted account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parley::WelcomeWindow</name>
    <message>
        <source>Choose a picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parley — Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Parley</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the name your friends will see. You can change it later in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be uploaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
