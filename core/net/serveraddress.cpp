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
        QString host = entry;
        QString port;
        if (entry.startsWith(u'[')) { // [IPv6] or [IPv6]:port
            const qsizetype close = entry.indexOf(u']');
            if (close < 0)
                continue;
            host = entry.mid(1, close - 1);
            const QString rest = entry.mid(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(u':'))
                continue;
            port = rest.mid(1);
        } else if (entry.count(u':') == 1) { // host:port (more colons: a bare IPv6 address)
            const qsizetype colon = entry.indexOf(u':');
            host = entry.left(colon);
            port = entry.mid(colon + 1);
        }
        bool ok = true;
        const uint number = port.isEmpty() ? defaultPort : port.toUInt(&ok);
        if (host.isEmpty() || !ok || number == 0 || number > 65535)
            continue; // not an address: left out
        out.append(ServerAddress{host, quint16(number)});
    }
    return out;
}

QString ServerAddress::toString() const
{
    return (host.contains(u':') ? u"[%1]:%2"_s : u"%1:%2"_s).arg(host).arg(port);
}

} // namespace parley
