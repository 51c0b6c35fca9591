#include "ui/mentionspanel.h"

#include "core/models/mentionlistmodel.h"
#include "core/models/namebook.h"
#include "ui/searchresultdelegate.h"

#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

MentionsPanel::MentionsPanel(Client &client, NameBook &names, QWidget *parent)
    : QWidget(parent),
      m_model(new MentionListModel(&client, this)),
      m_list(new QListView(this)),
      m_empty(new QLabel(tr("Nobody has mentioned you yet."), this))
{
    setObjectName(u"mentionsPanel"_s);
    auto *header = new QLabel(tr("Mentions of me"), this);
    header->setObjectName(u"resultsHeader"_s);
    auto *delegate = new SearchResultDelegate(names, this);
    delegate->setHighlight(u"@"_s + names.myName());
    connect(&names, &NameBook::namesChanged, this, [delegate, &names] { delegate->setHighlight(u"@"_s + names.myName()); });
    m_list->setObjectName(u"mentionList"_s);
    m_list->setModel(m_model);
    m_list->setItemDelegate(delegate);
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_empty->setObjectName(u"secondaryText"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        const auto message = index.data(MentionListModel::MessageRole).value<ChatMessage>();
        Q_EMIT messageChosen(message.conversation, message.conversationSeq);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MentionsPanel::updateEmpty);
    updateEmpty();
}

void MentionsPanel::updateEmpty()
{
    const bool none = m_model->rowCount() == 0;
    m_list->setVisible(!none);
    m_empty->setVisible(none);
}

} // namespace parley
