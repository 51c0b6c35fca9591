#pragma once

#include <QList>
#include <QObject>

class BenchServer;

// The parleyd nodes of a run, started with one certificate as a deployment has (the first node makes it, the
// others are given it): ready() once every node is up.
class NodeSet : public QObject {
    Q_OBJECT

public:
    explicit NodeSet(QList<BenchServer *> nodes, QObject *parent = nullptr);

    void start();
    const QList<BenchServer *> &nodes() const { return m_nodes; }

Q_SIGNALS:
    void ready();
    void failed(const QString &why);

private:
    void nodeReady();

    QList<BenchServer *> m_nodes;
    int m_ready = 0;
};
