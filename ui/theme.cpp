#include "ui/theme.h"

#include "ui/logging.h"

#include <QApplication>
#include <QFile>

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

} // namespace parley::Theme
