#pragma once

#include "core/types/chathistory.h"

#include <QDialog>
#include <QImage>
#include <QList>
#include <QUrl>

#include <utility>

class QTextBrowser;

namespace parley {

// A forwarded chat history opened: each message with who wrote it and when, its text (links open in the
// browser), a picture's preview, a file's name and size. GUI thread.
class ChatHistoryViewer : public QDialog {
    Q_OBJECT

public:
    static constexpr int kPreviewPixels = 160; // a picture's preview, at most this wide or high

    explicit ChatHistoryViewer(const ChatHistory &history, QWidget *parent = nullptr);

    // The messages as shown (for tests): plain text, one message after another.
    QString plainText() const;

private:
    // The messages as HTML; pictures' previews are named in it and listed in `pictures`.
    static QString html(const ChatHistory &history, QList<std::pair<QUrl, QImage>> &pictures);

    QTextBrowser *m_text;
};

} // namespace parley
