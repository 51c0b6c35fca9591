#include "server/routing/inboxdelivery.h"

#include "protocol/frame.h"
#include "server/net/sessionregistry.h"

namespace parley::server {

QByteArray InboxDelivery::payload() const
{
    constexpr char kSeqTag = char((1 << 3) | 0); // field 1, varint
    QByteArray bytes;
    bytes.reserve(1 + 10 + (body ? body->size() : 0));
    bytes.append(kSeqTag);
    quint64 value = seq.value();
    Q_ASSERT(value != 0);
    do {
        const auto low = char(value & 0x7f);
        value >>= 7;
        bytes.append(value ? char(low | 0x80) : low);
    } while (value);
    if (body)
        bytes.append(*body);
    return bytes;
}

void pushDeliveries(SessionRegistry &registry, const QList<InboxDelivery> &deliveries)
{
    for (const InboxDelivery &d : deliveries)
        registry.pushInboxItem(d.userId, [&d] { return Frame{Signal::Push, SubSignal::MN, 0, d.payload()}; });
}

} // namespace parley::server
