#include "ui/addfrienddialog.h"

#include "core/client.h"
#include "core/models/namebook.h"
#include "protocol/limits.h"
#include "ui/avatar.h"
#include "ui/avatarlabel.h"
#include "ui/errortext.h"
#include "ui/namevalidator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 48;

} // namespace

AddFriendDialog::AddFriendDialog(Client &client, const QString &myName, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_search(new QLineEdit(this)),
      m_searchButton(new QPushButton(tr("Search"), this)),
      m_result(new QWidget(this)),
      m_avatar(new AvatarLabel(kAvatar, m_result)),
      m_name(new QLabel(m_result)),
      m_greeting(new QLineEdit(m_result)),
      m_send(new QPushButton(tr("Send request"), m_result)),
      m_message(new QLabel(this))
{
    setWindowTitle(tr("Add friend"));
    setMinimumWidth(420);
    m_search->setPlaceholderText(tr("Phone number with country code, or Parley ID"));
    m_searchButton->setObjectName(QStringLiteral("primaryButton"));
    NameValidator::apply(m_greeting, limits::kMaxGreeting);
    m_greeting->setText(tr("Hi, I'm %1").arg(myName));
    m_send->setObjectName(QStringLiteral("primaryButton"));
    m_message->setObjectName(QStringLiteral("secondaryText"));
    m_message->setWordWrap(true);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_searchButton);
    auto *who = new QHBoxLayout;
    who->addWidget(m_avatar);
    who->addWidget(m_name, 1);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 8, 0, 0);
    resultLayout->addLayout(who);
    resultLayout->addWidget(new QLabel(tr("Greeting"), m_result));
    resultLayout->addWidget(m_greeting);
    resultLayout->addWidget(m_send, 0, Qt::AlignRight);
    m_result->setObjectName(QStringLiteral("searchResult"));
    m_result->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(searchRow);
    layout->addWidget(m_message);
    layout->addWidget(m_result);
    layout->addStretch();

    connect(m_searchButton, &QPushButton::clicked, this, &AddFriendDialog::search);
    connect(m_search, &QLineEdit::returnPressed, this, &AddFriendDialog::search);
    connect(m_send, &QPushButton::clicked, this, &AddFriendDialog::sendRequest);
}

void AddFriendDialog::search()
{
    m_query = m_search->text().trimmed();
    if (m_query.isEmpty())
        return;
    m_result->hide();
    m_message->setText(tr("Searching…"));
    m_client.people().searchUser(m_query).then(this, [this, query = m_query](const Result<QList<UserProfile>> &users) {
        if (query != m_query)
            return; // an earlier search
        if (users)
            onFound(users.value());
        else
            m_message->setText(errorText(users.error()));
    });
}

void AddFriendDialog::onFound(const QList<UserProfile> &users)
{
    if (users.isEmpty()) {
        m_message->setText(tr("Nobody found. Check the number (with its country code) or the ID."));
        return;
    }
    m_found = users.first();
    m_message->clear();
    if (Avatar::pictures())
        Avatar::pictures()->learnProfile(m_found);
    m_avatar->showAvatar(m_found.userId, m_found.displayName());
    m_name->setText(QStringLiteral("<b>%1</b><br>%2")
                        .arg(m_found.displayName().toHtmlEscaped(), tr("ID: %1").arg(m_found.userId).toHtmlEscaped()));
    m_send->setEnabled(true);
    m_result->show();
}

void AddFriendDialog::sendRequest()
{
    if (m_found.userId.isEmpty())
        return;
    m_send->setEnabled(false);
    m_message->setText(tr("Sending…"));
    m_client.people()
        .sendFriendRequest(m_found.userId, m_greeting->text().trimmed())
        .then(this, [this](const Result<FriendRequest> &sent) {
            if (sent) {
                accept(); // the request is stored: it is on its way
                return;
            }
            m_send->setEnabled(true);
            m_message->setText(errorText(sent.error()));
        });
}

} // namespace parley
