#pragma once

#include <QDialog>
#include <QImage>
#include <QStringList>

class QLabel;
class QPushButton;
class QScrollArea;

namespace parley {

// A picture of the chat full size: fitted to the window at first, zoomed with the wheel, Ctrl +/- or the
// buttons, previous and next within the chat (arrow keys), "Save as" and "Copy". Deletes itself when closed.
// GUI thread.
class ImageViewer : public QDialog {
    Q_OBJECT

public:
    static constexpr double kZoomStep = 1.25;
    static constexpr double kMaxZoom = 8.0;

    // `paths` are the chat's pictures on this computer, oldest first; `current` is the one shown.
    ImageViewer(QStringList paths, int current, QWidget *parent = nullptr);

    int current() const { return m_current; }
    double zoom() const { return m_zoom; }
    bool fitted() const { return m_fit; }
    void showPicture(int index);
    void zoomBy(double factor);
    void fitToWindow();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void render();
    void saveAs();

    QStringList m_paths;
    int m_current = 0;
    QImage m_image;
    double m_zoom = 1.0;
    bool m_fit = true;
    QScrollArea *m_area;
    QLabel *m_picture;
    QLabel *m_position;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace parley
