#include "ui/forwarddialog.h"

#include "core/client.h"
#include "ui/avatar.h"
#include "ui/errortext.h"

#include <QButtonGroup>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kAvatar = 32;
constexpr int kKeyRole = Qt::UserRole;

} // namespace

ForwardDialog::ForwardDialog(Client &client, QList<qint64> localIds, QString historyTitle, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_localIds(std::move(localIds)),
      m_historyTitle(std::move(historyTitle)),
      m_filter(new QLineEdit(this)),
      m_chats(new QListWidget(this)),
      m_oneByOne(new QRadioButton(tr("One by one"), this)),
      m_asHistory(new QRadioButton(tr("As one chat history"), this)),
      m_message(new QLabel(this)),
      m_send(new QPushButton(tr("Send"), this))
{
    setObjectName(u"forwardDialog"_s);
    setWindowTitle(tr("Forward"));
    resize(420, 560);
    m_filter->setPlaceholderText(tr("Search chats"));
    m_filter->setClearButtonEnabled(true);
    m_chats->setObjectName(u"forwardTargets"_s);
    m_chats->setIconSize(QSize(kAvatar, kAvatar));
    m_message->setObjectName(u"secondaryText"_s);
    m_message->setWordWrap(true);
    m_send->setObjectName(u"primaryButton"_s);
    auto *how = new QButtonGroup(this);
    how->addButton(m_oneByOne);
    how->addButton(m_asHistory);
    m_oneByOne->setChecked(true);
    const bool several = m_localIds.size() > 1;
    m_oneByOne->setVisible(several);
    m_asHistory->setVisible(several);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_chats, 1);
    auto *choice = new QHBoxLayout;
    choice->addWidget(m_oneByOne);
    choice->addWidget(m_asHistory);
    choice->addStretch();
    layout->addLayout(choice);
    layout->addWidget(m_message);
    layout->addWidget(m_send, 0, Qt::AlignRight);

    connect(m_filter, &QLineEdit::textChanged, this, &ForwardDialog::filter);
    connect(m_chats, &QListWidget::itemChanged, this, &ForwardDialog::updateButton);
    connect(m_chats, &QListWidget::itemClicked, this, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_send, &QPushButton::clicked, this, &ForwardDialog::send);
    fill();
    updateButton();
}

void ForwardDialog::fill()
{
    m_client.messages().fetchConversations().then(this, [this](const Result<QList<ConversationSummary>> &chats) {
        if (!chats) {
            m_message->setText(errorText(chats.error()));
            return;
        }
        const qreal ratio = devicePixelRatioF();
        for (const ConversationSummary &chat : *chats) {
            const bool group = chat.key.type == ConversationKey::Type::Group;
            auto *item = new QListWidgetItem(
                QIcon(Avatar::pixmap(chat.key.target, chat.title, kAvatar, ratio, group)), chat.title, m_chats);
            item->setData(kKeyRole, QVariant::fromValue(chat.key));
            item->setFlags(Qt::ItemIsEnabled); // a click anywhere on the row (the box too) toggles it, once
            item->setCheckState(Qt::Unchecked);
        }
        filter(m_filter->text());
    });
}

void ForwardDialog::filter(const QString &text)
{
    const QString typed = text.trimmed();
    for (int i = 0; i < m_chats->count(); ++i) {
        QListWidgetItem *item = m_chats->item(i);
        item->setHidden(!typed.isEmpty() && !item->text().contains(typed, Qt::CaseInsensitive));
    }
}

QList<ConversationKey> ForwardDialog::picked() const
{
    QList<ConversationKey> keys;
    for (int i = 0; i < m_chats->count(); ++i) {
        if (m_chats->item(i)->checkState() == Qt::Checked)
            keys.append(m_chats->item(i)->data(kKeyRole).value<ConversationKey>());
    }
    return keys;
}

void ForwardDialog::updateButton()
{
    const auto count = int(picked().size());
    m_send->setText(count > 0 ? tr("Send (%n)", nullptr, count) : tr("Send"));
    m_send->setEnabled(count > 0 && !m_waiting);
}

void ForwardDialog::send()
{
    const QList<ConversationKey> targets = picked();
    m_waiting = true;
    m_message->setText(tr("Sending…"));
    updateButton();
    m_client.messages()
        .forward(m_localIds, targets, m_asHistory->isChecked(), m_historyTitle)
        .then(this, [this, targets](const Result<QList<ChatMessage>> &sent) {
            m_waiting = false;
            if (sent) {
                Q_EMIT forwarded(targets);
                accept();
                return;
            }
            m_message->setText(errorText(sent.error()));
            updateButton();
        });
}

} // namespace parley
