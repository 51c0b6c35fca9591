#include "ui/notifier.h"

#include "core/client.h"
#include "core/models/namebook.h"
#include "ui/desktopnotifications.h"
#include "ui/messagetext.h"
#include "ui/theme.h"

#include <QDateTime>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSystemTrayIcon>

namespace parley {

namespace {

constexpr int kTrayIcon = 64;

} // namespace

Notifier::Notifier(Client &client, NameBook &names, Hooks hooks, QObject *parent)
    : QObject(parent), m_client(client), m_names(names), m_hooks(std::move(hooks))
{
    // Made even where no tray is available (it then stays hidden and shows no messages).
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/parley.svg")), this);
    m_tray->setToolTip(tr("Parley"));
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
    auto *menu = new QMenu;
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    menu->addAction(tr("Open Parley"), this, [this] { Q_EMIT openRequested({}); });
    menu->addSeparator();
    menu->addAction(tr("Quit Parley"), this, &Notifier::quitRequested);
    m_tray->setContextMenu(menu);
    m_notifications = new DesktopNotifications(m_tray, this);
    connect(m_notifications, &DesktopNotifications::clicked, this, &Notifier::openRequested);
    // Read — here or on another device — the notification goes.
    connect(&m_client.messages(), &MessagesApi::conversationChanged, this, [this](const ConversationSummary &s) {
        if (s.unreadCount == 0)
            m_notifications->withdraw(s.key);
    });
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested(m_last);
    });
    connect(&m_client.messages(), &MessagesApi::messageAdded, this, &Notifier::onMessage);
    setUnread(m_client.messages().totalUnread());
    connect(&m_client.messages(), &MessagesApi::totalUnreadChanged, this, &Notifier::setUnread);
}

std::pair<QString, QString> Notifier::texts(const ChatMessage &m)
{
    const QString title = m_names.title(m.conversation); // one-to-one: the sender (only others' are announced)
    if (!QSettings().value(QLatin1StringView(kPreview), true).toBool())
        return {tr("Parley"), tr("You have a new message")};
    return {title, MessageText::preview(m, m_names)};
}

bool Notifier::inTray() const
{
    return m_tray->isVisible();
}

void Notifier::onMessage(const ChatMessage &m)
{
    const bool fresh = QDateTime::currentMSecsSinceEpoch() - m.timestampMs < kFreshMs;
    if (m.outgoing || !fresh || (m.isNotice() && m.contentType != content::kMissedCall))
        return;
    if (!QSettings().value(QLatin1StringView(kEnabled), true).toBool())
        return;
    if ((m_hooks.inFront && m_hooks.inFront(m.conversation)) || (m_hooks.muted && m_hooks.muted(m.conversation)))
        return;
    m_last = m.conversation;
    if (m_client.devices().otherDeviceActive() &&
        QSettings().value(QLatin1StringView(kQuietWhileElsewhere), true).toBool()) {
        Q_EMIT heldBack(m.conversation); // counted in the tray, not announced
        return;
    }
    const auto [title, body] = texts(m);
    m_notifications->show(m.conversation, title, body);
    Q_EMIT notified(m.conversation);
}

void Notifier::setUnread(int total)
{
    if (total == 0)
        m_last = {}; // all read: a click on the icon just brings the window back
    m_tray->setToolTip(total > 0 ? tr("Parley — %n unread message(s)", nullptr, total) : tr("Parley"));
    QPixmap icon = QIcon(QStringLiteral(":/parley.svg")).pixmap(kTrayIcon, kTrayIcon);
    if (total > 0) {
        QPainter p(&icon);
        p.setRenderHint(QPainter::Antialiasing);
        const QString count = Theme::badgeText(total);
        const QRectF badge(kTrayIcon * 0.42, 0, kTrayIcon * 0.58, kTrayIcon * 0.42);
        p.setPen(Qt::NoPen);
        p.setBrush(Theme::kBadge);
        p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        QFont font = p.font();
        font.setPixelSize(int(badge.height() * 0.7));
        font.setBold(true);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(badge, Qt::AlignCenter, count);
    }
    m_tray->setIcon(QIcon(icon));
}

} // namespace parley
