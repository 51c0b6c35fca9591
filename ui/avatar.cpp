#include "ui/avatar.h"

#include "core/models/namebook.h"

#include <QCryptographicHash>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QPointer>

#include <array>
#include <functional>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

// Muted, readable colours for white initials.
constexpr std::array<QRgb, 10> kPalette{0xff5b8def, 0xff3fb27f, 0xffe0883e, 0xffd9534f, 0xff8e6bd6,
                                        0xff2fa8b8, 0xffc7a03b, 0xff6d84a3, 0xffd66ba0, 0xff4f9d4f};

// The open main windows' books, oldest first: the newest draws (Avatar::pictures).
QList<QPointer<NameBook>> g_books;

// A transparent square of `size` logical pixels, with `fill` drawing into the avatar's shape: people are
// round; groups are rounded squares, as in the messengers people know.
QPixmap shaped(int size, qreal devicePixelRatio, bool group,
               const std::function<void(QPainter &, const QPainterPath &)> &fill)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    QPainterPath shape;
    if (group)
        shape.addRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22);
    else
        shape.addEllipse(QRectF(0, 0, size, size));
    fill(p, shape);
    p.end();
    return pixmap;
}

// A deleted account's face: nobody's, the same for every such account — a grey figure on light grey, no colour or
// initials that would look like a person still there.
void paintNobody(QPainter &p, const QPainterPath &shape, int size)
{
    p.setBrush(QColor(0xd5, 0xd9, 0xdf));
    p.drawPath(shape);
    p.setClipPath(shape);
    p.setBrush(QColor(0xa3, 0xaa, 0xb4));
    const qreal s = size;
    p.drawEllipse(QRectF(s * 0.34, s * 0.2, s * 0.32, s * 0.32)); // head
    p.drawEllipse(QRectF(s * 0.17, s * 0.58, s * 0.66, s * 0.6)); // shoulders
}

} // namespace

void Avatar::addPictures(NameBook *names)
{
    g_books.append(names);
}

void Avatar::removePictures(NameBook *names)
{
    g_books.removeAll(names);
}

NameBook *Avatar::pictures()
{
    g_books.removeAll(nullptr); // a book gone without its window saying so
    return g_books.isEmpty() ? nullptr : g_books.constLast().data();
}

QColor Avatar::colorFor(const QString &id)
{
    const QByteArray hash = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1);
    return QColor::fromRgb(kPalette[uchar(hash.at(0)) % kPalette.size()]);
}

QString Avatar::initialsOf(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return u"?"_s;
    const QChar first = trimmed.front();
    if (first.script() == QChar::Script_Han || !first.isLetter())
        return QString(first);
    const QStringList words = trimmed.split(u' ', Qt::SkipEmptyParts);
    QString initials = words.first().left(1).toUpper();
    if (words.size() > 1 && words.last().front().isLetter())
        initials += words.last().left(1).toUpper();
    return initials;
}

QPixmap Avatar::ofPicture(const QImage &picture, int size, qreal devicePixelRatio, bool group)
{
    return shaped(size, devicePixelRatio, group, [&](QPainter &p, const QPainterPath &shape) {
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.setClipPath(shape);
        p.drawImage(QRectF(0, 0, size, size), picture);
    });
}

QPixmap Avatar::pixmap(const QString &id, const QString &name, int size, qreal devicePixelRatio, bool group)
{
    NameBook *const book = pictures();
    const bool nobody = !group && book && book->isDeleted(id);
    const QImage picture = book && !nobody ? book->picture(id, group) : QImage();
    const QString key = u"avatar:%1:%2:%3:%4:%5:%6:%7"_s.arg(id, name)
                            .arg(size)
                            .arg(devicePixelRatio)
                            .arg(group)
                            .arg(picture.isNull() ? 0 : picture.cacheKey())
                            .arg(nobody);
    QPixmap cached;
    if (QPixmapCache::find(key, &cached))
        return cached;
    QPixmap pixmap;
    if (nobody) {
        pixmap = shaped(size, devicePixelRatio, group,
                        [size](QPainter &p, const QPainterPath &shape) { paintNobody(p, shape, size); });
    } else if (!picture.isNull()) {
        pixmap = ofPicture(picture, size, devicePixelRatio, group);
    } else {
        pixmap = shaped(size, devicePixelRatio, group, [&](QPainter &p, const QPainterPath &shape) {
            p.setBrush(colorFor(id));
            p.drawPath(shape);
            QFont font = p.font();
            const QString initials = initialsOf(name);
            font.setPixelSize(int(size * (initials.size() > 1 ? 0.36 : 0.44)));
            font.setWeight(QFont::DemiBold);
            p.setFont(font);
            p.setPen(Qt::white);
            p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, initials);
        });
    }
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

} // namespace parley
