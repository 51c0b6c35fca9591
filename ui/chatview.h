#pragma once

#include "core/types/conversationkey.h"
#include "core/types/typingactivity.h"
#include "protocol/error.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTimer;

namespace parley {

class ChatMedia;
class Client;
class Composer;
class GroupMemberModel;
class MessageListModel;
class NameBook;
class ComposerBar;
class SelectionBar;

// The open conversation: its name (and member count in groups), the messages, and the composer. Opens at
// the newest messages from the cache; scrolling to the top loads older pages without moving what is on
// screen; new messages while scrolled up leave the view alone and count on a "new messages" button.
// Marks the conversation read when its newest message is on screen in the active window. A message can be
// answered (Reply in its menu): the composer then quotes it, and a click on a reply's quote goes to the
// original, loading older history if needed, and highlights it for a moment. My text messages can be edited
// (Edit: the composer holds the text until it is sent again). Messages are forwarded from their menu, or
// several at once after Select (SelectionBar); a forwarded chat history's card opens its viewer. In one-to-one chats the peer sees "typing…"
// while I write (and I see theirs) unless the privacy setting is off; otherwise the peer's presence shows
// there ("online", "last seen …"). GUI thread.
class ChatView : public QWidget {
    Q_OBJECT

public:
    static constexpr int kNearBottomPx = 48; // closer than this to the bottom counts as "at the bottom"
    static constexpr int kHighlightMs = 1500; // a message gone to stays highlighted this long
    static constexpr int kTypingIdleMs = 5000; // no key for this long: I stopped typing
    static constexpr int kPresenceRefreshMs = 60 * 1000; // the peer's presence asked again while the chat is open
    static constexpr int kDraftSaveMs = 3000; // typing paused this long: the draft is kept (and reaches my devices)
    static constexpr qint64 kMaxMuteWaitMs = 24 * 3600 * 1000; // a longer mute's end is looked for again then

    ChatView(Client &client, NameBook &names, QWidget *parent = nullptr);

    // Opens a conversation with the draft I left in it; what I leave in the composer becomes its draft.
    // Shows it; the keyboard focus stays where it is (moving through the chats list with the arrows).
    // readSeq and unread: the conversation's read horizon and unread count, to start at the first unread
    // message under an "Unread messages" line.
    void open(const ConversationKey &conversation, const QString &draft = {}, quint64 readSeq = 0, int unread = 0);
    // The open conversation's draft changed on another device: shown unless something else was written here.
    void offerDraft(const QString &draft);
    void focusComposer();
    ~ChatView() override;
    ConversationKey conversation() const;
    // The conversation is on screen and the window is active: its newest message is read.
    void markReadIfSeen();
    QListView *messageView() const { return m_view; }
    ChatMedia *media() const { return m_media; }
    // Starts a reply to the message with this local id (as its menu's Reply does).
    void replyTo(qint64 localId);
    // Starts editing the text of my message with this local id (as its menu's Edit does).
    void editMessage(qint64 localId);
    // My reaction to a message (its menu's React, or a click on a chip); empty takes mine back.
    void react(qint64 localId, const QString &emoji);
    // Goes to the message with this conversation sequence (as a click on a quote does).
    void goToMessage(quint64 seq);
    // Asks where to forward these messages (its menu's Forward, or the selection bar's), and forwards them.
    void forwardMessages(const QList<qint64> &localIds);
    // Opens a forwarded chat history (a click on its card).
    void openHistory(qint64 localId);
    SelectionBar *selection() const { return m_selection; }

Q_SIGNALS:
    void detailsRequested(const parley::ConversationKey &conversation);
    // The header's call buttons: call this person (media: content::kCallVoice or kCallVideo).
    void callRequested(const QString &peer, int media);

protected:
    void showEvent(QShowEvent *event) override; // back on screen: what arrived meanwhile is now seen
    bool eventFilter(QObject *watched, QEvent *event) override; // files dropped on the messages

private:
    void send(const QString &text, const QStringList &mentioned, bool mentionEveryone);
    void updateMentionCandidates();
    void saveDraft();
    // An edit under way is given up: the composer gets back what it held before.
    void leaveEdit();
    void updateHeader();
    // In a group muted for me: the composer says why instead of taking text.
    void updateWriting();
    // Whether I may not write in this chat now (a group muted for members, or I am muted): nothing to reply,
    // react or edit with either.
    bool mutedHere() const;
    bool atBottom() const;
    void scrollToStart();
    void showJump(const QString &text);
    void onRowsInserted(int first, int last);
    void onScrolled(int value);
    void showContextMenu(const QPoint &pos);
    // The newest messages, instead of any window still on its way.
    void showLatest();
    // The message gone to is in the window: in the middle of the view, highlighted for a moment.
    void showGoneTo(qint64 localId);
    // Typing: mine told to the peer, the peer's shown (both only with the privacy setting on).
    static bool sharesTyping();
    void setMyTyping(TypingActivity activity);
    void showPeerTyping(TypingActivity activity);
    // Under the title of a one-to-one chat: the peer's typing if any, else the peer's presence.
    void updatePeerStatus();
    void askPresence();

    Client &m_client;
    NameBook &m_names;
    MessageListModel *m_messages;
    GroupMemberModel *m_members; // of the open group: whom the composer can @-mention
    QLabel *m_title;
    QLabel *m_memberCount;
    QLabel *m_peerStatus; // "typing…" or "online" under a one-to-one chat's title
    TypingActivity m_peerActivity = TypingActivity::None;
    QTimer *m_peerTypingShown; // forgets the peer's typing when no news came for a while
    QTimer *m_typingIdle;      // my typing stopped when no key came for a while
    QTimer *m_draftSave;       // keeps the draft when typing pauses
    QTimer *m_muteEnds;        // a group mute of mine ends: writing is allowed again
    QTimer *m_presenceRefresh; // asks for the peer's presence again while the chat is open
    QTimer *m_recordingRepeat; // while I record, the peer is told again now and then
    QPushButton *m_details;
    QPushButton *m_voiceCall = nullptr;
    QPushButton *m_videoCall = nullptr;
    QListView *m_view;
    QPushButton *m_jump;
    Composer *m_composer;
    ComposerBar *m_bar; // answering or editing an earlier message
    SelectionBar *m_selection = nullptr; // picking several messages: stands in for the composer
    QString m_textBeforeEdit; // the composer's text when an edit began: back when it is given up
    QTimer *m_highlight; // ends the highlight of a message gone to
    quint64 m_goingTo = 0; // a message being gone to: the window's reset does not scroll to the newest
    ChatMedia *m_media = nullptr; // pictures, files and voice: sending and the bubbles' clicks
    QLabel *m_empty;
    QString m_draft; // the open conversation's draft as stored
    int m_unseen = 0;
    bool m_startAtUnread = false; // opened with unread messages: the first reset with rows starts at them
    // What is on screen while the window of messages moves: the top row's message and its offset.
    qint64 m_anchorId = 0;
    int m_anchorOffset = 0;
    void rememberAnchor();
    void restoreAnchor();
};

} // namespace parley
