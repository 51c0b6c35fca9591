#pragma once

#include <QObject>
#include <QString>

// What every load program is: started once, it finishes once with an exit code; a failure on the way says
// why on stderr and ends it (only the first counts).
class BenchRun : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(int exitCode);

protected:
    void fail(const QString &why);

    bool m_done = false;
};
