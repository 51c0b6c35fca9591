<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HistoryCard</name>
    <message>
        <source>Chat history</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>MediaPainter</name>
    <message>
        <source>%1 · Waiting…</source>
        <translation>%1 · 等待中…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 · Paused</source>
        <translation>%1 · 已暂停</translation>
    </message>
    <message>
        <source>%1 · Download failed — click to retry</source>
        <translation>%1 · 下载失败，点击重试</translation>
    </message>
    <message>
        <source>%1 · Click to download</source>
        <translation>%1 · 点击下载</translation>
    </message>
    <message>
        <source>Click to retry</source>
        <translation>点击重试</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open · Show in folder</source>
        <translation>打开 · 在文件夹中显示</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Open · </source>
        <translation>打开 · </translation>
    </message>
    <message>
        <source>%1 · Not sent — click to send again</source>
        <translation>%1 · 未发送 — 点击重新发送</translation>
    </message>
    <message>
        <source>Not sent — click to send again</source>
        <translation>未发送 — 点击重新发送</translation>
    </message>
    <message>
        <source>Picture on the web</source>
        <translation>网络图片</translation>
    </message>
    <message>
        <source>%1% · Paused</source>
        <translation>%1% · 已暂停</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>[@you]</source>
        <translation>[有人@我]</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>You recalled a message</source>
        <translation>你撤回了一条消息</translation>
    </message>
    <message>
        <source>%1 recalled a message</source>
        <translation>%1撤回了一条消息</translation>
    </message>
    <message>
        <source>%1 created the group &quot;%2&quot;</source>
        <translation>%1创建了群聊“%2”</translation>
    </message>
    <message>
        <source>%1 added %2 to the group</source>
        <translation>%1邀请%2加入了群聊</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>%1退出了群聊</translation>
    </message>
    <message>
        <source>%1 removed %2 from the group</source>
        <translation>%1将%2移出了群聊</translation>
    </message>
    <message>
        <source>%1 renamed the group to &quot;%2&quot;</source>
        <translation>%1将群名改为“%2”</translation>
    </message>
    <message>
        <source>%1 updated the announcement: %2</source>
        <translation>%1更新了群公告：%2</translation>
    </message>
    <message>
        <source>%1 made %2 the group owner</source>
        <translation>%1将群主转让给%2</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1将%2设为管理员</translation>
    </message>
    <message>
        <source>%1 is no longer an admin</source>
        <translation>%1不再是管理员</translation>
    </message>
    <message>
        <source>%1 dismissed the group</source>
        <translation>%1解散了群聊</translation>
    </message>
    <message>
        <source>[Location]</source>
        <translation>[位置]</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>[Draft]</source>
        <translation>[草稿]</translation>
    </message>
    <message>
        <source>[Photo]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <source>[File] %1</source>
        <translation>[文件] %1</translation>
    </message>
    <message>
        <source>[Voice] %1</source>
        <translation>[语音] %1</translation>
    </message>
    <message>
        <source>[Video] %1</source>
        <translation>[视频] %1</translation>
    </message>
    <message>
        <source>Sending %1% · %2</source>
        <translation>正在发送 %1% · %2</translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation>[视频]</translation>
    </message>
    <message>
        <source>%1 removed the group picture</source>
        <translation>%1 移除了群头像</translation>
    </message>
    <message>
        <source>%1 changed the group picture</source>
        <translation>%1 修改了群头像</translation>
    </message>
    <message>
        <source>Paused %1% · %2</source>
        <translation>已暂停 %1% · %2</translation>
    </message>
    <message>
        <source>The quoted message was recalled</source>
        <translation>引用的消息已撤回</translation>
    </message>
    <message>
        <source>[Voice]</source>
        <translation>[语音]</translation>
    </message>
    <message>
        <source>[Chat history] %1</source>
        <translation>[聊天记录] %1</translation>
    </message>
    <message>
        <source>%1 muted the group: only the owner and admins can write</source>
        <translation>%1开启了全员禁言：仅群主和管理员可以发言</translation>
    </message>
    <message>
        <source>%1 unmuted the group: everyone can write again</source>
        <translation>%1关闭了全员禁言：所有人都可以发言了</translation>
    </message>
    <message>
        <source>%1 muted %2 until %3</source>
        <translation>%1将%2禁言至 %3</translation>
    </message>
    <message>
        <source>%1 unmuted %2</source>
        <translation>%1解除了%2的禁言</translation>
    </message>
    <message>
        <source>%1 turned on approval: new members invited by members wait for an admin</source>
        <translation>%1开启了入群审批：成员邀请的新成员需管理员同意</translation>
    </message>
    <message>
        <source>%1 turned off approval: members add new members at once</source>
        <translation>%1关闭了入群审批：成员可直接邀请新成员</translation>
    </message>
    <message>
        <source>%1 invited %2, who will join once an admin approves</source>
        <translation>%1邀请了%2，管理员同意后即可入群</translation>
    </message>
    <message>
        <source>%1 declined %2&apos;s joining</source>
        <translation>%1拒绝了%2的入群申请</translation>
    </message>
    <message>
        <source>Voice call declined</source>
        <translation>对方已拒绝语音通话</translation>
    </message>
    <message>
        <source>Video call declined</source>
        <translation>对方已拒绝视频通话</translation>
    </message>
    <message>
        <source>You declined a voice call</source>
        <translation>你拒绝了语音通话</translation>
    </message>
    <message>
        <source>You declined a video call</source>
        <translation>你拒绝了视频通话</translation>
    </message>
    <message>
        <source>Missed voice call</source>
        <translation>未接语音通话</translation>
    </message>
    <message>
        <source>Missed video call</source>
        <translation>未接视频通话</translation>
    </message>
    <message>
        <source>Voice call cancelled</source>
        <translation>已取消语音通话</translation>
    </message>
    <message>
        <source>Video call cancelled</source>
        <translation>已取消视频通话</translation>
    </message>
    <message>
        <source>Voice call not answered</source>
        <translation>语音通话无人接听</translation>
    </message>
    <message>
        <source>Video call not answered</source>
        <translation>视频通话无人接听</translation>
    </message>
    <message>
        <source>%1 was in another call</source>
        <translation>%1 正在通话中</translation>
    </message>
    <message>
        <source>%1 was not online</source>
        <translation>%1 不在线</translation>
    </message>
    <message>
        <source>Voice call %1</source>
        <translation>语音通话 %1</translation>
    </message>
    <message>
        <source>Video call %1</source>
        <translation>视频通话 %1</translation>
    </message>
</context>
<context>
    <name>PresenceText</name>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>今天 %1 在线过</translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation>昨天 %1 在线过</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>%1 在线过</translation>
    </message>
    <message>
        <source>last seen recently</source>
        <translation>最近在线</translation>
    </message>
    <message>
        <source>last seen within a week</source>
        <translation>一周内在线过</translation>
    </message>
    <message>
        <source>last seen within a month</source>
        <translation>一个月内在线过</translation>
    </message>
    <message>
        <source>last seen a long time ago</source>
        <translation>很久没有上线</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>昨天 %1</translation>
    </message>
</context>
<context>
    <name>parley::AddFriendDialog</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>发送申请</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <source>Phone number with country code, or Parley ID</source>
        <translation>带国家代码的手机号，或 Parley 号</translation>
    </message>
    <message>
        <source>Hi, I&apos;m %1</source>
        <translation>你好，我是%1</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>打招呼</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Nobody found. Check the number (with its country code) or the ID.</source>
        <translation>没有找到该用户，请检查手机号（含国家代码）或 ID。</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
</context>
<context>
    <name>parley::AppController</name>
    <message>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Login not remembered</source>
        <translation>无法记住登录</translation>
    </message>
    <message>
        <source>Account deleted</source>
        <translation>账号已注销</translation>
    </message>
    <message>
        <source>This account was deleted, and what this computer kept of it was removed.</source>
        <translation>此账号已注销，这台电脑上保存的该账号数据已一并删除。</translation>
    </message>
</context>
<context>
    <name>parley::AttachDialog</name>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message numerus="yes">
        <source>Send %n files</source>
        <translation>
            <numerusform>发送 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 are sent.</source>
        <translation>只发送前 %1 个。</translation>
    </message>
    <message>
        <source>Send as file (original quality, no compression)</source>
        <translation>以文件发送（原图，不压缩）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>%1 · video %2</source>
        <translation>%1 · 视频 %2</translation>
    </message>
</context>
<context>
    <name>parley::AvatarCropDialog</name>
    <message>
        <source>Set picture</source>
        <translation>设置头像</translation>
    </message>
    <message>
        <source>Drag to move the picture; zoom with the slider or the mouse wheel.</source>
        <translation>拖动以移动图片；用滑块或鼠标滚轮缩放。</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Not a picture</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <source>This file cannot be read as a picture.</source>
        <translation>无法将此文件作为图片读取。</translation>
    </message>
</context>
<context>
    <name>parley::CallWindow</name>
    <message>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>等待对方接听…</translation>
    </message>
    <message>
        <source>Incoming video call</source>
        <translation>邀请你视频通话</translation>
    </message>
    <message>
        <source>Incoming voice call</source>
        <translation>邀请你语音通话</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>连接中断，正在重连…</translation>
    </message>
    <message>
        <source>Answered on another device</source>
        <translation>已在其他设备上接听</translation>
    </message>
    <message>
        <source>Call ended · %1</source>
        <translation>通话结束 · %1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>通话结束</translation>
    </message>
    <message>
        <source>Call cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>未接来电</translation>
    </message>
    <message>
        <source>You declined the call</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Call declined</source>
        <translation>对方已拒绝</translation>
    </message>
    <message>
        <source>Busy: in another call</source>
        <translation>对方忙线中</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>对方无应答</translation>
    </message>
    <message>
        <source>Not reachable: not online on any device</source>
        <translation>对方不在线，无法接通</translation>
    </message>
    <message>
        <source>The connection was lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>The call could not connect</source>
        <translation>通话未能接通</translation>
    </message>
    <message>
        <source>Unmute the microphone</source>
        <translation>打开麦克风</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>关闭麦克风</translation>
    </message>
    <message>
        <source>Turn the camera off</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <source>Turn the camera on</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Answer with voice</source>
        <translation>语音接听</translation>
    </message>
    <message>
        <source>Answer with video</source>
        <translation>视频接听</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Microphone, speaker and camera</source>
        <translation>麦克风、扬声器和摄像头</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
</context>
<context>
    <name>parley::ChatMedia</name>
    <message>
        <source>Voice message</source>
        <translation>语音消息</translation>
    </message>
    <message>
        <source>This voice message cannot be played on this computer.</source>
        <translation>这台电脑无法播放这条语音消息。</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>The pasted picture could not be saved for sending.</source>
        <translation>粘贴的图片无法保存，未能发送。</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>No application on this computer opens this kind of file.</source>
        <translation>这台电脑上没有能打开这类文件的程序。</translation>
    </message>
    <message>
        <source>This file is larger than the server accepts.</source>
        <translation>文件超过了服务器允许的大小。</translation>
    </message>
</context>
<context>
    <name>parley::ChatView</name>
    <message>
        <source>Pick a chat</source>
        <translation>选择一个聊天</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Not recalled</source>
        <translation>未能撤回</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) ↓</source>
        <translation>
            <numerusform>%n 条新消息 ↓</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>选择文字</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation>从这台电脑删除</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Newest ↓</source>
        <translation>最新消息 ↓</translation>
    </message>
    <message>
        <source>Message not found</source>
        <translation>找不到这条消息</translation>
    </message>
    <message>
        <source>The quoted message could not be loaded. Try again when online.</source>
        <translation>无法加载引用的消息，请联网后重试。</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Not edited</source>
        <translation>未能编辑</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>React</source>
        <translation>回应</translation>
    </message>
    <message>
        <source>No reaction</source>
        <translation>未能回应</translation>
    </message>
    <message>
        <source>recording voice…</source>
        <translation>正在录音…</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>正在输入…</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from this computer? They stay in the chat on your other devices and for everyone else.</source>
        <translation>
            <numerusform>从这台电脑删除 %n 条消息？你的其他设备和其他人仍能看到它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>转发…</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Chat history of %1</source>
        <translation>%1的聊天记录</translation>
    </message>
    <message>
        <source>Chat history of %1 and %2</source>
        <translation>%1和%2的聊天记录</translation>
    </message>
    <message>
        <source>Only the owner and admins can write while the group is muted.</source>
        <translation>全员禁言中，仅群主和管理员可以发言。</translation>
    </message>
    <message>
        <source>An admin muted you in this group until %1.</source>
        <translation>你已被管理员禁言至 %1。</translation>
    </message>
    <message>
        <source>This person deleted their account. What was written here stays; nothing more can be sent.</source>
        <translation>对方已注销账号。这里的聊天记录会保留，但不能再发送消息。</translation>
    </message>
    <message>
        <source>account deleted</source>
        <translation>账号已注销</translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation>语音通话</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>视频通话</translation>
    </message>
</context>
<context>
    <name>parley::ChatsPage</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>New group or friend</source>
        <translation>发起群聊或添加好友</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>发起群聊</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>开启通知</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>消息免打扰</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>不显示该聊天</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation>还没有聊天</translation>
    </message>
    <message>
        <source>Add a friend to say hello, or start a group.</source>
        <translation>加个好友打声招呼，或者发起一个群聊。</translation>
    </message>
    <message>
        <source>Mentions of me</source>
        <translation>@我的消息</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>8 小时</translation>
    </message>
    <message>
        <source>Until I turn it back on</source>
        <translation>直到我手动开启</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>标为未读</translation>
    </message>
</context>
<context>
    <name>parley::CodeField</name>
    <message>
        <source>6-digit code</source>
        <translation>6 位验证码</translation>
    </message>
</context>
<context>
    <name>parley::Composer</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>输入消息</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message numerus="yes">
        <source>The message is too long by %n character(s).</source>
        <translation>
            <numerusform>消息超出了 %n 个字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>表情</translation>
    </message>
    <message>
        <source>all</source>
        <comment>the @-mention that means everyone in the group</comment>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Send a picture or a file</source>
        <translation>发送图片或文件</translation>
    </message>
    <message>
        <source>Picture…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Record a voice message</source>
        <translation>录制语音消息</translation>
    </message>
    <message>
        <source>No microphone found on this computer</source>
        <translation>这台电脑没有麦克风</translation>
    </message>
    <message>
        <source>Send pictures</source>
        <translation>发送图片</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>The microphone cannot be used.</source>
        <translation>麦克风无法使用。</translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation>发送语音消息</translation>
    </message>
    <message>
        <source>Recording… %1 — click the microphone to send</source>
        <translation>正在录音… %1 — 再点麦克风发送</translation>
    </message>
</context>
<context>
    <name>parley::ComposerBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>回复 %1</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
</context>
<context>
    <name>parley::ConnectionBanner</name>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Updating messages…</source>
        <translation>正在收取消息…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
</context>
<context>
    <name>parley::ContactsPage</name>
    <message>
        <source>New friends</source>
        <translation>新的朋友</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <source>Pick a friend, or see who wants to be your friend under New friends.</source>
        <translation>选择一位好友，或在“新的朋友”里查看好友申请。</translation>
    </message>
    <message>
        <source>No friends yet</source>
        <translation>还没有好友</translation>
    </message>
    <message>
        <source>Friends find you by your phone number or your Parley ID:</source>
        <translation>好友可以通过你的手机号或 Parley 号找到你：</translation>
    </message>
    <message>
        <source>Copy my ID</source>
        <translation>复制我的 Parley 号</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>parley::DeleteAccountDialog</name>
    <message>
        <source>Delete my account</source>
        <translation>注销我的账号</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>注销账号</translation>
    </message>
    <message>
        <source>Delete your account for good?</source>
        <translation>确定永久注销你的账号吗？</translation>
    </message>
    <message>
        <source>This cannot be undone. Your profile, friends, friend requests, settings and the files you sent are deleted from the server, and you leave your groups (a group you own passes to its next admin or longest member). Every device logged in to this account is logged out and forgets it.

Messages you sent stay with the people you sent them to, shown as from &quot;Deleted account&quot;. Your phone number is free to make a new account.</source>
        <translation>此操作无法撤销。你的资料、好友、好友申请、设置和你发送过的文件都会从服务器上删除，你也会退出所有群聊（你创建的群会转给下一位管理员或入群最早的成员）。登录此账号的所有设备都会退出登录并清除该账号。

你发出的消息仍会保留在对方那里，显示为来自“已注销的账号”。你的手机号可以用来注册新账号。</translation>
    </message>
    <message>
        <source>To confirm, Parley sends a code to the phone number of this account.</source>
        <translation>为确认是你本人操作，Parley 会向此账号绑定的手机号发送验证码。</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>正在发送验证码…</translation>
    </message>
    <message>
        <source>A code is on its way to your phone.</source>
        <translation>验证码已发送到你的手机。</translation>
    </message>
    <message>
        <source>Deleting the account…</source>
        <translation>正在注销账号…</translation>
    </message>
    <message>
        <source>Resend in %1 s</source>
        <translation>%1 秒后重发</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>获取验证码</translation>
    </message>
</context>
<context>
    <name>parley::DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>parley::ErrorText</name>
    <message>
        <source>Enter the number with its country code, for example +86 138 0013 8000.</source>
        <translation>请输入带国家代码的手机号，例如 +86 138 0013 8000。</translation>
    </message>
    <message>
        <source>That code is not right. Check the message and try again.</source>
        <translation>验证码不正确，请核对短信后重试。</translation>
    </message>
    <message>
        <source>The code has expired. Ask for a new one.</source>
        <translation>验证码已过期，请重新获取。</translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new one.</source>
        <translation>验证码错误次数过多，请重新获取。</translation>
    </message>
    <message numerus="yes">
        <source>Too many tries. Try again in %n second(s).</source>
        <translation>
            <numerusform>尝试次数过多，请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many tries. Try again later.</source>
        <translation>尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check your connection.</source>
        <translation>无法连接服务器，请检查网络。</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified, so Parley did not connect.</source>
        <translation>无法验证服务器的身份，Parley 没有连接。</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <source>The server ended this login. Please log in again.</source>
        <translation>服务器已结束本次登录，请重新登录。</translation>
    </message>
    <message>
        <source>You logged in on another computer, so this one was logged out. Please log in again to use it here.</source>
        <translation>你在另一台电脑上登录了，这台电脑已退出登录。如需在这里使用，请重新登录。</translation>
    </message>
    <message>
        <source>This computer was logged out from another of your devices.</source>
        <translation>你在另一台设备上让这台电脑退出了登录。</translation>
    </message>
    <message>
        <source>The server is having trouble. Try again in a moment.</source>
        <translation>服务器出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>消息太长。</translation>
    </message>
    <message>
        <source>There is no user with this ID.</source>
        <translation>没有这个 ID 的用户。</translation>
    </message>
    <message>
        <source>Messages can only be recalled for a short time after they were sent.</source>
        <translation>消息只能在发送后的短时间内撤回。</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>你没有权限进行此操作。</translation>
    </message>
    <message>
        <source>There is no keychain on this computer, so Parley cannot remember your login after you quit.</source>
        <translation>此电脑没有钥匙串，退出后 Parley 无法记住你的登录。</translation>
    </message>
    <message>
        <source>Parley could not save data on this computer.</source>
        <translation>Parley 无法在此电脑上保存数据。</translation>
    </message>
    <message>
        <source>The data on this computer was written by a newer version of Parley.</source>
        <translation>此电脑上的数据来自更新版本的 Parley。</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>出现问题（%1）。</translation>
    </message>
    <message>
        <source>You are not a member of this group.</source>
        <translation>你不是这个群的成员。</translation>
    </message>
    <message>
        <source>Add this person as a friend first.</source>
        <translation>请先添加对方为好友。</translation>
    </message>
    <message>
        <source>This person is not accepting that from you.</source>
        <translation>对方拒绝了你的请求。</translation>
    </message>
    <message>
        <source>The group is full.</source>
        <translation>群成员已满。</translation>
    </message>
    <message>
        <source>You are friends already.</source>
        <translation>你们已经是好友了。</translation>
    </message>
    <message>
        <source>You cannot do that to yourself.</source>
        <translation>不能对自己这样操作。</translation>
    </message>
    <message>
        <source>This friend request has expired. Send one yourself instead.</source>
        <translation>这条好友申请已过期，你可以主动发送申请。</translation>
    </message>
    <message>
        <source>This friend request was already answered.</source>
        <translation>这条好友申请已处理。</translation>
    </message>
    <message>
        <source>This group was dismissed.</source>
        <translation>该群已解散。</translation>
    </message>
    <message>
        <source>Your storage on the server is full. Delete or recall files you sent, or ask the server&apos;s administrator for more room.</source>
        <translation>你在服务器上的存储空间已满。请撤回已发送的文件，或向服务器管理员申请更多空间。</translation>
    </message>
    <message>
        <source>The server has no room for this file right now. Try again later.</source>
        <translation>服务器暂时没有空间存放这个文件，请稍后再试。</translation>
    </message>
    <message>
        <source>The server could not confirm this file. Try sending it again.</source>
        <translation>服务器无法确认这个文件，请重新发送。</translation>
    </message>
    <message>
        <source>The file arrived damaged, so Parley did not keep it. Try downloading it again.</source>
        <translation>文件在传输中损坏，Parley 没有保存它。请重新下载。</translation>
    </message>
    <message>
        <source>The file cannot be read any more: it was moved, deleted or changed.</source>
        <translation>文件已无法读取：它被移动、删除或修改了。</translation>
    </message>
    <message>
        <source>There is no room left on this computer for the file.</source>
        <translation>这台电脑没有足够的空间存放这个文件。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>You cannot write in this group right now: an admin muted it or you.</source>
        <translation>你现在无法在这个群里发言：管理员开启了全员禁言或禁言了你。</translation>
    </message>
    <message>
        <source>This account is suspended by the server&apos;s administrator. Ask them why, or to lift it.</source>
        <translation>此账号已被服务器管理员停用。请向管理员询问原因，或请其恢复。</translation>
    </message>
    <message>
        <source>This person deleted their account.</source>
        <translation>对方已注销账号。</translation>
    </message>
    <message>
        <source>Something you entered is not allowed here.</source>
        <translation>输入的内容不符合要求。</translation>
    </message>
    <message>
        <source>You are in a call already. Hang up first.</source>
        <translation>你正在通话中，请先挂断。</translation>
    </message>
</context>
<context>
    <name>parley::ForwardDialog</name>
    <message>
        <source>One by one</source>
        <translation>逐条转发</translation>
    </message>
    <message>
        <source>As one chat history</source>
        <translation>合并转发</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>转发</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索聊天</translation>
    </message>
    <message numerus="yes">
        <source>Send (%n)</source>
        <translation>
            <numerusform>发送（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
</context>
<context>
    <name>parley::FriendPicker</name>
    <message>
        <source>Search friends</source>
        <translation>搜索好友</translation>
    </message>
</context>
<context>
    <name>parley::FriendRequestsView</name>
    <message>
        <source>New friends</source>
        <translation>新的朋友</translation>
    </message>
    <message>
        <source>No friend requests yet. Add friends by their phone number or ID.</source>
        <translation>还没有好友申请。可以通过手机号或 ID 添加好友。</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>等待验证</translation>
    </message>
</context>
<context>
    <name>parley::GroupDetailsDialog</name>
    <message>
        <source>%1 · Owner</source>
        <translation>%1 · 群主</translation>
    </message>
    <message>
        <source>%1 · Admin</source>
        <translation>%1 · 管理员</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Add members</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Group details</source>
        <translation>群聊信息</translation>
    </message>
    <message>
        <source>No announcement</source>
        <translation>暂无公告</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>群公告</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss group</source>
        <translation>解散群聊</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>退出群聊</translation>
    </message>
    <message>
        <source>This group was dismissed.</source>
        <translation>该群已解散。</translation>
    </message>
    <message>
        <source>You are no longer in this group.</source>
        <translation>你已不在这个群聊中。</translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation>设为管理员</translation>
    </message>
    <message>
        <source>Remove admin</source>
        <translation>取消管理员</translation>
    </message>
    <message>
        <source>Make owner</source>
        <translation>转让群主</translation>
    </message>
    <message>
        <source>Make %1 the owner of this group? You will become a member.</source>
        <translation>将群主转让给 %1？你将成为普通成员。</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>移出群聊</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移出成员</translation>
    </message>
    <message>
        <source>Remove %1 from this group?</source>
        <translation>将 %1 移出群聊？</translation>
    </message>
    <message>
        <source>Dismiss &quot;%1&quot; for everyone? Members keep the history but nobody can write any more.</source>
        <translation>解散“%1”？成员仍可查看聊天记录，但不能再发消息。</translation>
    </message>
    <message>
        <source>Leave &quot;%1&quot;? You will no longer receive its messages.</source>
        <translation>退出“%1”？你将不再收到该群的消息。</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>消息免打扰</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>解散</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>All your friends are in this group already.</source>
        <translation>你的好友都已在群里了。</translation>
    </message>
    <message numerus="yes">
        <source>Add (%n)</source>
        <translation>
            <numerusform>添加（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Change picture…</source>
        <translation>更换头像…</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>移除头像</translation>
    </message>
    <message>
        <source>Only the owner and admins can write</source>
        <translation>全员禁言（仅群主和管理员可发言）</translation>
    </message>
    <message>
        <source>Invitations by members need an admin&apos;s approval</source>
        <translation>成员邀请需管理员审批</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) to join</source>
        <translation>
            <numerusform>%n 条入群申请</numerusform>
        </translation>
    </message>
    <message>
        <source>Let write again</source>
        <translation>解除禁言</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>禁言</translation>
    </message>
    <message>
        <source>For 10 minutes</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>For 1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>For 7 days</source>
        <translation>7 天</translation>
    </message>
</context>
<context>
    <name>parley::ImageViewer</name>
    <message>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>无法显示这张图片。</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>The picture could not be saved to %1.</source>
        <translation>图片无法保存到 %1。</translation>
    </message>
</context>
<context>
    <name>parley::JoinRequestsDialog</name>
    <message>
        <source>Requests to join</source>
        <translation>入群申请</translation>
    </message>
    <message>
        <source>Nobody is waiting to join.</source>
        <translation>没有待审批的入群申请。</translation>
    </message>
    <message>
        <source>%1
invited by %2</source>
        <translation>%1
由 %2 邀请</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>parley::LoginWindow</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Parley — Log in</source>
        <translation>Parley —— 登录</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Log in to Parley</source>
        <translation>登录 Parley</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>正在发送验证码…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>We sent a code to %1.</source>
        <translation>验证码已发送至 %1。</translation>
    </message>
    <message>
        <source>Resend in %1 s</source>
        <translation>%1 秒后重发</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>获取验证码</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国大陆</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <source>Macao</source>
        <translation>中国澳门</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>South Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>United States / Canada</source>
        <translation>美国 / 加拿大</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <source>Other (type +code)</source>
        <translation>其他（输入 +区号）</translation>
    </message>
    <message>
        <source>SHA-256, from the server&apos;s ready line</source>
        <translation>SHA-256，见服务器启动时的 ready 行</translation>
    </message>
    <message>
        <source>We&apos;ll send a verification code to your phone.</source>
        <translation>我们会向你的手机发送验证码。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>使用此服务器</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书指纹</translation>
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
        <translation>聊天</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>%1 — your ID is %2</source>
        <translation>%1 —— 你的 ID 是 %2</translation>
    </message>
    <message>
        <source>Log out of Parley on this computer? Your messages stay here until you log in again.</source>
        <translation>确定在这台电脑上退出 Parley 吗？聊天记录会保留，再次登录即可看到。</translation>
    </message>
</context>
<context>
    <name>parley::MentionsPanel</name>
    <message>
        <source>Nobody has mentioned you yet.</source>
        <translation>还没有人@你。</translation>
    </message>
    <message>
        <source>Mentions of me</source>
        <translation>@我的消息</translation>
    </message>
</context>
<context>
    <name>parley::MessageDelegate</name>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>Not sent — right-click to retry</source>
        <translation>发送失败——右键重发</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message numerus="yes">
        <source>%n read</source>
        <translation>
            <numerusform>%n 人已读</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>以下为未读消息</translation>
    </message>
    <message>
        <source>Edited · %1</source>
        <translation>已编辑 · %1</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>parley::NewGroupDialog</name>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>发起群聊</translation>
    </message>
    <message>
        <source>Group name (optional)</source>
        <translation>群名称（可不填）</translation>
    </message>
    <message numerus="yes">
        <source>Create (%n)</source>
        <translation>
            <numerusform>创建（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
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
        <translation>你收到了一条新消息</translation>
    </message>
    <message numerus="yes">
        <source>Parley — %n unread message(s)</source>
        <translation>
            <numerusform>Parley —— %n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Parley</source>
        <translation>打开 Parley</translation>
    </message>
    <message>
        <source>Quit Parley</source>
        <translation>退出 Parley</translation>
    </message>
</context>
<context>
    <name>parley::ProfileCard</name>
    <message>
        <source>Send message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <source>Delete friend</source>
        <translation>删除好友</translation>
    </message>
    <message>
        <source>Add a remark only you see</source>
        <translation>添加备注（仅自己可见）</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>个性签名</translation>
    </message>
    <message>
        <source>Delete %1 from your friends? You will no longer be able to chat unless you share a group.</source>
        <translation>将 %1 从好友中删除？除非在同一个群里，你们将无法再聊天。</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>Nickname: %1 · ID: %2</source>
        <translation>昵称：%1 · ID：%2</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>取消拉黑</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>拉黑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>parley::SelectionBar</name>
    <message>
        <source>Forward…</source>
        <translation>转发…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation>从这台电脑删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>parley::SettingsPage</name>
    <message>
        <source>People can find me by my phone number</source>
        <translation>允许别人通过手机号找到我</translation>
    </message>
    <message>
        <source>Also delete this account&apos;s messages from this computer</source>
        <translation>同时删除这台电脑上该账号的聊天记录</translation>
    </message>
    <message>
        <source>A few words about you</source>
        <translation>介绍一下自己</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Log out all other devices</source>
        <translation>退出其他所有设备</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>个性签名</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>登录设备</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Your Parley ID: %1</source>
        <translation>你的 Parley 号：%1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>最近在线 %1</translation>
    </message>
    <message>
        <source>Show a desktop notification for new messages</source>
        <translation>新消息时显示桌面通知</translation>
    </message>
    <message>
        <source>Show the message in the notification</source>
        <translation>通知中显示消息内容</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Not logged out</source>
        <translation>未能退出登录</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Media and storage</source>
        <translation>媒体与存储</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation>清除缓存</translation>
    </message>
    <message>
        <source>Cache not cleared</source>
        <translation>缓存未清除</translation>
    </message>
    <message>
        <source>Download pictures and voice by themselves up to</source>
        <translation>自动下载图片和语音，不超过</translation>
    </message>
    <message>
        <source>Media kept on this computer, at most</source>
        <translation>本机保留的媒体，最多</translation>
    </message>
    <message>
        <source>Media on this computer now</source>
        <translation>本机当前的媒体</translation>
    </message>
    <message>
        <source>Change picture…</source>
        <translation>更换头像…</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>移除头像</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <source>Picture not changed</source>
        <translation>头像未更改</translation>
    </message>
    <message>
        <source>Show when I am typing, and see when others are</source>
        <translation>让对方看到我正在输入，我也能看到对方的</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Who sees when I am online or was last</source>
        <translation>谁可以看到我的在线状态</translation>
    </message>
    <message>
        <source>It works both ways: whom you do not show it to, you see only roughly, as &quot;last seen recently&quot;.</source>
        <translation>这是双向的：你不向谁显示，也只能大致看到对方的状态，比如“最近在线”。</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>My friends</source>
        <translation>我的好友</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>没有人</translation>
    </message>
    <message>
        <source>Stay quiet while I use Parley on another device</source>
        <translation>在其他设备上使用 Parley 时，本机不弹通知</translation>
    </message>
    <message>
        <source>Delete account…</source>
        <translation>注销账号…</translation>
    </message>
</context>
<context>
    <name>parley::UserProfile</name>
    <message>
        <source>Deleted account</source>
        <translation>已注销的账号</translation>
    </message>
</context>
<context>
    <name>parley::WelcomeWindow</name>
    <message>
        <source>Choose a picture…</source>
        <translation>选择头像…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Parley — Welcome</source>
        <translation>Parley — 欢迎</translation>
    </message>
    <message>
        <source>Welcome to Parley</source>
        <translation>欢迎使用 Parley</translation>
    </message>
    <message>
        <source>Choose the name your friends will see. You can change it later in Settings.</source>
        <translation>设置好友看到的名字，之后可以在设置中修改。</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Choose another picture…</source>
        <translation>换一张头像…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The picture could not be uploaded: %1</source>
        <translation>头像上传失败：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
</TS>
