#include "ui/avatarcropdialog.h"

#include "ui/popups.h"
#include "ui/squarecropper.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSlider>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace parley {

namespace {
constexpr int kSliderSteps = 100; // the zoom slider's resolution between 1× and SquareCropper::kMaxZoom
} // namespace

AvatarCropDialog::AvatarCropDialog(const QImage &image, QWidget *parent, const QImage &preview)
    : QDialog(parent), m_cropper(new SquareCropper(this))
{
    setWindowTitle(tr("Set picture"));
    m_cropper->setObjectName(QStringLiteral("avatarCropper"));
    m_cropper->setImage(image, preview);
    auto *hint = new QLabel(tr("Drag to move the picture; zoom with the slider or the mouse wheel."), this);
    hint->setObjectName(QStringLiteral("secondaryText"));
    hint->setWordWrap(true);
    auto *zoom = new QSlider(Qt::Horizontal, this);
    zoom->setObjectName(QStringLiteral("avatarZoom"));
    zoom->setRange(0, kSliderSteps);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Set picture"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("primaryButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_cropper, 1);
    layout->addWidget(hint);
    layout->addWidget(zoom);
    layout->addWidget(buttons);

    // The slider is linear in the logarithm of the zoom, so each step looks the same.
    const double logMax = std::log(SquareCropper::kMaxZoom);
    connect(zoom, &QSlider::valueChanged, this,
            [this, logMax](int v) { m_cropper->setZoom(std::exp(logMax * v / kSliderSteps)); });
    connect(m_cropper, &SquareCropper::zoomChanged, zoom, [zoom, logMax](double z) {
        const QSignalBlocker blocker(zoom);
        zoom->setValue(int(std::lround(std::log(z) / logMax * kSliderSteps)));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QImage AvatarCropDialog::picture() const
{
    return m_cropper->cropped();
}

void AvatarCropDialog::choose(QWidget *parent, const std::function<void(const QImage &)> &chosen)
{
    auto *files = new QFileDialog(parent, tr("Choose a picture"),
                                  QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
    files->setFileMode(QFileDialog::ExistingFile);
    files->setNameFilter(tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<QWidget> owner(parent);
    connect(files, &QFileDialog::fileSelected, parent, [owner, chosen](const QString &path) {
        using Decoded = std::pair<QImage, QImage>;           // the picture and its preview
        auto *decoding = new QFutureWatcher<Decoded>(owner); // goes with its owner, if that goes first
        connect(decoding, &QFutureWatcher<Decoded>::finished, owner, [decoding, owner, chosen] {
            const auto [image, preview] = decoding->result();
            decoding->deleteLater();
            if (image.isNull()) {
                popups::inform(owner, tr("Not a picture"), tr("This file cannot be read as a picture."));
                return;
            }
            auto *crop = new AvatarCropDialog(image, owner, preview);
            crop->setAttribute(Qt::WA_DeleteOnClose);
            connect(crop, &QDialog::accepted, owner, [crop, chosen] { chosen(crop->picture()); });
            crop->open();
        });
        decoding->setFuture(QtConcurrent::run([path] {
            QImageReader reader(path);
            reader.setAutoTransform(true); // a phone photo's orientation
            QImage image = reader.read();
            QImage preview = SquareCropper::previewOf(image);
            return Decoded{std::move(image), std::move(preview)};
        }));
    });
    files->open();
}

} // namespace parley
