#include "ui/selectionbar.h"

#include "core/models/messagelistmodel.h"
#include "core/models/namebook.h"
#include "ui/messagedelegate.h"
#include "ui/messagetext.h"
#include "ui/timetext.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMouseEvent>
#include <QPushButton>

#include <algorithm>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

bool pickable(const ChatMessage &m)
{
    return m.serverUid != 0 && m.contentType < content::kFirstNotice;
}

} // namespace

SelectionBar::SelectionBar(QListView *view, MessageDelegate *delegate, NameBook &names, QWidget *parent)
    : QWidget(parent),
      m_view(view),
      m_delegate(delegate),
      m_names(names),
      m_count(new QLabel(this)),
      m_forward(new QPushButton(tr("Forward…"), this)),
      m_copy(new QPushButton(tr("Copy"), this)),
      m_delete(new QPushButton(tr("Delete from this computer"), this))
{
    setObjectName(u"selectionBar"_s);
    m_forward->setObjectName(u"primaryButton"_s);
    m_copy->setObjectName(u"copyButton"_s);
    m_delete->setObjectName(u"dangerButton"_s);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_count);
    layout->addStretch();
    layout->addWidget(m_forward);
    layout->addWidget(m_copy);
    layout->addWidget(m_delete);
    layout->addWidget(cancel);
    hide();

    connect(m_forward, &QPushButton::clicked, this, [this] { Q_EMIT forwardRequested(selectedIds()); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(copiedText()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { Q_EMIT deleteRequested(selectedIds()); });
    connect(cancel, &QPushButton::clicked, this, &SelectionBar::stop);
    m_view->viewport()->installEventFilter(this);
}

void SelectionBar::start(qint64 localId)
{
    const auto *model = static_cast<const MessageListModel *>(m_view->model());
    const int row = model->rowOfId(localId);
    if (row < 0)
        return;
    const auto message = model->index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
    if (!pickable(message))
        return;
    if (!m_active) {
        m_active = true;
        m_delegate->setSelecting(true);
        show();
        Q_EMIT activeChanged(true);
    }
    m_picked.insert(message.localId, message);
    update();
    setFocus();
}

void SelectionBar::stop()
{
    if (!m_active)
        return;
    m_active = false;
    m_picked.clear();
    m_delegate->setSelecting(false);
    m_delegate->setPicked({});
    m_view->viewport()->update();
    hide();
    Q_EMIT activeChanged(false);
}

void SelectionBar::toggle(const ChatMessage &message)
{
    if (m_picked.remove(message.localId) == 0 && pickable(message))
        m_picked.insert(message.localId, message);
    update();
}

void SelectionBar::onMessageChanged(const ChatMessage &message)
{
    if (!m_picked.contains(message.localId))
        return;
    if (pickable(message))
        m_picked.insert(message.localId, message);
    else
        m_picked.remove(message.localId);
    update();
}

void SelectionBar::onMessageRemoved(const ChatMessage &message)
{
    if (m_picked.remove(message.localId) > 0)
        update();
}

QList<ChatMessage> SelectionBar::picked() const
{
    QList<ChatMessage> messages = m_picked.values();
    std::sort(messages.begin(), messages.end(), [](const ChatMessage &a, const ChatMessage &b) {
        return std::tie(a.conversationSeq, a.localId) < std::tie(b.conversationSeq, b.localId);
    });
    return messages;
}

QList<qint64> SelectionBar::selectedIds() const
{
    QList<qint64> ids;
    for (const ChatMessage &m : picked())
        ids.append(m.localId);
    return ids;
}

QString SelectionBar::copiedText() const
{
    QStringList parts;
    for (const ChatMessage &m : picked()) {
        const QString name = m.outgoing ? m_names.myName() : m_names.userName(m.sender);
        const QString body = m.contentType == content::kText ? m.text : MessageText::quoted(MessageText::quoteOf(m));
        parts.append(u"%1 %2\n%3"_s.arg(name, TimeText::daySeparator(m.timestampMs), body));
    }
    return parts.join(u"\n\n"_s);
}

void SelectionBar::update()
{
    const auto count = int(m_picked.size());
    m_count->setText(tr("%n selected", nullptr, count));
    for (QPushButton *button : {m_forward, m_copy, m_delete})
        button->setEnabled(count > 0);
    m_delegate->setPicked(QSet<qint64>(m_picked.keyBegin(), m_picked.keyEnd()));
    m_view->viewport()->update();
}

bool SelectionBar::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_active || watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        return true; // nothing opens, nothing is edited, while picking
    case QEvent::MouseButtonRelease: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QModelIndex index = m_view->indexAt(mouse->position().toPoint());
        if (mouse->button() == Qt::LeftButton && index.isValid())
            toggle(index.data(MessageListModel::MessageRole).value<ChatMessage>());
        return true;
    }
    default: return QWidget::eventFilter(watched, event);
    }
}

void SelectionBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        stop();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace parley
