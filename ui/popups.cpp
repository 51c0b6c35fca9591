#include "ui/popups.h"

#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace parley::popups {

QMenu *contextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    return menu;
}

void confirm(QWidget *parent, const QString &title, const QString &question, const QString &confirmText,
             std::function<void()> onConfirmed)
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, title, question, QMessageBox::Cancel, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    auto *yes = new QPushButton(confirmText, box);
    yes->setObjectName(QStringLiteral("confirmButton")); // named before the style sheet sees it
    box->addButton(yes, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, parent,
                     [yes, onConfirmed = std::move(onConfirmed)](QAbstractButton *clicked) {
                         if (clicked == yes)
                             onConfirmed();
                     });
    box->open();
}

void inform(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace parley::popups
