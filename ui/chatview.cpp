#include "ui/chatview.h"

#include "core/client.h"
#include "core/models/groupmembermodel.h"
#include "core/models/messagelistmodel.h"
#include "core/models/namebook.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "ui/chathistoryviewer.h"
#include "ui/chatmedia.h"
#include "ui/composer.h"
#include "ui/composerbar.h"
#include "ui/errortext.h"
#include "ui/forwarddialog.h"
#include "ui/messagedelegate.h"
#include "ui/popups.h"
#include "ui/presencetext.h"
#include "ui/selectionbar.h"
#include "ui/settingspage.h"
#include "ui/theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include <tuple>

namespace parley {

ChatView::ChatView(Client &client, NameBook &names, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_names(names),
      m_messages(new MessageListModel(client, this)),
      m_members(new GroupMemberModel(&client, this)),
      m_title(new QLabel(this)),
      m_memberCount(new QLabel(this)),
      m_peerStatus(new QLabel(this)),
      m_peerTypingShown(new QTimer(this)),
      m_typingIdle(new QTimer(this)),
      m_draftSave(new QTimer(this)),
      m_muteEnds(new QTimer(this)),
      m_presenceRefresh(new QTimer(this)),
      m_recordingRepeat(new QTimer(this)),
      m_details(new QPushButton(this)),
      m_view(new QListView(this)),
      m_jump(new QPushButton(m_view)),
      m_composer(new Composer(this)),
      m_bar(new ComposerBar(this)),
      m_highlight(new QTimer(this)),
      m_empty(new QLabel(tr("Pick a chat"), this))
{
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("chatHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("chatTitle"));
    m_details->setObjectName(QStringLiteral("headerButton"));
    m_details->setIcon(QIcon(QStringLiteral(":/icons/more.svg")));
    m_details->setToolTip(tr("Details"));
    m_details->setFlat(true);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(20, 0, 12, 0);
    m_memberCount->setObjectName(QStringLiteral("memberCount"));
    headerLayout->addWidget(m_title);
    headerLayout->addWidget(m_memberCount);
    m_peerStatus->setObjectName(QStringLiteral("peerStatus"));
    m_peerStatus->setProperty("active", true);
    headerLayout->addWidget(m_peerStatus);
    headerLayout->addStretch(1);
    // Calls, in a one-to-one chat with someone else.
    for (const auto &[button, media, icon, tip] :
         {std::tuple{&m_voiceCall, content::kCallVoice, ":/icons/phone.svg", tr("Voice call")},
          std::tuple{&m_videoCall, content::kCallVideo, ":/icons/video.svg", tr("Video call")}}) {
        *button = new QPushButton(header);
        (*button)->setObjectName(QStringLiteral("headerButton"));
        (*button)->setIcon(QIcon(QLatin1String(icon)));
        (*button)->setToolTip(tip);
        (*button)->setAccessibleName(tip);
        (*button)->setFlat(true);
        connect(*button, &QPushButton::clicked, this, [this, media = media] {
            if (conversation().type == ConversationKey::Type::Private)
                Q_EMIT callRequested(conversation().target, media);
        });
        headerLayout->addWidget(*button);
    }
    headerLayout->addWidget(m_details);

    m_view->setObjectName(QStringLiteral("messageView"));
    m_view->setModel(m_messages);
    m_media = new ChatMedia(client, *m_messages, this, this);
    auto *delegate = new MessageDelegate(
        names, m_media->thumbnails(), [media = m_media](qint64 id) { return media->playbackOf(id); }, m_view);
    m_view->setItemDelegate(delegate);
    connect(delegate, &MessageDelegate::mediaAction, m_media, &ChatMedia::onAction);
    connect(delegate, &MessageDelegate::linkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(delegate, &MessageDelegate::quoteActivated, this, &ChatView::goToMessage);
    connect(delegate, &MessageDelegate::reactionActivated, this,
            [this](qint64 localId, const QString &emoji, bool mine) { react(localId, mine ? QString() : emoji); });
    m_highlight->setSingleShot(true);
    m_highlight->setInterval(kHighlightMs);
    connect(m_highlight, &QTimer::timeout, this, [this, delegate] {
        delegate->setHighlighted(0);
        m_view->viewport()->update();
    });
    auto *cancelReply = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(cancelReply, &QShortcut::activated, this, [this] {
        if (m_selection->isActive())
            m_selection->stop();
        else
            m_bar->cancel();
    });
    // Picking several messages: the selection bar stands in for the composer.
    m_selection = new SelectionBar(m_view, delegate, m_names, this);
    connect(m_selection, &SelectionBar::activeChanged, this, [this](bool active) {
        m_composer->setVisible(!active && conversation().isValid());
        if (active)
            m_bar->cancel();
    });
    connect(m_selection, &SelectionBar::forwardRequested, this, &ChatView::forwardMessages);
    connect(m_selection, &SelectionBar::deleteRequested, this, [this](const QList<qint64> &ids) {
        popups::confirm(this, tr("Delete from this computer"),
                        tr("Delete %n message(s) from this computer? They stay in the chat on your other devices "
                           "and for everyone else.",
                           nullptr, int(ids.size())),
                        tr("Delete"), [this, ids] {
                            for (const qint64 id : ids)
                                m_client.messages().deleteLocally(id);
                            m_selection->stop();
                        });
    });
    connect(delegate, &MessageDelegate::historyActivated, this, &ChatView::openHistory);
    connect(&m_client.messages(), &MessagesApi::messageChanged, m_selection, &SelectionBar::onMessageChanged);
    connect(&m_client.messages(), &MessagesApi::messageRemoved, m_selection, &SelectionBar::onMessageRemoved);
    connect(m_bar, &ComposerBar::cancelled, this, [this](ComposerBar::Mode mode) {
        if (mode == ComposerBar::Mode::Edit)
            m_composer->setText(std::exchange(m_textBeforeEdit, QString()));
    });
    m_view->setMouseTracking(true); // a hand over links
    connect(m_media, &ChatMedia::repaintNeeded, m_view->viewport(), qOverload<>(&QWidget::update));
    // Files dropped anywhere on the chat are attached.
    m_view->setAcceptDrops(true);
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalScrollBar()->setSingleStep(24);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Double-clicking a bubble makes its text selectable with the mouse.
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked);
    m_view->setResizeMode(QListView::Adjust);
    // Rows are as wide as the view: a row laid out before the scroll bar appeared must not scroll sideways.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_jump->setObjectName(QStringLiteral("jumpButton"));
    m_jump->hide();

    m_empty->setObjectName(QStringLiteral("emptyChat"));
    m_empty->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_composer);
    layout->addWidget(m_selection);
    layout->addWidget(m_empty, 1);
    header->setFixedHeight(56);

    connect(m_composer, &Composer::sendRequested, this, &ChatView::send);
    // Typing: told at once and then now and again (MessagesApi throttles); stopped when idle, sent or gone.
    m_typingIdle->setSingleShot(true);
    m_typingIdle->setInterval(kTypingIdleMs);
    m_draftSave->setSingleShot(true);
    m_draftSave->setInterval(kDraftSaveMs);
    connect(m_draftSave, &QTimer::timeout, this, &ChatView::saveDraft);
    connect(m_composer, &Composer::typed, this, [this] {
        setMyTyping(TypingActivity::Text);
        m_typingIdle->start();
        m_draftSave->start();
    });
    m_recordingRepeat->setInterval(limits::kTypingRepeatMs);
    connect(m_recordingRepeat, &QTimer::timeout, this, [this] { setMyTyping(TypingActivity::Voice); });
    connect(m_composer, &Composer::recordingChanged, this, [this](bool recording) {
        m_typingIdle->stop(); // a key just before does not end the recording's notice
        setMyTyping(recording ? TypingActivity::Voice : TypingActivity::None);
        if (recording)
            m_recordingRepeat->start();
    });
    connect(m_typingIdle, &QTimer::timeout, this, [this] { setMyTyping(TypingActivity::None); });
    m_peerTypingShown->setSingleShot(true);
    m_peerTypingShown->setInterval(limits::kTypingShownMs);
    connect(m_peerTypingShown, &QTimer::timeout, this, [this] { showPeerTyping(TypingActivity::None); });
    connect(&m_client.messages(), &MessagesApi::peerTyping, this,
            [this](const ConversationKey &c, TypingActivity activity) {
                if (c == conversation())
                    showPeerTyping(activity);
            });
    connect(&m_client.messages(), &MessagesApi::messageAdded, this, [this](const ChatMessage &m) {
        if (m.conversation == conversation() && !m.outgoing)
            showPeerTyping(TypingActivity::None); // what they were writing is here
    });
    m_presenceRefresh->setInterval(kPresenceRefreshMs);
    connect(m_presenceRefresh, &QTimer::timeout, this, &ChatView::askPresence);
    connect(&m_client.people(), &PeopleApi::presenceChanged, this, [this](const Presence &p) {
        const ConversationKey c = conversation();
        if (c.type == ConversationKey::Type::Private && c.target == p.userId)
            updatePeerStatus();
    });
    connect(m_composer, &Composer::attachRequested, m_media, &ChatMedia::attach);
    connect(m_composer, &Composer::imagePasted, m_media, &ChatMedia::attachImage);
    connect(m_composer, &Composer::voiceRecorded, m_media, &ChatMedia::sendVoice);
    connect(m_members, &QAbstractItemModel::rowsInserted, this, &ChatView::updateMentionCandidates);
    connect(m_members, &QAbstractItemModel::rowsRemoved, this, &ChatView::updateMentionCandidates);
    connect(m_details, &QPushButton::clicked, this, [this] { Q_EMIT detailsRequested(conversation()); });
    connect(m_messages, &QAbstractItemModel::modelReset, this, [this] {
        m_unseen = 0;
        m_jump->hide();
        QTimer::singleShot(0, this, &ChatView::scrollToStart);
    });
    // Pages loaded above or below move the window; what is on screen stays where it is.
    connect(m_messages, &MessageListModel::windowAboutToMove, this, &ChatView::rememberAnchor);
    connect(m_messages, &MessageListModel::windowMoved, this, &ChatView::restoreAnchor);
    connect(m_messages, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_messages, &MessageListModel::newMessageOutsideWindow, this, [this] { onRowsInserted(-1, -1); });
    // After a reset the rows are laid out once the event loop turns: the scroll waits for it.
    connect(m_messages, &MessageListModel::messageShown, this, [this](int row) {
        const qint64 id = m_messages->index(row).data(MessageListModel::LocalIdRole).toLongLong();
        QTimer::singleShot(0, this, [this, id] { showGoneTo(id); });
    });
    connect(m_messages, &MessageListModel::messageNotShown, this, [this] {
        m_goingTo = 0;
        popups::inform(this, tr("Message not found"), tr("The quoted message could not be loaded. Try again when online."));
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatView::onScrolled);
    connect(m_jump, &QPushButton::clicked, this, [this] {
        if (!m_messages->atLatest() || m_goingTo != 0)
            showLatest(); // the reset scrolls to the bottom
        else
            m_view->scrollToBottom();
        m_unseen = 0;
        m_jump->hide();
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &ChatView::showContextMenu);
    connect(&m_names, &NameBook::namesChanged, this, [this] {
        updateHeader();
        updateWriting(); // the peer may have deleted the account
        updatePeerStatus();
        m_view->viewport()->update();
    });
    const auto groupNews = [this] {
        updateHeader();
        updateWriting();
    };
    connect(&m_client.groups(), &GroupsApi::groupChanged, this, groupNews);
    connect(&m_client.groups(), &GroupsApi::groupsReset, this, groupNews); // all of them, after a reconnect
    m_muteEnds->setSingleShot(true);
    connect(m_muteEnds, &QTimer::timeout, this, &ChatView::updateWriting);
    open({});
}

bool ChatView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseMove) {
        const QPoint at = static_cast<QMouseEvent *>(event)->position().toPoint();
        const QModelIndex index = m_view->indexAt(at);
        const auto *delegate = static_cast<MessageDelegate *>(m_view->itemDelegate());
        const QRect row = index.isValid() ? m_view->visualRect(index) : QRect();
        bool link = index.isValid() && (!delegate->linkAt(row, m_view->font(), index, at).isEmpty() ||
                                        delegate->quoteRect(row, m_view->font(), index).contains(at));
        if (index.isValid() && !link) {
            for (const Reaction &r : index.data(MessageListModel::MessageRole).value<ChatMessage>().reactions)
                link = link || delegate->reactionRect(row, m_view->font(), index, r.emoji).contains(at);
        }
        if (link)
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
        return false;
    }
    if (watched == m_view->viewport() && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove ||
                                          event->type() == QEvent::Drop)) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (!drop->mimeData()->hasUrls() || !conversation().isValid())
            return false;
        drop->acceptProposedAction();
        if (event->type() == QEvent::Drop) {
            QStringList paths;
            for (const QUrl &url : drop->mimeData()->urls()) {
                if (url.isLocalFile())
                    paths.append(url.toLocalFile());
            }
            m_media->attach(paths);
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

ConversationKey ChatView::conversation() const
{
    return m_messages->conversation();
}

ChatView::~ChatView()
{
    leaveEdit();
    saveDraft();
}

void ChatView::saveDraft()
{
    m_draftSave->stop();
    if (m_bar->mode() == ComposerBar::Mode::Edit)
        return; // the composer holds a message being edited; the draft comes back when the edit ends
    const QString text = m_composer->text().trimmed();
    if (conversation().isValid() && text != m_draft)
        m_client.messages().saveDraft(conversation(), text);
    m_draft = text;
}

void ChatView::open(const ConversationKey &conversation, const QString &draft, quint64 readSeq, int unread)
{
    const bool valid = conversation.isValid();
    for (QWidget *w : {static_cast<QWidget *>(m_view), static_cast<QWidget *>(m_composer), m_title->parentWidget()})
        w->setVisible(valid);
    m_empty->setVisible(!valid);
    if (conversation == m_messages->conversation())
        return;
    m_selection->stop(); // picks belong to the chat they were made in
    leaveEdit(); // what was written before an edit began is the draft
    saveDraft();
    setMyTyping(TypingActivity::None);
    showPeerTyping(TypingActivity::None);
    m_goingTo = 0;
    m_startAtUnread = unread > 0;
    m_messages->setConversation(conversation, readSeq, unread);
    m_members->setGroupId(conversation.type == ConversationKey::Type::Group ? conversation.target : QString());
    updateMentionCandidates();
    m_composer->clear();
    m_draft = draft;
    m_composer->setText(draft);
    m_composer->setEnabledForConversation(valid);
    updateHeader();
    updateWriting();
    updatePeerStatus(); // the last known presence at once, then what the server says
    askPresence();
    if (valid && unread == 0)
        markReadIfSeen(); // with unread messages: once the view is at the newest (scrollToStart)
}

void ChatView::focusComposer()
{
    if (conversation().isValid())
        m_composer->focusEditor();
}

void ChatView::updateHeader()
{
    const ConversationKey c = conversation();
    if (!c.isValid())
        return;
    const bool group = c.type == ConversationKey::Type::Group;
    m_title->setText(m_names.title(c));
    const bool callable = !group && c.target != m_client.userId() && !m_names.isDeleted(c.target);
    m_voiceCall->setVisible(callable);
    m_videoCall->setVisible(callable);
    const int members = group ? m_names.groupMemberCount(c.target) : 0;
    m_memberCount->setText(members > 0 ? QStringLiteral("(%1)").arg(members) : QString());
}

void ChatView::updateWriting()
{
    const ConversationKey c = conversation();
    m_muteEnds->stop();
    QString reason;
    if (c.type == ConversationKey::Type::Group) {
        const GroupInfo group = m_names.group(c.target);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (group.member && !group.canWrite(now)) {
            if (group.muteAll && group.myRole == GroupRole::Member) {
                reason = tr("Only the owner and admins can write while the group is muted.");
            } else {
                reason = tr("An admin muted you in this group until %1.")
                             .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(group.myMutedUntilMs),
                                                     QLocale::ShortFormat));
                m_muteEnds->start(int(std::min<qint64>(group.myMutedUntilMs - now + 1, kMaxMuteWaitMs)));
            }
        }
    } else if (c.isValid() && m_names.isDeleted(c.target)) {
        reason = tr("This person deleted their account. What was written here stays; nothing more can be sent.");
    }
    m_composer->setBlocked(reason);
}

bool ChatView::mutedHere() const
{
    return !m_composer->blockedReason().isEmpty(); // updateWriting keeps it, also when a mute ends
}

void ChatView::scrollToStart()
{
    if (m_goingTo != 0)
        return; // showGoneTo places the view
    // Opened with unread messages: at the first of them, under its line; else at the newest.
    // Only as the chat opens: later resets (the jump to the newest) go to the newest.
    const int firstUnread = m_startAtUnread ? m_messages->firstUnreadRow() : -1;
    if (m_messages->rowCount() > 0)
        m_startAtUnread = false;
    if (firstUnread < 0) {
        m_view->scrollToBottom();
    } else {
        m_view->scrollTo(m_messages->index(firstUnread), QAbstractItemView::PositionAtTop);
        if (!atBottom() || !m_messages->atLatest())
            showJump(tr("Newest ↓"));
    }
    markReadIfSeen(); // all of them on screen, or no line
}

void ChatView::showJump(const QString &text)
{
    m_jump->setText(text);
    m_jump->adjustSize();
    m_jump->move(m_view->width() - m_jump->width() - 24, m_view->height() - m_jump->height() - 16);
    m_jump->show();
    m_jump->raise();
}

bool ChatView::atBottom() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->maximum() - bar->value() <= kNearBottomPx;
}

void ChatView::markReadIfSeen()
{
    if (conversation().isValid() && isVisible() && window()->isActiveWindow() && atBottom() && m_messages->atLatest())
        m_client.messages().markRead(conversation(), m_messages->newestSeq()); // what is shown, not what came since
}

void ChatView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    markReadIfSeen();
}

void ChatView::rememberAnchor()
{
    const QModelIndex top = m_view->indexAt(QPoint(1, 1));
    m_anchorId = top.isValid() ? top.data(MessageListModel::LocalIdRole).toLongLong() : 0;
    m_anchorOffset = top.isValid() ? m_view->visualRect(top).top() : 0;
}

void ChatView::restoreAnchor()
{
    if (m_anchorId == 0)
        return;
    if (const int row = m_messages->rowOfId(m_anchorId); row >= 0) {
        m_view->scrollTo(m_messages->index(row), QAbstractItemView::PositionAtTop);
        QScrollBar *bar = m_view->verticalScrollBar();
        bar->setValue(bar->value() - m_anchorOffset);
    }
    m_anchorId = 0;
}

void ChatView::onRowsInserted(int first, int last)
{
    if (m_anchorId != 0)
        return;                           // a page of history; restoreAnchor keeps the view
    const bool outsideWindow = first < 0; // arrived while the window shows older messages
    const bool mine = !outsideWindow && m_messages->index(last).data(MessageListModel::OutgoingRole).toBool();
    if (!outsideWindow && (mine || atBottom())) {
        markReadIfSeen(); // seen now: the view follows it to the bottom once the rows are laid out
        QTimer::singleShot(0, this, [this] {
            m_view->scrollToBottom();
            markReadIfSeen();
        });
        return;
    }
    m_unseen += outsideWindow ? 1 : last - first + 1;
    showJump(tr("%n new message(s) ↓", nullptr, m_unseen));
}

void ChatView::onScrolled(int value)
{
    // Going to a quoted message: the new window is not scrolled through before it is placed (pages loaded at
    // its ends meanwhile could push the message itself out of the window).
    if (m_goingTo != 0)
        return;
    if (value == m_view->verticalScrollBar()->minimum() && m_messages->rowCount() > 0)
        m_messages->loadOlder();
    if (value == m_view->verticalScrollBar()->maximum() && !m_messages->atLatest())
        m_messages->loadNewer();
    if (atBottom() && m_messages->atLatest()) {
        m_unseen = 0;
        m_jump->hide();
        markReadIfSeen();
    }
}

void ChatView::updateMentionCandidates()
{
    QList<std::pair<QString, QString>> members;
    for (const GroupMember &m : m_members->rows()) {
        if (m.userId() != m_client.userId())
            members.append({m.userId(), m_names.userName(m.userId())});
    }
    const ConversationKey c = conversation();
    const bool group = c.type == ConversationKey::Type::Group;
    m_composer->setMentionCandidates(group ? members : QList<std::pair<QString, QString>>(),
                                     group && m_names.group(c.target).canManage());
}

void ChatView::send(const QString &text, const QStringList &mentioned, bool mentionEveryone)
{
    if (!conversation().isValid())
        return;
    setMyTyping(TypingActivity::None); // sent: no longer typing
    const qint64 original = m_bar->original();
    if (m_bar->mode() == ComposerBar::Mode::Edit) { // the message keeps its place; the draft comes back
        m_client.messages().edit(original, text).then(this, [this, text](const Result<Done> &edited) {
            if (edited)
                return;
            if (m_composer->text().isEmpty()) // what was written is not lost
                m_composer->setText(text);
            popups::inform(this, tr("Not edited"), errorText(edited.error()));
        });
        m_bar->clear();
        m_composer->setText(std::exchange(m_textBeforeEdit, QString()));
        return;
    }
    if (!m_messages->atLatest() || m_goingTo != 0)
        showLatest(); // what I send shows at the end of the conversation
    // Either clears the stored draft.
    if (original == 0) {
        m_client.messages().sendText(conversation(), text, mentioned, mentionEveryone);
    } else {
        m_client.messages()
            .reply(conversation(), original, text, mentioned, mentionEveryone)
            .then(this, [this, text](const Result<ChatMessage> &sent) {
                if (sent)
                    return;
                if (m_composer->text().isEmpty()) // what was written is not lost
                    m_composer->setText(text);
                popups::inform(this, tr("Not sent"), errorText(sent.error()));
            });
    }
    m_bar->clear();
    m_composer->clear();
    saveDraft(); // sent: no draft any more, here or on my other devices
}

void ChatView::offerDraft(const QString &draft)
{
    if (draft == m_draft || m_bar->mode() == ComposerBar::Mode::Edit || m_composer->text().trimmed() != m_draft)
        return;
    m_composer->setText(draft);
    m_draft = draft;
}

void ChatView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const auto message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    QMenu *menu = popups::contextMenu(this);
    const bool muted = mutedHere();
    if (message.serverUid != 0 && !message.isNotice() && !muted)
        menu->addAction(tr("Reply"), this, [this, message] { replyTo(message.localId); });
    if (message.serverUid != 0 && !message.isNotice() && !muted) {
        QMenu *reactions = menu->addMenu(tr("React"));
        for (const std::string_view emoji : limits::kReactionEmoji) {
            const QString e = QString::fromUtf8(emoji.data(), qsizetype(emoji.size()));
            reactions->addAction(e, this, [this, message, e] { react(message.localId, e); });
        }
    }
    if (!message.isNotice())
        menu->addAction(tr("Copy"), this, [message] { QApplication::clipboard()->setText(message.text); });
    if (message.serverUid != 0 && !message.isNotice()) {
        menu->addAction(tr("Forward…"), this, [this, message] { forwardMessages({message.localId}); });
        menu->addAction(tr("Select"), this, [this, message] { m_selection->start(message.localId); });
    }
    if (message.outgoing && message.serverUid != 0 && message.contentType == content::kText && !muted &&
        QDateTime::currentMSecsSinceEpoch() - message.timestampMs < qint64(limits::kDefaultEditLimitS) * 1000)
        menu->addAction(tr("Edit"), this, [this, message] { editMessage(message.localId); });
    if (message.outgoing && message.state == MessageState::Failed)
        menu->addAction(tr("Send again"), this, [this, message] { m_client.messages().retry(message.localId); });
    if (!message.isNotice())
        menu->addAction(tr("Select text"), this, [this, index] { m_view->edit(index); });
    if (message.transfer.isActive())
        menu->addAction(tr("Pause"), this, [this, message] { m_client.files().pause(message.localId); });
    else if (message.transfer.state == TransferState::Paused)
        menu->addAction(tr("Resume"), this, [this, message] { m_client.files().resume(message.localId); });
    if (message.outgoing && message.serverUid != 0 && !message.isNotice())
        menu->addAction(tr("Recall"), this, [this, message] {
            m_client.messages().recall(message.localId).then(this, [this](const Result<Done> &recalled) {
                if (!recalled)
                    popups::inform(this, tr("Not recalled"), errorText(recalled.error()));
            });
        });
    if (message.serverUid != 0 || message.state == MessageState::Failed) {
        menu->addSeparator();
        menu->addAction(tr("Delete from this computer"), this,
                        [this, message] { m_client.messages().deleteLocally(message.localId); });
    }
    if (menu->isEmpty())
        menu->deleteLater();
    else
        menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void ChatView::forwardMessages(const QList<qint64> &localIds)
{
    const ConversationKey c = conversation();
    const QString title = c.type == ConversationKey::Type::Group
                              ? tr("Chat history of %1").arg(m_names.title(c))
                              : tr("Chat history of %1 and %2").arg(m_names.myName(), m_names.title(c));
    auto *dialog = new ForwardDialog(m_client, localIds, title, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ForwardDialog::forwarded, m_selection, &SelectionBar::stop);
    dialog->open();
}

void ChatView::openHistory(qint64 localId)
{
    const int row = m_messages->rowOfId(localId);
    if (row < 0)
        return;
    const auto message = m_messages->index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
    auto *viewer = new ChatHistoryViewer(message.history, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->open();
}

void ChatView::replyTo(qint64 localId)
{
    const int row = m_messages->rowOfId(localId);
    if (row < 0)
        return;
    const auto message = m_messages->index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
    leaveEdit();
    m_bar->startReply(message, message.outgoing ? m_names.myName() : m_names.userName(message.sender));
    m_composer->focusEditor();
}

void ChatView::editMessage(qint64 localId)
{
    const int row = m_messages->rowOfId(localId);
    if (row < 0)
        return;
    const auto message = m_messages->index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
    leaveEdit();
    m_textBeforeEdit = m_composer->text();
    m_bar->startEdit(message);
    m_composer->setText(message.text);
    m_composer->focusEditor();
}

void ChatView::leaveEdit()
{
    if (m_bar->mode() == ComposerBar::Mode::Edit)
        m_composer->setText(std::exchange(m_textBeforeEdit, QString()));
    m_bar->clear();
}

bool ChatView::sharesTyping()
{
    return QSettings().value(QLatin1StringView(SettingsPage::kShareTyping), true).toBool();
}

void ChatView::setMyTyping(TypingActivity activity)
{
    if (activity == TypingActivity::None) {
        m_typingIdle->stop();
        m_recordingRepeat->stop();
    }
    if (conversation().isValid() && (sharesTyping() || activity == TypingActivity::None))
        m_client.messages().setTyping(conversation(), activity);
}

void ChatView::showPeerTyping(TypingActivity activity)
{
    const bool shown = activity != TypingActivity::None && sharesTyping();
    m_peerActivity = shown ? activity : TypingActivity::None;
    if (shown)
        m_peerTypingShown->start();
    else
        m_peerTypingShown->stop();
    updatePeerStatus();
}

void ChatView::askPresence()
{
    const ConversationKey c = conversation();
    if (!c.isValid() || c.type != ConversationKey::Type::Private || m_names.isDeleted(c.target)) {
        m_presenceRefresh->stop();
        return;
    }
    m_presenceRefresh->start(); // friends' changes are pushed; anyone else's are asked again now and then
    m_client.people().fetchPresence({c.target}).then(this, [this](const Result<QList<Presence>> &) {
        updatePeerStatus(); // known now, or (offline) asked again once connected
    });
}

void ChatView::updatePeerStatus()
{
    const ConversationKey c = conversation();
    QString status;
    bool active = true; // typing or online: in the accent colour; "last seen" in grey
    if (m_peerActivity != TypingActivity::None) {
        status = m_peerActivity == TypingActivity::Voice ? tr("recording voice…") : tr("typing…");
    } else if (c.isValid() && c.type == ConversationKey::Type::Private && m_names.isDeleted(c.target)) {
        status = tr("account deleted");
        active = false;
    } else if (c.isValid() && c.type == ConversationKey::Type::Private) {
        const Presence presence = m_client.people().presence(c.target);
        status = PresenceText::text(presence);
        active = presence.state == PresenceState::Online;
    }
    m_peerStatus->setText(status);
    Theme::setStyleProperty(m_peerStatus, "active", active);
}

void ChatView::react(qint64 localId, const QString &emoji)
{
    m_client.messages().react(localId, emoji).then(this, [this](const Result<Done> &reacted) {
        if (!reacted)
            popups::inform(this, tr("No reaction"), errorText(reacted.error()));
    });
}

void ChatView::goToMessage(quint64 seq)
{
    m_goingTo = seq;
    m_messages->showMessage(seq);
}

void ChatView::showLatest()
{
    m_goingTo = 0; // a window around a quoted message still on its way is dropped for the newest
    m_messages->showLatest();
}

void ChatView::showGoneTo(qint64 localId)
{
    m_goingTo = 0;
    const int row = m_messages->rowOfId(localId);
    if (row < 0)
        return;
    m_view->scrollTo(m_messages->index(row), QAbstractItemView::PositionAtCenter);
    static_cast<MessageDelegate *>(m_view->itemDelegate())->setHighlighted(localId);
    m_view->viewport()->update();
    m_highlight->start();
    if (!m_messages->atLatest() || !atBottom())
        showJump(tr("Newest ↓"));
    else
        markReadIfSeen(); // the newest is on screen too
}

} // namespace parley
