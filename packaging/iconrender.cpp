// parley-iconrender SVG OUT_DIR SIZE...: the app icon as OUT_DIR/SIZExSIZE/apps/parley.png for each size, the
// hicolor theme's layout. Run at build time for the packages (packaging/CMakeLists.txt).

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        fprintf(stderr, "usage: parley-iconrender SVG OUT_DIR SIZE...\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        fprintf(stderr, "parley-iconrender: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    for (qsizetype i = 3; i < args.size(); ++i) {
        const int size = args.at(i).toInt();
        if (size <= 0)
            return 2;
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        if (!QDir().mkpath(dir) || !image.save(dir + QStringLiteral("/parley.png"))) {
            fprintf(stderr, "parley-iconrender: cannot write into %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
