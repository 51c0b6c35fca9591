#include "ui/joinrequestsdialog.h"

#include "core/client.h"
#include "ui/errortext.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <utility>

namespace parley {

namespace {

QString nameOf(const UserProfile &p)
{
    return p.nickname.isEmpty() ? p.userId : p.nickname;
}

} // namespace

JoinRequestsDialog::JoinRequestsDialog(Client &client, const QString &groupId, QWidget *parent)
    : QDialog(parent), m_client(client), m_groupId(groupId), m_rows(new QVBoxLayout), m_message(new QLabel(this))
{
    setWindowTitle(tr("Requests to join"));
    resize(420, 360);
    auto *rows = new QWidget;
    rows->setLayout(m_rows);
    m_rows->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(rows);
    m_message->setObjectName(QStringLiteral("secondaryText"));
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    reload();
}

void JoinRequestsDialog::reload()
{
    m_client.groups().fetchJoinRequests(m_groupId).then(this, [this](const Result<QList<JoinRequest>> &requests) {
        if (!requests) {
            m_message->setText(errorText(requests.error()));
            return;
        }
        showRequests(requests.value());
    });
}

void JoinRequestsDialog::showRequests(const QList<JoinRequest> &requests)
{
    while (m_rows->count() > 1) { // the stretch stays last
        QLayoutItem *item = m_rows->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_message->setText(!m_error.isEmpty()    ? std::exchange(m_error, {})
                       : requests.isEmpty() ? tr("Nobody is waiting to join.")
                                            : QString());
    for (const JoinRequest &r : requests) {
        auto *row = new QWidget;
        row->setObjectName(QStringLiteral("joinRequest"));
        auto *label = new QLabel(tr("%1\ninvited by %2").arg(nameOf(r.user), nameOf(r.inviter)), row);
        auto *approve = new QPushButton(tr("Approve"), row);
        approve->setObjectName(QStringLiteral("primaryButton"));
        auto *reject = new QPushButton(tr("Reject"), row);
        auto *line = new QHBoxLayout(row);
        line->addWidget(label, 1);
        line->addWidget(approve);
        line->addWidget(reject);
        for (auto [button, yes] : {std::pair{approve, true}, std::pair{reject, false}})
            connect(button, &QPushButton::clicked, this, [this, row, id = r.user.userId, yes] {
                row->setEnabled(false); // one decision at a time
                decide(id, yes);
            });
        m_rows->insertWidget(m_rows->count() - 1, row);
    }
}

void JoinRequestsDialog::decide(const QString &userId, bool approve)
{
    m_client.groups().decideJoin(m_groupId, userId, approve).then(this, [this](const Result<GroupInfo> &decided) {
        if (!decided)
            m_error = errorText(decided.error()); // said once the list is back
        reload();
    });
}

} // namespace parley
