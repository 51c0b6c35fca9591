#include "core/models/namereadings.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

bool hasHan(const QString &name)
{
    for (const QChar c : name) {
        if (c.script() == QChar::Script_Han)
            return true;
    }
    return false;
}

} // namespace

NameReadings::NameReadings(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<QHash<QString, QString>>::finished, this, &NameReadings::onBatchDone);
}

// A batch still running finishes on its own: it holds nothing of this object.
NameReadings::~NameReadings() = default;

QString NameReadings::readingOf(const QString &name)
{
    if (!hasHan(name))
        return {};
    // One transliterator for the process, made on first use; ICU's are not for two threads at once.
    static std::mutex mutex;
    static std::unique_ptr<icu::Transliterator> han;
    static bool failed = false;
    const std::lock_guard lock(mutex);
    if (!han && !failed) {
        UErrorCode status = U_ZERO_ERROR;
        han.reset(icu::Transliterator::createInstance("Han-Latin/Names; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        failed = U_FAILURE(status) || !han;
    }
    if (failed)
        return {};
    icu::UnicodeString text(reinterpret_cast<const UChar *>(name.utf16()), int32_t(name.size()));
    han->transliterate(text);
    const QString latin = QString(reinterpret_cast<const QChar *>(text.getBuffer()), text.length());
    // "wang xiao ming ( she ji)" → the syllables, whole and as initials.
    QStringList syllables;
    for (const QString &word : latin.split(u' ', Qt::SkipEmptyParts)) {
        QString letters;
        for (const QChar c : word) {
            if (c.isLetterOrNumber())
                letters.append(c);
        }
        if (!letters.isEmpty())
            syllables.append(letters);
    }
    QString initials;
    for (const QString &s : std::as_const(syllables))
        initials.append(s.front());
    return u"%1 %2 %3"_s.arg(syllables.join(u' '), syllables.join(QString()), initials);
}

QString NameReadings::searchText(const QString &name)
{
    const auto found = m_readings.constFind(name);
    if (found != m_readings.cend())
        return found->isEmpty() ? name : name + u' ' + *found;
    if (hasHan(name))
        request(name);
    return name;
}

void NameReadings::request(const QString &name)
{
    if (m_wanted.contains(name))
        return;
    m_wanted.append(name);
    if (m_working || m_batchPending)
        return;
    // Names asked for while this event is handled (a filter asks for every row) go in one batch.
    m_batchPending = true;
    QTimer::singleShot(0, this, &NameReadings::startBatch);
}

void NameReadings::startBatch()
{
    m_batchPending = false;
    m_working = true;
    const QStringList names = std::exchange(m_wanted, {});
    m_watcher.setFuture(QtConcurrent::run([names] {
        QHash<QString, QString> readings;
        for (const QString &n : names)
            readings.insert(n, readingOf(n));
        return readings;
    }));
}

void NameReadings::onBatchDone()
{
    m_readings.insert(m_watcher.result());
    m_working = false;
    if (!m_wanted.isEmpty())
        startBatch();
    Q_EMIT ready();
}

} // namespace parley
