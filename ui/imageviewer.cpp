#include "ui/imageviewer.h"

#include "ui/popups.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace parley {

ImageViewer::ImageViewer(QStringList paths, int current, QWidget *parent)
    : QDialog(parent),
      m_paths(std::move(paths)),
      m_area(new QScrollArea(this)),
      m_picture(new QLabel(this)),
      m_position(new QLabel(this)),
      m_previous(new QPushButton(tr("Previous"), this)),
      m_next(new QPushButton(tr("Next"), this))
{
    setObjectName(QStringLiteral("imageViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Picture"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_area->setWidget(m_picture);
    m_area->setWidgetResizable(true);
    m_area->setAlignment(Qt::AlignCenter);
    m_area->setObjectName(QStringLiteral("imageArea"));
    m_area->viewport()->installEventFilter(this);

    auto *zoomOut = new QPushButton(tr("Zoom out"), this);
    auto *zoomIn = new QPushButton(tr("Zoom in"), this);
    auto *fit = new QPushButton(tr("Fit"), this);
    auto *save = new QPushButton(tr("Save as…"), this);
    auto *copy = new QPushButton(tr("Copy"), this);
    auto *bar = new QHBoxLayout;
    for (QPushButton *b : {m_previous, m_next})
        bar->addWidget(b);
    bar->addWidget(m_position);
    bar->addStretch(1);
    for (QPushButton *b : {zoomOut, zoomIn, fit, save, copy})
        bar->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_area, 1);
    layout->addLayout(bar);

    connect(m_previous, &QPushButton::clicked, this, [this] { showPicture(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPicture(m_current + 1); });
    connect(zoomIn, &QPushButton::clicked, this, [this] { zoomBy(kZoomStep); });
    connect(zoomOut, &QPushButton::clicked, this, [this] { zoomBy(1 / kZoomStep); });
    connect(fit, &QPushButton::clicked, this, &ImageViewer::fitToWindow);
    connect(save, &QPushButton::clicked, this, &ImageViewer::saveAs);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setImage(m_image); });
    resize(900, 700);
    showPicture(current);
}

void ImageViewer::showPicture(int index)
{
    if (index < 0 || index >= m_paths.size())
        return;
    m_current = index;
    QImageReader reader(m_paths.at(index));
    reader.setAutoTransform(true);
    m_image = reader.read();
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < m_paths.size());
    m_position->setText(tr("%1 of %2").arg(index + 1).arg(m_paths.size()));
    if (m_image.isNull())
        m_picture->setText(tr("This picture cannot be shown."));
    fitToWindow();
}

void ImageViewer::fitToWindow()
{
    m_fit = true;
    render();
}

void ImageViewer::zoomBy(double factor)
{
    if (m_image.isNull())
        return;
    if (m_fit) { // from the fitted size
        const QSize fitted = m_image.size().scaled(m_area->viewport()->size(), Qt::KeepAspectRatio);
        m_zoom = double(fitted.width()) / m_image.width();
    }
    m_fit = false;
    m_zoom = std::clamp(m_zoom * factor, 0.05, kMaxZoom);
    render();
}

void ImageViewer::render()
{
    if (m_image.isNull())
        return;
    QSize size;
    if (m_fit) {
        size = m_image.size().boundedTo(m_image.size().scaled(m_area->viewport()->size(), Qt::KeepAspectRatio));
        m_zoom = double(size.width()) / m_image.width();
    } else {
        size = m_image.size() * m_zoom;
    }
    const qreal dpr = devicePixelRatioF();
    QPixmap pixmap =
        QPixmap::fromImage(m_image.scaled(size * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(dpr);
    m_picture->setPixmap(pixmap);
}

void ImageViewer::saveAs()
{
    const QString source = m_paths.value(m_current);
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) + QLatin1Char('/') +
                              QFileInfo(source).fileName();
    auto *dialog = new QFileDialog(this, tr("Save picture"), suggested);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, source](const QString &target) {
        QFile::remove(target);
        if (!QFile::copy(source, target))
            popups::inform(this, tr("Save picture"), tr("The picture could not be saved to %1.").arg(target));
    });
    dialog->open();
}

void ImageViewer::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left: showPicture(m_current - 1); return;
    case Qt::Key_Right: showPicture(m_current + 1); return;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(kZoomStep); return;
    case Qt::Key_Minus: zoomBy(1 / kZoomStep); return;
    case Qt::Key_0: fitToWindow(); return;
    default: QDialog::keyPressEvent(event);
    }
}

bool ImageViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_area->viewport() && event->type() == QEvent::Resize && m_fit) {
        render(); // fitted to the room the window has now
        return false;
    }
    if (watched == m_area->viewport() && event->type() == QEvent::Wheel) {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        zoomBy(wheel->angleDelta().y() > 0 ? kZoomStep : 1 / kZoomStep);
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace parley
