#include "ui/avatarlabel.h"

#include "core/models/namebook.h"
#include "ui/avatar.h"

namespace parley {

AvatarLabel::AvatarLabel(int size, QWidget *parent) : QLabel(parent), m_size(size)
{
    setFixedSize(size, size);
}

void AvatarLabel::showAvatar(const QString &id, const QString &name, bool group)
{
    m_id = id;
    m_name = name;
    m_group = group;
    if (!m_following && Avatar::pictures()) {
        m_following = true;
        connect(Avatar::pictures(), &NameBook::picturesChanged, this, &AvatarLabel::redraw);
    }
    redraw();
}

void AvatarLabel::redraw()
{
    if (!m_id.isEmpty())
        setPixmap(Avatar::pixmap(m_id, m_name, m_size, devicePixelRatioF(), m_group));
}

} // namespace parley
