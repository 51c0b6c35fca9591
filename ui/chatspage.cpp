#include "ui/chatspage.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/mentionlistmodel.h"
#include "core/models/messagesearchmodel.h"
#include "protocol/limits.h"
#include "ui/chatview.h"
#include "ui/contactdelegate.h"
#include "ui/conversationdelegate.h"
#include "ui/emptystate.h"
#include "ui/listsplitter.h"
#include "ui/mentionspanel.h"
#include "ui/popups.h"
#include "ui/searchresultdelegate.h"
#include "ui/theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kListMinWidth = 240;
constexpr int kChatMinWidth = 360;

} // namespace

ChatsPage::ChatsPage(Client &client, NameBook &names, ContactListModel &contacts, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_conversations(new ConversationListModel(&client, this)),
      m_filtered(new QSortFilterProxyModel(this)),
      m_search(new QLineEdit(this)),
      m_list(new QListView(this)),
      m_noChats(new EmptyState(tr("No chats yet"), tr("Add a friend to say hello, or start a group."), this)),
      m_chatsHeader(new QLabel(tr("Chats"), this)),
      m_friendsMatching(new QSortFilterProxyModel(this)),
      m_friendsHeader(new QLabel(tr("Contacts"), this)),
      m_friendsFound(new QListView(this)),
      m_found(new MessageSearchModel(&client, this)),
      m_foundDelegate(new SearchResultDelegate(names, this)),
      m_resultsHeader(new QLabel(tr("Messages"), this)),
      m_results(new QListView(this)),
      m_chat(new ChatView(client, names, this)),
      m_mentionsButton(new QToolButton(this)),
      m_mentions(new MentionsPanel(client, names, this))
{
    m_filtered->setSourceModel(m_conversations);
    m_filtered->setFilterRole(ConversationListModel::TitleRole);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("listPanel"));
    panel->setAttribute(Qt::WA_StyledBackground);
    panel->setMinimumWidth(kListMinWidth);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);
    auto *add = new QToolButton(panel);
    add->setObjectName(QStringLiteral("addButton"));
    add->setIcon(QIcon(QStringLiteral(":/icons/plus.svg")));
    add->setToolTip(tr("New group or friend"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(add);
    menu->addAction(tr("New group"), this, &ChatsPage::newGroupRequested);
    menu->addAction(tr("Add friend"), this, &ChatsPage::addFriendRequested);
    add->setMenu(menu);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(12, 14, 12, 10);
    top->setSpacing(8);
    top->addWidget(m_search, 1);
    m_mentionsButton->setObjectName(QStringLiteral("mentionsButton"));
    m_mentionsButton->setText(QStringLiteral("@"));
    m_mentionsButton->setToolTip(tr("Mentions of me"));
    m_mentionsButton->setCheckable(true);
    top->addWidget(m_mentionsButton);
    top->addWidget(add);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(m_filtered);
    m_list->setItemDelegate(new ConversationDelegate(names, m_list));
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->setSpacing(0);
    panelLayout->addLayout(top);
    m_chatsHeader->setObjectName(QStringLiteral("resultsHeader"));
    m_chatsHeader->hide();
    panelLayout->addWidget(m_chatsHeader);
    // The list (or what stands in for it while there are no chats), and the mentions of me in its place.
    auto *chatsArea = new QWidget(panel);
    auto *chatsLayout = new QVBoxLayout(chatsArea);
    chatsLayout->setContentsMargins(0, 0, 0, 0);
    chatsLayout->setSpacing(0);
    chatsLayout->addWidget(m_list, 1);
    chatsLayout->addWidget(m_noChats, 1);
    panelLayout->addWidget(chatsArea, 1);
    m_chatsArea = chatsArea;
    connect(m_noChats->addButton(tr("Add friend")), &QPushButton::clicked, this, &ChatsPage::addFriendRequested);
    connect(m_noChats->addButton(tr("New group")), &QPushButton::clicked, this, &ChatsPage::newGroupRequested);
    // Searching also finds friends by name, with or without a conversation yet.
    m_friendsMatching->setSourceModel(&contacts);
    m_friendsMatching->setFilterRole(ContactListModel::SearchTextRole);
    m_friendsMatching->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_friendsHeader->setObjectName(QStringLiteral("resultsHeader"));
    m_friendsFound->setObjectName(QStringLiteral("friendsFound"));
    m_friendsFound->setModel(m_friendsMatching);
    m_friendsFound->setItemDelegate(new ContactDelegate(m_friendsFound, ContactDelegate::Letters::Hidden));
    m_friendsFound->setMouseTracking(true);
    m_friendsFound->setFrameShape(QFrame::NoFrame);
    m_friendsHeader->hide();
    m_friendsFound->hide();
    panelLayout->addWidget(m_friendsHeader);
    panelLayout->addWidget(m_friendsFound, 1);
    m_resultsHeader->setObjectName(QStringLiteral("resultsHeader"));
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setModel(m_found);
    m_results->setItemDelegate(m_foundDelegate);
    m_results->setMouseTracking(true);
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setUniformItemSizes(true);
    m_resultsHeader->hide();
    m_results->hide();
    panelLayout->addWidget(m_resultsHeader);
    panelLayout->addWidget(m_results, 2);
    m_mentions->hide();
    panelLayout->addWidget(m_mentions, 1);
    connect(m_mentionsButton, &QToolButton::toggled, this, &ChatsPage::showMentions);
    connect(m_mentions->model(), &MentionListModel::unreadCountChanged, this, [this](int unread) {
        m_mentionsButton->setText(unread > 0 ? QStringLiteral("@ %1").arg(unread) : QStringLiteral("@"));
        Theme::setStyleProperty(m_mentionsButton, "unread", unread > 0);
    });
    connect(m_mentions, &MentionsPanel::messageChosen, this, [this](const ConversationKey &c, quint64 seq) {
        m_mentionsButton->setChecked(false);
        open(c);
        m_chat->goToMessage(seq);
    });

    m_chat->setMinimumWidth(kChatMinWidth);
    auto *splitter = new ListSplitter(panel, m_chat, QStringLiteral("window/chatsSplitter"), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_search, &QLineEdit::textChanged, this, &ChatsPage::onSearchChanged);
    m_noChats->standInFor(m_list, m_conversations, [this] { return m_search->text().trimmed().isEmpty(); });
    connect(m_friendsFound, &QListView::clicked, this, [this](const QModelIndex &index) {
        open(ConversationKey::withUser(index.data(ContactListModel::UserIdRole).toString()));
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_friendsMatching, signal, this, &ChatsPage::updateFriendsFound);
    connect(m_friendsMatching, &QAbstractItemModel::modelReset, this, &ChatsPage::updateFriendsFound);
    connect(m_results, &QListView::clicked, this, [this](const QModelIndex &index) {
        open(index.data(MessageSearchModel::ConversationRole).value<ConversationKey>());
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChatsPage::onCurrentChanged);
    // The arrows move through the list showing each chat; Enter or a click goes on to write in it.
    connect(m_list, &QListView::activated, m_chat, &ChatView::focusComposer);
    connect(m_list, &QListView::clicked, m_chat, &ChatView::focusComposer);
    connect(m_list, &QListView::customContextMenuRequested, this, &ChatsPage::showContextMenu);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, &ChatsPage::focusSearch);
    // Keep the open conversation selected as rows move.
    connect(m_filtered, &QAbstractItemModel::layoutChanged, this, [this] { select(m_chat->conversation()); });
    connect(m_filtered, &QAbstractItemModel::rowsMoved, this, [this] { select(m_chat->conversation()); });
    // A draft written on another device reaches the open chat's composer (unless something else was written).
    connect(m_conversations, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &top, const QModelIndex &bottom) {
                const ConversationKey open = m_chat->conversation();
                for (int row = top.row(); open.isValid() && row <= bottom.row(); ++row) {
                    const QModelIndex index = m_conversations->index(row);
                    if (index.data(ConversationListModel::KeyRole).value<ConversationKey>() == open) {
                        m_chat->offerDraft(index.data(ConversationListModel::DraftRole).toString());
                        return;
                    }
                }
            });
}

void ChatsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid())
        return;
    const auto key = index.data(ConversationListModel::KeyRole).value<ConversationKey>();
    const bool pinned = index.data(ConversationListModel::PinnedRole).toBool();
    const bool muted = index.data(ConversationListModel::MutedRole).toBool();
    QMenu *menu = popups::contextMenu(this);
    menu->addAction(pinned ? tr("Unpin") : tr("Pin to top"), this,
                    [this, key, pinned] { m_client.messages().setPinned(key, !pinned); });
    if (muted) {
        menu->addAction(tr("Unmute"), this, [this, key] { m_client.messages().setMutedUntil(key, 0); });
    } else {
        QMenu *mute = menu->addMenu(tr("Mute notifications"));
        mute->setObjectName(QStringLiteral("muteMenu"));
        for (const auto &[text, hours] : {std::pair{tr("For 1 hour"), 1}, std::pair{tr("For 8 hours"), 8},
                                          std::pair{tr("Until I turn it back on"), 0}})
            mute->addAction(text, this, [this, key, hours] {
                const qint64 until = hours == 0 ? limits::kMutedForever
                                                : QDateTime::currentMSecsSinceEpoch() + hours * 3600 * 1000LL;
                m_client.messages().setMutedUntil(key, until);
            });
    }
    if (index.data(ConversationListModel::UnreadRole).toInt() > 0 ||
        index.data(ConversationListModel::MarkedUnreadRole).toBool())
        menu->addAction(tr("Mark as read"), this, [this, key] { m_client.messages().markRead(key); });
    else
        menu->addAction(tr("Mark as unread"), this, [this, key] { m_client.messages().setMarkedUnread(key, true); });
    menu->addSeparator();
    menu->addAction(tr("Remove from list"), this, [this, key] {
        if (m_chat->conversation() == key)
            m_chat->open({});
        m_client.messages().removeFromList(key);
    });
    menu->popup(m_list->viewport()->mapToGlobal(pos));
}

void ChatsPage::onSearchChanged(const QString &text)
{
    if (!text.trimmed().isEmpty())
        m_mentionsButton->setChecked(false); // searching shows the list again
    m_filtered->setFilterFixedString(text);
    m_friendsMatching->setFilterFixedString(text.trimmed());
    updateFriendsFound();
    m_found->setQuery(text);
    m_foundDelegate->setHighlight(text.trimmed());
    const bool searching = !text.trimmed().isEmpty();
    m_chatsHeader->setVisible(searching);
    m_resultsHeader->setVisible(searching);
    m_results->setVisible(searching);
    m_noChats->refresh();
}

void ChatsPage::showMentions(bool shown)
{
    if (shown)
        m_search->clear();
    m_mentions->setVisible(shown);
    m_chatsArea->setVisible(!shown);
}

void ChatsPage::updateFriendsFound()
{
    const bool shown = !m_search->text().trimmed().isEmpty() && m_friendsMatching->rowCount() > 0;
    m_friendsHeader->setVisible(shown);
    m_friendsFound->setVisible(shown);
}

bool ChatsPage::isMuted(const ConversationKey &conversation) const
{
    return m_conversations->summaryOf(conversation).muted;
}

void ChatsPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void ChatsPage::onCurrentChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    showInChat(current.data(ConversationListModel::KeyRole).value<ConversationKey>());
}

void ChatsPage::open(const ConversationKey &conversation)
{
    select(conversation);
    showInChat(conversation);
    m_chat->focusComposer();
}

void ChatsPage::showInChat(const ConversationKey &conversation)
{
    const ConversationSummary summary = m_conversations->summaryOf(conversation);
    m_chat->open(conversation, summary.draft, summary.readSeq, summary.unreadCount);
}

void ChatsPage::select(const ConversationKey &conversation)
{
    const int row = m_conversations->rowOf(conversation);
    const QModelIndex index = row >= 0 ? m_filtered->mapFromSource(m_conversations->index(row)) : QModelIndex();
    if (index.isValid() && m_list->currentIndex() != index) {
        const QSignalBlocker blocker(m_list->selectionModel());
        m_list->setCurrentIndex(index);
        m_list->viewport()->update();
    }
}

} // namespace parley
