#include "ui/centredcard.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QWidget>

namespace parley {

namespace {

constexpr int kCardWidth = 340;
constexpr int kCardSpacing = 12;
constexpr QSize kWindowMinimum{420, 520};

} // namespace

QVBoxLayout *centredCard(QWidget *window)
{
    auto *card = new QWidget(window);
    card->setFixedWidth(kCardWidth);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setSpacing(kCardSpacing);
    auto *layout = new QHBoxLayout(window);
    layout->addStretch();
    layout->addWidget(card, 0, Qt::AlignVCenter);
    layout->addStretch();
    window->setMinimumSize(kWindowMinimum);
    return cardLayout;
}

} // namespace parley
