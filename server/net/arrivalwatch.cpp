#include "server/net/arrivalwatch.h"

#include "server/net/sessionregistry.h"

namespace parley::server {

ArrivalWatch::ArrivalWatch(SessionRegistry &registry, qint64 userId)
    : m_registry(registry), m_userId(userId), m_pushesBefore(registry.beginArrival(userId))
{
}

ArrivalWatch::~ArrivalWatch()
{
    end();
}

bool ArrivalWatch::end()
{
    if (std::exchange(m_ended, true))
        return false;
    return m_registry.endArrival(m_userId, m_pushesBefore);
}

} // namespace parley::server
