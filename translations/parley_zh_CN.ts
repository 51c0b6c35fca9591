<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Login not remembered</source>
        <translation>无法记住登录</translation>
    </message>
</context>
<context>
    <name>parley::ChatWindow</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Parley</source>
        <translation>Parley</translation>
    </message>
    <message>
        <source>Your ID: %1</source>
        <translation>你的 ID：%1</translation>
    </message>
    <message>
        <source>User ID of the person to chat with</source>
        <translation>对方的用户 ID</translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation>打开聊天</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>输入消息 —— Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
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
        <source>Waiting to reconnect: %1</source>
        <translation>等待重新连接：%1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
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
    <message>
        <source>The code has 6 digits.</source>
        <translation>验证码为 6 位数字。</translation>
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
        <source>+86 138 0013 8000</source>
        <translation>+86 138 0013 8000</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6 位验证码</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>验证码</translation>
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
</context>
<context>
    <name>parley::MessageListModel</name>
    <message>
        <source>You recalled a message</source>
        <translation>你撤回了一条消息</translation>
    </message>
    <message>
        <source>This message was recalled</source>
        <translation>对方撤回了一条消息</translation>
    </message>
</context>
</TS>
