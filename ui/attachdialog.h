#pragma once

#include "core/types/mediadraft.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QCheckBox;
class QLabel;
class QPushButton;

namespace parley {

class VideoProbe;

// What is about to be sent, before it is: each file with a thumbnail (pictures; videos' first frame, found by a
// VideoProbe while the dialog is up, Send waiting for it) or its name and size, and for pictures and videos
// "Send as file" (no compression, no player). Emits the drafts on Send. Deletes itself when closed. GUI thread.
class AttachDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kThumbnail = 96;
    static constexpr int kMaxFiles = 9; // sent at once

    AttachDialog(const QStringList &paths, QWidget *parent = nullptr);

    // How each path goes: pictures as photos and videos this computer plays as videos unless "send as file"
    // is ticked, the rest as files.
    QList<MediaDraft> drafts() const;
    // Pictures are sent compressed as photos unless this is on.
    void setSendAsFile(bool on);
    static bool isPicture(const QString &path);

Q_SIGNALS:
    void sendRequested(const QList<parley::MediaDraft> &drafts);

private:
    void probeVideo(const QString &path, QLabel *thumbnail, QLabel *name);

    QStringList m_paths;
    QCheckBox *m_asFile = nullptr;
    QPushButton *m_send = nullptr;
    QHash<QString, VideoProbe *> m_videos; // by path
};

} // namespace parley
