#include "ui/namevalidator.h"

#include "protocol/limits.h"
#include "protocol/textrules.h"

#include <QLineEdit>

namespace parley {

NameValidator::NameValidator(int maxCharacters, QObject *parent) : QValidator(parent), m_maxCharacters(maxCharacters)
{
}

void NameValidator::apply(QLineEdit *field, int maxCharacters)
{
    field->setValidator(new NameValidator(maxCharacters, field));
}

QValidator::State NameValidator::validate(QString &input, int &pos) const
{
    if (!limits::isCleanName(input)) {
        QString kept;
        kept.reserve(input.size());
        int keptPos = 0;
        for (qsizetype i = 0; i < input.size(); ++i) {
            const QChar c = input[i];
            if (limits::isUnwantedInName(c) && !c.isSpace()) // a line break or tab becomes a space; the rest goes
                continue;
            kept.append(limits::isUnwantedInName(c) ? QChar(u' ') : c);
            if (i < pos)
                ++keptPos;
        }
        input = kept;
        pos = keptPos;
    }
    return limits::characters(input) <= m_maxCharacters ? Acceptable : Invalid;
}

} // namespace parley
