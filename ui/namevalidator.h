#pragma once

#include <QValidator>

class QLineEdit;

namespace parley {

// Keeps a one-line name field (nickname, remark, group name, …) within what parleyd takes:
// - clean (limits::isCleanName): what comes in with a paste loses its control characters and direction overrides,
//   and a line break or tab becomes a space;
// - within a limit counted as parleyd counts it, in characters (limits::characters, code points), where
//   QLineEdit::setMaxLength counts UTF-16 units and so would stop at 16 of 32 emoji. An edit that would go past
//   the limit is refused, as setMaxLength refuses typing past its own.
class NameValidator : public QValidator {
    Q_OBJECT

public:
    NameValidator(int maxCharacters, QObject *parent);

    // Gives `field` a validator of `maxCharacters`.
    static void apply(QLineEdit *field, int maxCharacters);

    State validate(QString &input, int &pos) const override;

private:
    int m_maxCharacters;
};

} // namespace parley
