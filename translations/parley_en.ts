<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <source>Logged out</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>Login not remembered</source>
        <translation>Login not remembered</translation>
    </message>
</context>
<context>
    <name>parley::ChatWindow</name>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Parley</source>
        <translation>Parley</translation>
    </message>
    <message>
        <source>Your ID: %1</source>
        <translation>Your ID: %1</translation>
    </message>
    <message>
        <source>User ID of the person to chat with</source>
        <translation>User ID of the person to chat with</translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation>Open chat</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>Write a message — Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
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
        <source>Waiting to reconnect: %1</source>
        <translation>Waiting to reconnect: %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
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
    <message>
        <source>The code has 6 digits.</source>
        <translation>The code has 6 digits.</translation>
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
        <source>+86 138 0013 8000</source>
        <translation>+86 138 0013 8000</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
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
</context>
<context>
    <name>parley::MessageListModel</name>
    <message>
        <source>You recalled a message</source>
        <translation>You recalled a message</translation>
    </message>
    <message>
        <source>This message was recalled</source>
        <translation>This message was recalled</translation>
    </message>
</context>
</TS>
