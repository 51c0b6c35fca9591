#include "tests/ui/screenshotpictures.h"

#include "parley.pb.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/socialcalls.h"

#include <QBuffer>
#include <QPainter>

namespace {
constexpr int kJpegQuality = 88;
} // namespace

QImage scenery(QColor top, QColor bottom, QColor sun, QColor hill, int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, side);
    sky.setColorAt(0, top);
    sky.setColorAt(1, bottom);
    p.fillRect(image.rect(), sky);
    p.setPen(Qt::NoPen);
    p.setBrush(sun);
    p.drawEllipse(QPointF(side * 0.62, side * 0.38), side * 0.16, side * 0.16);
    p.setBrush(hill);
    p.drawEllipse(QPointF(side * 0.3, side * 1.05), side * 0.75, side * 0.42);
    return image;
}

QString uploadPicture(ParleydProcess &server, RawClient &who, const QImage &image)
{
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", kJpegQuality);
    HttpsPeer peer(server.fingerprint(), server.filesPort());
    peer.setMimeType("image/jpeg");
    return peer.upload(files::uploadGrant(who, jpeg), jpeg);
}

void setAvatar(ParleydProcess &server, RawClient &who, const QImage &image)
{
    parley::v1::ModifyMyInfoRequest r;
    r.set_avatar(uploadPicture(server, who, image).toStdString());
    social::call(who, parley::SubSignal::MMI, r);
}
