#include "bench/nodeset.h"

#include "bench/benchserver.h"

using namespace Qt::StringLiterals;

NodeSet::NodeSet(QList<BenchServer *> nodes, QObject *parent) : QObject(parent), m_nodes(std::move(nodes))
{
    Q_ASSERT(!m_nodes.isEmpty());
}

void NodeSet::start()
{
    for (BenchServer *node : std::as_const(m_nodes))
        connect(node, &BenchServer::failed, this, &NodeSet::failed);
    BenchServer *first = m_nodes.first();
    // Once: a node restarted later says ready() again, which is not this set's start.
    connect(
        first, &BenchServer::ready, this,
        [this, first] {
            const QString tls = first->dataDir() + u"/tls/"_s;
            for (BenchServer *node : m_nodes.mid(1)) {
                node->addArguments({u"--cert"_s, tls + u"cert.pem"_s, u"--key"_s, tls + u"key.pem"_s});
                connect(node, &BenchServer::ready, this, &NodeSet::nodeReady, Qt::SingleShotConnection);
                node->start();
            }
            nodeReady();
        },
        Qt::SingleShotConnection);
    first->start();
}

void NodeSet::nodeReady()
{
    if (++m_ready == m_nodes.size())
        Q_EMIT ready();
}
