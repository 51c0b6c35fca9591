#pragma once

#include <QLabel>

namespace parley {

// An avatar outside a list (profile card, settings, a search result, a group's details): shows a person or group
// as Avatar draws them and draws again when their picture arrives. GUI thread.
class AvatarLabel : public QLabel {
    Q_OBJECT

public:
    AvatarLabel(int size, QWidget *parent = nullptr);

    void showAvatar(const QString &id, const QString &name, bool group = false);

private:
    void redraw();

    int m_size;
    QString m_id;
    QString m_name;
    bool m_group = false;
    bool m_following = false;
};

} // namespace parley
