#include "ui/connectionbanner.h"

#include "core/client.h"
#include "ui/errortext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace parley {

ConnectionBanner::ConnectionBanner(Client &client, QWidget *parent)
    : QWidget(parent), m_text(new QLabel(this)), m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAttribute(Qt::WA_StyledBackground);
    m_retry->setObjectName(QStringLiteral("linkButton"));
    m_retry->setFlat(true);
    m_retry->setCursor(Qt::PointingHandCursor);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 4, 16, 4);
    layout->addStretch();
    layout->addWidget(m_text);
    layout->addWidget(m_retry);
    layout->addStretch();
    connect(m_retry, &QPushButton::clicked, &client, &Client::reconnectNow);
    connect(&client, &Client::connectionStateChanged, this, &ConnectionBanner::onState);
    onState(client.connectionState(), Error());
}

void ConnectionBanner::onState(ConnectionState state, const Error &lastError)
{
    m_retry->hide();
    switch (state) {
    case ConnectionState::Online: hide(); return;
    case ConnectionState::Offline: m_text->setText(tr("Offline")); break;
    case ConnectionState::Connecting: m_text->setText(tr("Connecting…")); break;
    case ConnectionState::Syncing: m_text->setText(tr("Updating messages…")); break;
    case ConnectionState::WaitingToRetry:
        m_text->setText(lastError.isError() ? tr("Not connected: %1").arg(errorText(lastError)) : tr("Not connected."));
        m_retry->show();
        break;
    }
    show();
}

} // namespace parley
