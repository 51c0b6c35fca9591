#pragma once

#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QWidget>

namespace parley {

// Chooses a square of a picture: the square (with the round outline an avatar will have) stays in the middle of
// the widget; the picture moves under it by dragging and grows by the wheel or setZoom. At zoom 1 the picture's
// shorter side fills the square; the square never leaves the picture. GUI thread.
class SquareCropper : public QWidget {
    Q_OBJECT

public:
    static constexpr double kMaxZoom = 8.0;
    static constexpr int kPreviewPixels = 1024; // the picture is drawn from a copy at most this large
    static constexpr int kMargin = 16;

    explicit SquareCropper(QWidget *parent = nullptr);

    // `preview`: previewOf(image) if the caller made it already (off the GUI thread), else made here.
    void setImage(const QImage &image, const QImage &preview = {});
    // The copy the picture is drawn from: at most kPreviewPixels on its longer side. Any thread.
    static QImage previewOf(const QImage &image);
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    // Where the square's centre is, in the picture's pixels; it stays inside the picture.
    void setCenter(QPointF center);
    // The square chosen, in the picture's pixels, and the picture cut to it.
    QRectF selection() const;
    QImage cropped() const;

    QSize sizeHint() const override { return {360, 360}; }

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QRectF square() const; // the square, in the widget
    double scale() const;  // widget pixels per picture pixel
    void clampCenter();

    QImage m_image;
    QPixmap m_preview;
    double m_zoom = 1.0;
    QPointF m_center;
    QPointF m_dragFrom;
};

} // namespace parley
