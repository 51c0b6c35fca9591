#include "ui/codefield.h"

#include "protocol/limits.h"

#include <QRegularExpressionValidator>

namespace parley {

using namespace Qt::StringLiterals;

CodeField::CodeField(QWidget *parent) : QLineEdit(parent)
{
    setObjectName(u"codeField"_s);
    setPlaceholderText(tr("6-digit code"));
    setMaxLength(limits::kCodeDigits);
    setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,%1}"_s.arg(limits::kCodeDigits)), this));
    setInputMethodHints(Qt::ImhDigitsOnly);
}

bool CodeField::isComplete() const
{
    return text().size() == limits::kCodeDigits;
}

} // namespace parley
