#include "ui/friendrequestsview.h"

#include "core/client.h"
#include "core/models/friendrequestmodel.h"
#include "ui/avatarlabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 40;

} // namespace

FriendRequestsView::FriendRequestsView(Client &client, FriendRequestModel &requests, QWidget *parent)
    : QWidget(parent), m_client(client), m_requests(requests), m_rows(new QVBoxLayout)
{
    auto *title = new QLabel(tr("New friends"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("requestList"));
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(0);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(m_rows);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 0);
    layout->addWidget(title);
    layout->addWidget(scroll, 1);

    connect(&m_requests, &QAbstractItemModel::rowsInserted, this, &FriendRequestsView::rebuild);
    connect(&m_requests, &QAbstractItemModel::rowsRemoved, this, &FriendRequestsView::rebuild);
    connect(&m_requests, &QAbstractItemModel::rowsMoved, this, &FriendRequestsView::rebuild);
    connect(&m_requests, &QAbstractItemModel::dataChanged, this, &FriendRequestsView::rebuild);
    connect(&m_requests, &QAbstractItemModel::modelReset, this, &FriendRequestsView::rebuild);
    rebuild();
}

void FriendRequestsView::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_requests.rowCount() == 0) {
        auto *none = new QLabel(tr("No friend requests yet. Add friends by their phone number or ID."));
        none->setObjectName(QStringLiteral("secondaryText"));
        m_rows->addWidget(none);
        return;
    }
    for (int row = 0; row < m_requests.rowCount(); ++row) {
        const QModelIndex i = m_requests.index(row);
        const QString name = i.data(FriendRequestModel::DisplayNameRole).toString();
        const qint64 id = i.data(FriendRequestModel::RequestIdRole).toLongLong();
        auto *line = new QWidget;
        line->setObjectName(QStringLiteral("requestRow"));
        line->setAttribute(Qt::WA_StyledBackground);
        auto *avatar = new AvatarLabel(kAvatar);
        avatar->showAvatar(i.data(FriendRequestModel::UserIdRole).toString(), name);
        auto *text = new QWidget;
        auto *textLayout = new QVBoxLayout(text);
        textLayout->setContentsMargins(0, 0, 0, 0);
        textLayout->setSpacing(2);
        auto *nameLabel = new QLabel(name);
        nameLabel->setObjectName(QStringLiteral("requestName"));
        textLayout->addWidget(nameLabel);
        const QString greeting = i.data(FriendRequestModel::GreetingRole).toString();
        if (!greeting.isEmpty()) {
            auto *greetingLabel = new QLabel(greeting);
            greetingLabel->setObjectName(QStringLiteral("requestGreeting"));
            textLayout->addWidget(greetingLabel);
        }
        auto *rowLayout = new QHBoxLayout(line);
        rowLayout->setContentsMargins(0, 10, 0, 10);
        rowLayout->setSpacing(12);
        rowLayout->addWidget(avatar);
        rowLayout->addWidget(text, 1);
        if (i.data(FriendRequestModel::AwaitsMeRole).toBool()) {
            auto *reject = new QPushButton(tr("Reject"));
            auto *accept = new QPushButton(tr("Accept"));
            accept->setObjectName(QStringLiteral("primaryButton"));
            rowLayout->addWidget(reject);
            rowLayout->addWidget(accept);
            connect(accept, &QPushButton::clicked, this,
                    [this, id] { m_client.people().answerFriendRequest(id, true); });
            connect(reject, &QPushButton::clicked, this,
                    [this, id] { m_client.people().answerFriendRequest(id, false); });
        } else {
            QString state;
            switch (FriendRequest::Status(i.data(FriendRequestModel::StatusRole).toInt())) {
            case FriendRequest::Status::Accepted: state = tr("Added"); break;
            case FriendRequest::Status::Rejected: state = tr("Rejected"); break;
            case FriendRequest::Status::Expired: state = tr("Expired"); break;
            case FriendRequest::Status::Pending: state = tr("Waiting for an answer"); break;
            }
            auto *label = new QLabel(state);
            label->setObjectName(QStringLiteral("secondaryText"));
            rowLayout->addWidget(label);
        }
        m_rows->addWidget(line);
    }
}

} // namespace parley
