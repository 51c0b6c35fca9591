#include "server/routing/inboxdelivery.h"

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/net/sessionregistry.h"

namespace parley::server {

void pushDeliveries(SessionRegistry &registry, const QList<InboxDelivery> &deliveries)
{
    for (const InboxDelivery &d : deliveries)
        registry.pushToUser(d.userId, Frame{Signal::Push, SubSignal::MN, 0, toBytes(d.item)}, d.exceptSession);
}

} // namespace parley::server
