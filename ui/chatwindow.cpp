#include "ui/chatwindow.h"

#include "core/client.h"
#include "ui/errortext.h"
#include "ui/messagelistmodel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace parley {

ChatWindow::ChatWindow(Client &client, QWidget *parent)
    : QMainWindow(parent),
      m_client(client),
      m_messages(new MessageListModel(client, this)),
      m_me(new QLabel(this)),
      m_peer(new QLineEdit(this)),
      m_view(new QListView(this)),
      m_composer(new QPlainTextEdit(this)),
      m_send(new QPushButton(tr("Send"), this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Parley"));
    m_me->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_me->setText(tr("Your ID: %1").arg(client.userId()));
    m_peer->setPlaceholderText(tr("User ID of the person to chat with"));
    auto *open = new QPushButton(tr("Open chat"), this);
    m_view->setModel(m_messages);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_composer->setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter starts a new line"));
    m_composer->setMaximumHeight(96);
    m_composer->installEventFilter(this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_me);
    auto *peerRow = new QHBoxLayout;
    peerRow->addWidget(m_peer, 1);
    peerRow->addWidget(open);
    layout->addLayout(peerRow);
    layout->addWidget(m_view, 1);
    auto *composeRow = new QHBoxLayout;
    composeRow->addWidget(m_composer, 1);
    composeRow->addWidget(m_send);
    layout->addLayout(composeRow);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    QMenu *account = menuBar()->addMenu(tr("&Account"));
    account->addAction(tr("Log &out"), this, &ChatWindow::logOutRequested);
    resize(720, 560);

    connect(open, &QPushButton::clicked, this, &ChatWindow::openConversation);
    connect(m_peer, &QLineEdit::returnPressed, this, &ChatWindow::openConversation);
    connect(m_send, &QPushButton::clicked, this, &ChatWindow::send);
    connect(&m_client, &Client::connectionStateChanged, this, &ChatWindow::onConnectionState);
    connect(&m_client, &Client::storageFailed, this, &ChatWindow::onFailure);
    connect(&m_client, &Client::messageAdded, this, [this](const ChatMessage &m) {
        if (!m_messages->conversation().isValid() && !m.outgoing) {
            m_peer->setText(m.conversation.target);
            openConversation();
        }
        if (!m.outgoing && m.conversation == m_messages->conversation())
            markReadIfSeen();
    });
    connect(m_messages, &QAbstractItemModel::rowsInserted, m_view, &QListView::scrollToBottom);
    connect(m_messages, &QAbstractItemModel::modelReset, m_view, &QListView::scrollToBottom);
    onConnectionState(m_client.connectionState(), Error());
    m_send->setEnabled(false);
}

bool ChatWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_composer && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            send();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void ChatWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange)
        markReadIfSeen();
    QMainWindow::changeEvent(event);
}

void ChatWindow::markReadIfSeen()
{
    if (isActiveWindow() && m_messages->conversation().isValid())
        m_client.markRead(m_messages->conversation());
}

void ChatWindow::openConversation()
{
    const QString peer = m_peer->text().trimmed();
    if (peer.isEmpty())
        return;
    m_messages->setConversation(ConversationKey::withUser(peer));
    m_send->setEnabled(true);
    m_composer->setFocus();
    markReadIfSeen();
}

void ChatWindow::send()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty() || !m_messages->conversation().isValid())
        return;
    m_client.sendText(m_messages->conversation(), text);
    m_composer->clear();
}

void ChatWindow::onConnectionState(ConnectionState state, const Error &lastError)
{
    switch (state) {
    case ConnectionState::Offline: m_status->setText(tr("Offline")); break;
    case ConnectionState::Connecting: m_status->setText(tr("Connecting…")); break;
    case ConnectionState::WaitingToRetry:
        m_status->setText(tr("Waiting to reconnect: %1").arg(errorText(lastError)));
        break;
    case ConnectionState::Syncing: m_status->setText(tr("Syncing…")); break;
    case ConnectionState::Online: m_status->setText(tr("Online")); break;
    }
}

void ChatWindow::onFailure(const Error &error)
{
    m_status->setText(errorText(error));
}

} // namespace parley
