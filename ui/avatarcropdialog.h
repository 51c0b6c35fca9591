#pragma once

#include <QDialog>
#include <QImage>

#include <functional>

namespace parley {

class SquareCropper;

// "Set picture": the square of a picture that becomes an avatar, chosen by moving and zooming the picture under
// a round outline. GUI thread.
class AvatarCropDialog : public QDialog {
    Q_OBJECT

public:
    // `preview`: SquareCropper::previewOf(image), if made already off the GUI thread.
    explicit AvatarCropDialog(const QImage &image, QWidget *parent = nullptr, const QImage &preview = {});

    QImage picture() const;

    // Asks for a picture file, then for its square; `chosen` gets the square (not called if the user cancels; a
    // file that is not a picture is said so in words). The file is decoded on a pool thread (a phone photo takes a
    // noticeable moment), then the dialog opens.
    static void choose(QWidget *parent, const std::function<void(const QImage &)> &chosen);

private:
    SquareCropper *m_cropper;
};

} // namespace parley
