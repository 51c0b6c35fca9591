#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace parley {

// What people type to find a Chinese name: its pinyin, whole and as initials — "李明" is found by "liming",
// "li ming" and "lm"; surnames read as surnames ("单" as "shan"). From ICU's Han-Latin transliterator,
// whose rules take a noticeable time to load (about 160 ms here), so readings are made on a pool thread
// the first time they are asked for, and `ready` says when they are in. Names without Chinese need none.
// Owned and asked on one thread (the GUI's); the work runs elsewhere.
class NameReadings : public QObject {
    Q_OBJECT

public:
    explicit NameReadings(QObject *parent = nullptr);
    ~NameReadings() override;

    // The name with what finds it ("李明 li ming liming lm"); the name alone until its reading is in, in
    // which case it is asked for.
    QString searchText(const QString &name);

    // Blocking: a name's reading ("li ming liming lm"), or empty when it has no Chinese. Any thread.
    static QString readingOf(const QString &name);

Q_SIGNALS:
    void ready();

private:
    void request(const QString &name);
    void startBatch();
    void onBatchDone();

    QHash<QString, QString> m_readings;
    QStringList m_wanted; // asked for, not yet sent to the pool
    bool m_batchPending = false;
    bool m_working = false; // a batch is on the pool, or its result not yet taken
    QFutureWatcher<QHash<QString, QString>> m_watcher;
};

} // namespace parley
