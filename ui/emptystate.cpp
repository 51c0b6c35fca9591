#include "ui/emptystate.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace parley {

EmptyState::EmptyState(const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent), m_layout(new QVBoxLayout), m_buttons(new QVBoxLayout)
{
    setObjectName(u"emptyState"_s);
    auto *heading = new QLabel(title, this);
    heading->setObjectName(u"emptyStateTitle"_s);
    heading->setAlignment(Qt::AlignCenter);
    auto *line = new QLabel(text, this);
    line->setObjectName(u"secondaryText"_s);
    line->setAlignment(Qt::AlignCenter);
    line->setWordWrap(true);
    m_layout->setSpacing(10);
    m_layout->addWidget(heading);
    m_layout->addWidget(line); // the whole width: a wrapped label given less is cut off
    m_buttons->setSpacing(8);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 20, 20, 20);
    outer->addStretch(2);
    outer->addLayout(m_layout);
    outer->addSpacing(6);
    outer->addLayout(m_buttons);
    outer->addStretch(3);
}

QPushButton *EmptyState::addButton(const QString &label)
{
    auto *button = new QPushButton(label, this);
    if (m_buttons->isEmpty())
        button->setObjectName(u"primaryButton"_s);
    button->setMinimumWidth(160);
    m_buttons->addWidget(button, 0, Qt::AlignHCenter);
    return button;
}

void EmptyState::addWidget(QWidget *widget)
{
    m_layout->addWidget(widget, 0, Qt::AlignHCenter);
}

void EmptyState::standInFor(QWidget *list, const QAbstractItemModel *model, std::function<bool()> alsoWhen)
{
    m_list = list;
    m_model = model;
    m_alsoWhen = std::move(alsoWhen);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &EmptyState::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::refresh);
    refresh();
}

void EmptyState::refresh()
{
    const bool empty = m_model->rowCount() == 0 && (!m_alsoWhen || m_alsoWhen());
    setVisible(empty);
    m_list->setVisible(!empty);
}

} // namespace parley
