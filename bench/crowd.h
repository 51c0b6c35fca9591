#pragma once

#include <QHash>
#include <QList>
#include <QObject>

class BenchClient;
class BenchServer;

// N simulated users logged in (codes from the server's development sender) and connected, each on its
// own BenchClient, a bounded number of logins at a time. With several nodes, user i is on node i % nodes.
class Crowd : public QObject {
    Q_OBJECT

public:
    static constexpr int kLoginConcurrency = 50;

    Crowd(BenchServer &server, int size, QObject *parent = nullptr);
    Crowd(QList<BenchServer *> nodes, int size, QObject *parent = nullptr);
    ~Crowd() override;

    void logIn();
    const QList<BenchClient *> &clients() const { return m_clients; }
    int size() const { return m_size; }
    static QString deviceIdOf(int index);

Q_SIGNALS:
    void connected(); // all of them
    void failed(const QString &why);

private:
    void loginNext();
    void onCode(const QString &phone, const QString &code);
    void connectedOne();

    QList<BenchServer *> m_nodes;
    int m_size;
    QList<BenchClient *> m_clients;
    QHash<QString, int> m_byPhone;
    int m_next = 0;
    int m_inFlight = 0;
    int m_connected = 0;
};
