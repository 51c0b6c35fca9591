#pragma once

#include <QObject>

class QSocketNotifier;

namespace parley::server {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so that parleyd stops
// cleanly: clients are told, storage work finishes, the database is closed; and SIGHUP into one that reloads
// the certificate.
class UnixSignalWatcher final : public QObject {
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace parley::server
