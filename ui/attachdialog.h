#pragma once

#include "core/types/mediadraft.h"

#include <QDialog>
#include <QList>

class QCheckBox;

namespace parley {

// What is about to be sent, before it is: each file with a thumbnail (pictures) or its name and size, and for
// pictures "Send as file" (no compression). Emits the drafts on Send. Deletes itself when closed. GUI thread.
class AttachDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kThumbnail = 96;
    static constexpr int kMaxFiles = 9; // sent at once

    AttachDialog(const QStringList &paths, QWidget *parent = nullptr);

    // How each path goes: pictures as photos unless "send as file" is ticked, the rest as files.
    QList<MediaDraft> drafts() const;
    // Pictures are sent compressed as photos unless this is on.
    void setSendAsFile(bool on);
    static bool isPicture(const QString &path);

Q_SIGNALS:
    void sendRequested(const QList<parley::MediaDraft> &drafts);

private:
    QStringList m_paths;
    QCheckBox *m_asFile = nullptr;
};

} // namespace parley
