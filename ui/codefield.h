#pragma once

#include <QLineEdit>

namespace parley {

// The field a verification code is typed in: digits only, limits::kCodeDigits of them, a digits keyboard where
// there is one. The login window and the delete-account dialog both ask for a code with it.
class CodeField : public QLineEdit {
    Q_OBJECT

public:
    explicit CodeField(QWidget *parent = nullptr);

    // All the code's digits are there.
    bool isComplete() const;
};

} // namespace parley
