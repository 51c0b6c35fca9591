#pragma once

#include <QCollator>
#include <QString>

namespace parley {

// Orders people's and groups' names the way people look them up: Chinese names by their reading (pinyin)
// among Latin ones, case-insensitively, with numbers in numeric order; and gives the index letter of a name
// (A–Z, or "#"). GUI thread.
class NameCollation {
public:
    NameCollation();

    bool lessThan(const QString &a, const QString &b) const { return m_collator.compare(a, b) < 0; }
    QString indexLetter(const QString &name) const;

private:
    QCollator m_collator;
};

} // namespace parley
