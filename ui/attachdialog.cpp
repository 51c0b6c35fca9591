#include "ui/attachdialog.h"

#include "ui/mediapainter.h"
#include "ui/videoprobe.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMimeDatabase>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

AttachDialog::AttachDialog(const QStringList &paths, QWidget *parent)
    : QDialog(parent), m_paths(paths.mid(0, kMaxFiles))
{
    setObjectName(QStringLiteral("attachDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(m_paths.size() == 1 ? tr("Send a file") : tr("Send %n files", nullptr, int(m_paths.size())));
    auto *layout = new QVBoxLayout(this);
    auto *grid = new QGridLayout;
    bool anyPicture = false;
    bool anyVideo = false;
    int row = 0;
    for (const QString &path : std::as_const(m_paths)) {
        const QFileInfo info(path);
        auto *thumbnail = new QLabel(this);
        thumbnail->setFixedSize(kThumbnail, kThumbnail);
        thumbnail->setAlignment(Qt::AlignCenter);
        thumbnail->setObjectName(QStringLiteral("attachThumbnail"));
        if (isPicture(path)) {
            anyPicture = true;
            QImageReader reader(path);
            reader.setAutoTransform(true);
            const QSize size = reader.size().scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio);
            if (size.isValid())
                reader.setScaledSize(size);
            thumbnail->setPixmap(QPixmap::fromImage(reader.read()));
        } else {
            thumbnail->setText(info.suffix().toUpper());
        }
        auto *name = new QLabel(QStringLiteral("<b>%1</b><br>%2")
                                    .arg(info.fileName().toHtmlEscaped(), QLocale().formattedDataSize(info.size())),
                                this);
        name->setTextFormat(Qt::RichText);
        if (!isPicture(path) && VideoProbe::isVideo(path)) {
            anyVideo = true;
            probeVideo(path, thumbnail, name);
        }
        grid->addWidget(thumbnail, row, 0);
        grid->addWidget(name, row, 1);
        ++row;
    }
    layout->addLayout(grid);
    if (paths.size() > kMaxFiles)
        layout->addWidget(new QLabel(tr("Only the first %1 are sent.").arg(kMaxFiles), this));
    if (anyPicture || anyVideo) {
        m_asFile = new QCheckBox(tr("Send as file (original quality, no compression)"), this);
        m_asFile->setObjectName(QStringLiteral("sendAsFile"));
        layout->addWidget(m_asFile);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("attachSend"));
    m_send->setDefault(true);
    m_send->setEnabled(m_videos.isEmpty()); // a video's first frame and length are known first
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT sendRequested(drafts());
        accept();
    });
}

void AttachDialog::probeVideo(const QString &path, QLabel *thumbnail, QLabel *name)
{
    thumbnail->setText(tr("Video"));
    auto *probe = new VideoProbe(path, this);
    m_videos.insert(path, probe);
    connect(probe, &VideoProbe::finished, this, [this, thumbnail, name](const VideoProbe::Info &info) {
        if (info.ok) {
            thumbnail->setPixmap(QPixmap::fromImage(
                info.poster.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            name->setText(tr("%1 · video %2").arg(name->text(), MediaPainter::duration(info.durationMs)));
        }
        const bool allKnown =
            std::all_of(m_videos.cbegin(), m_videos.cend(), [](const VideoProbe *p) { return p->isFinished(); });
        m_send->setEnabled(allKnown);
    });
}

void AttachDialog::setSendAsFile(bool on)
{
    if (m_asFile)
        m_asFile->setChecked(on);
}

bool AttachDialog::isPicture(const QString &path)
{
    const QString mime = QMimeDatabase().mimeTypeForFile(path).name();
    return mime.startsWith(QLatin1String("image/")) && !QImageReader::imageFormat(path).isEmpty();
}

QList<MediaDraft> AttachDialog::drafts() const
{
    const bool asFile = m_asFile && m_asFile->isChecked();
    QList<MediaDraft> out;
    for (const QString &path : m_paths) {
        MediaDraft draft{path};
        const VideoProbe *video = m_videos.value(path);
        if (!asFile && isPicture(path)) {
            draft.kind = MediaDraft::Kind::Photo;
        } else if (!asFile && video && video->info().ok) {
            draft.kind = MediaDraft::Kind::Video;
            draft.durationMs = video->info().durationMs;
            draft.width = video->info().size.width();
            draft.height = video->info().size.height();
            draft.poster = video->info().poster;
        }
        out.append(draft);
    }
    return out;
}

} // namespace parley
