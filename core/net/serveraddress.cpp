#include "core/net/serveraddress.h"

namespace parley {

using namespace Qt::StringLiterals;

QList<ServerAddress> ServerAddress::parseList(const QString &text, quint16 defaultPort)
{
    QList<ServerAddress> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString entry = part.trimmed();
        if (entry.isEmpty())
            continue;
        ServerAddress a{entry, defaultPort};
        const qsizetype colon = entry.lastIndexOf(u':');
        const bool bareIpv6 = entry.count(u':') > 1 && !entry.startsWith(u'[');
        if (colon > 0 && !bareIpv6) {
            const quint16 port = quint16(entry.mid(colon + 1).toUInt());
            a.host = entry.left(colon);
            a.port = port == 0 ? defaultPort : port;
        }
        if (a.host.startsWith(u'[') && a.host.endsWith(u']'))
            a.host = a.host.mid(1, a.host.size() - 2);
        out.append(a);
    }
    return out;
}

QString ServerAddress::toString() const
{
    return (host.contains(u':') ? u"[%1]:%2"_s : u"%1:%2"_s).arg(host).arg(port);
}

} // namespace parley
