#pragma once

// The pictures parley-screenshots gives its people and groups: drawn, then uploaded through the files port.

#include <QColor>
#include <QImage>
#include <QString>

class ParleydProcess;
class RawClient;

// A picture to use as an avatar: a sky from `top` to `bottom`, a sun, and a hill.
QImage scenery(QColor top, QColor bottom, QColor sun, QColor hill, int side = 512);
// Uploads a picture as `who`, as a JPEG: its file id.
QString uploadPicture(ParleydProcess &server, RawClient &who, const QImage &image);
// Makes the picture `who`'s avatar.
void setAvatar(ParleydProcess &server, RawClient &who, const QImage &image);
