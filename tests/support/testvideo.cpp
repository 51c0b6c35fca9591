#include "tests/support/testvideo.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QtEndian>

namespace {

constexpr quint32 kKeyFrame = 0x10; // AVIIF_KEYFRAME
constexpr quint32 kHasIndex = 0x10; // AVIF_HASINDEX
constexpr int kJpegQuality = 80;

void u32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void u16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

// A chunk: four-character id, little-endian size, data, padded to an even length.
QByteArray chunk(const char *id, const QByteArray &data)
{
    QByteArray out(id, 4);
    u32(out, quint32(data.size()));
    out.append(data);
    if (data.size() % 2)
        out.append('\0');
    return out;
}

QByteArray list(const char *type, const QByteArray &content)
{
    return chunk("LIST", QByteArray(type, 4) + content);
}

} // namespace

bool writeTestVideo(const QString &path, QSize size, int frames, int fps, QColor color)
{
    QList<QByteArray> jpegs;
    quint32 largest = 0;
    for (int i = 0; i < frames; ++i) {
        QImage image(size, QImage::Format_RGB32);
        image.fill(color);
        QPainter(&image).fillRect(QRect(i * size.width() / frames, 0, size.width() / 8, size.height()), Qt::white);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "JPG", kJpegQuality))
            return false;
        jpegs.append(buffer.data());
        largest = std::max(largest, quint32(buffer.data().size()));
    }
    const auto w = quint32(size.width());
    const auto h = quint32(size.height());

    QByteArray avih;
    u32(avih, 1000000 / fps); // microseconds per frame
    u32(avih, largest * fps);
    u32(avih, 0);
    u32(avih, kHasIndex);
    u32(avih, quint32(frames));
    u32(avih, 0);
    u32(avih, 1); // streams
    u32(avih, largest);
    u32(avih, w);
    u32(avih, h);
    avih.append(16, '\0');

    QByteArray strh("vidsMJPG", 8);
    u32(strh, 0);            // flags
    u16(strh, 0);            // priority
    u16(strh, 0);            // language
    u32(strh, 0);            // initial frames
    u32(strh, 1);            // scale
    u32(strh, quint32(fps)); // rate: fps frames per `scale` seconds
    u32(strh, 0);            // start
    u32(strh, quint32(frames));
    u32(strh, largest);
    u32(strh, 0xffffffff); // quality: default
    u32(strh, 0);          // sample size: varies
    u16(strh, 0);
    u16(strh, 0);
    u16(strh, quint16(w));
    u16(strh, quint16(h));

    QByteArray strf; // BITMAPINFOHEADER
    u32(strf, 40);
    u32(strf, w);
    u32(strf, h);
    u16(strf, 1);  // planes
    u16(strf, 24); // bits per pixel
    strf.append("MJPG", 4);
    u32(strf, w * h * 3);
    strf.append(16, '\0');

    const QByteArray hdrl = list("hdrl", chunk("avih", avih) + list("strl", chunk("strh", strh) + chunk("strf", strf)));
    QByteArray movi("movi", 4);
    QByteArray index;
    for (const QByteArray &jpeg : jpegs) {
        index.append("00dc", 4);
        u32(index, kKeyFrame);
        u32(index, quint32(movi.size())); // from the start of "movi"
        u32(index, quint32(jpeg.size()));
        movi.append(chunk("00dc", jpeg));
    }
    const QByteArray riff = chunk("RIFF", QByteArray("AVI ", 4) + hdrl + chunk("LIST", movi) + chunk("idx1", index));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(riff) == riff.size();
}
