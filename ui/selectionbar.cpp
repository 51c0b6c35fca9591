#include "ui/selectionbar.h"

#include "core/models/messagelistmodel.h"
#include "core/models/namebook.h"
#include "core/types/chatmessage.h"
#include "ui/messagedelegate.h"
#include "ui/messagetext.h"
#include "ui/timetext.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPushButton>

#include <algorithm>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

ChatMessage messageAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
}

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
      m_delete(new QPushButton(tr("Delete from this computer"), this)),
      m_editTriggers(view->editTriggers())
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
    connect(m_view->model(), &QAbstractItemModel::modelReset, this, &SelectionBar::stop); // another chat
}

void SelectionBar::start(qint64 localId)
{
    auto *model = static_cast<MessageListModel *>(m_view->model());
    const int row = model->rowOfId(localId);
    if (row < 0 || !pickable(messageAt(model, row)))
        return;
    if (!m_active) {
        m_active = true;
        m_editTriggers = m_view->editTriggers();
        m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_view->setSelectionMode(QAbstractItemView::MultiSelection);
        m_delegate->setSelecting(true);
        connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &SelectionBar::onSelectionChanged, Qt::UniqueConnection);
        show();
        Q_EMIT activeChanged(true);
    }
    m_view->selectionModel()->select(model->index(row), QItemSelectionModel::Select);
    onSelectionChanged();
    setFocus();
}

void SelectionBar::stop()
{
    if (!m_active)
        return;
    m_active = false;
    disconnect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
               &SelectionBar::onSelectionChanged);
    m_view->clearSelection();
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(m_editTriggers);
    m_delegate->setSelecting(false);
    m_view->viewport()->update();
    hide();
    Q_EMIT activeChanged(false);
}

QList<int> SelectionBar::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end()); // the window's rows are in the order the messages were written
    return rows;
}

QList<qint64> SelectionBar::selectedIds() const
{
    QList<qint64> ids;
    for (const int row : selectedRows())
        ids.append(messageAt(m_view->model(), row).localId);
    return ids;
}

QString SelectionBar::copiedText() const
{
    QStringList parts;
    for (const int row : selectedRows()) {
        const ChatMessage m = messageAt(m_view->model(), row);
        const QString name = m.outgoing ? m_names.myName() : m_names.userName(m.sender);
        const QString body = m.contentType == content::kText ? m.text : MessageText::quoted(MessageText::quoteOf(m));
        parts.append(u"%1 %2\n%3"_s.arg(name, TimeText::daySeparator(m.timestampMs), body));
    }
    return parts.join(u"\n\n"_s);
}

void SelectionBar::onSelectionChanged()
{
    // What cannot be forwarded cannot be picked.
    const QAbstractItemModel *model = m_view->model();
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes()) {
        if (!pickable(messageAt(model, index.row())))
            m_view->selectionModel()->select(index, QItemSelectionModel::Deselect);
    }
    const auto count = int(m_view->selectionModel()->selectedIndexes().size());
    m_count->setText(tr("%n selected", nullptr, count));
    for (QPushButton *button : {m_forward, m_copy, m_delete})
        button->setEnabled(count > 0);
    m_view->viewport()->update();
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
