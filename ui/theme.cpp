#include "ui/theme.h"

#include "ui/logging.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QStyle>
#include <QVariant>
#include <QWidget>

namespace parley::Theme {

void applyStyleSheet()
{
    QFile file(QStringLiteral(":/parley.qss"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcUi) << "the stylesheet is missing from the resources";
        return;
    }
    qApp->setStyleSheet(QString::fromUtf8(file.readAll()));
}

QFont sized(QFont font, int pixels, bool bold)
{
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

void setStyleProperty(QWidget *widget, const char *name, const QVariant &value)
{
    if (widget->property(name) == value)
        return;
    widget->setProperty(name, value);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

QString badgeText(int count)
{
    return count > kBadgeMaxShown ? QStringLiteral("%1+").arg(kBadgeMaxShown) : QString::number(count);
}

bool paintRowState(QPainter *painter, const QRect &row, QStyle::State state)
{
    if (state & QStyle::State_Selected)
        painter->fillRect(row, kListSelected);
    else if (state & QStyle::State_MouseOver)
        painter->fillRect(row, kListHover);
    else
        return false;
    return true;
}

} // namespace parley::Theme
