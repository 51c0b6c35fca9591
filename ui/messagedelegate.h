#pragma once

#include "ui/bubbletextcache.h"
#include "ui/chiplabels.h"
#include "ui/mediapainter.h"

#include <QStyledItemDelegate>
#include <QSet>
#include <QUrl>

#include <functional>

namespace parley {

struct ChatMessage;
struct Reaction;
class MediaThumbnails;
class NameBook;

// One message of the chat view: a bubble (mine on the right, others' on the left with their avatar and, in
// groups, their name), a time separator when some minutes passed since the previous message, my message's
// state under it (sending, sent, delivered, read; "N read" in groups; failed in red), and recalls and group
// notices as centred grey lines. Text wraps at word boundaries (BubbleText), and a click on a link in it is
// announced as linkActivated. A reply shows the quoted sender and a line of the original at the top of its
// bubble; a click there is announced as quoteActivated. Reactions are chips under the bubble (the emoji and
// how many; mine outlined); a click on one is announced as reactionActivated, hovering says who. Pictures,
// files, voice and video are painted by MediaPainter, and a click on one is announced as mediaAction; a
// forwarded chat history is a HistoryCard, and a click on it is announced as historyActivated. Paints from
// MessageListModel's roles. GUI thread.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr qint64 kSeparatorGapMs = 5 * 60 * 1000; // a time line after this much silence

    using PlaybackOf = std::function<MediaPainter::Playback(qint64 localId)>;

    MessageDelegate(NameBook &names, MediaThumbnails &thumbnails, PlaybackOf playback, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Opening a bubble (double-click) lays its text out as selectable, read-only text over the bubble.
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *, QAbstractItemModel *, const QModelIndex &) const override {}
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Where a media message's content (picture, file row, waveform) or a chat history's card is in its row at
    // `itemRect` drawn with `font`, relative to the row's top-left, as clicks are measured
    // (MediaPainter::actionAt); empty for other messages.
    QRect mediaRect(const QRect &itemRect, const QFont &font, const QModelIndex &index) const;
    // The link under `point` (in the view's coordinates) in a text message's row at `itemRect`; empty if none.
    QUrl linkAt(const QRect &itemRect, const QFont &font, const QModelIndex &index, const QPoint &point) const;
    // Where a reply's quote is in its row at `itemRect`, in the view's coordinates; empty for other messages.
    QRect quoteRect(const QRect &itemRect, const QFont &font, const QModelIndex &index) const;
    // Where the chip of a reaction with `emoji` is in its row at `itemRect` (view's coordinates); empty if none.
    QRect reactionRect(const QRect &itemRect, const QFont &font, const QModelIndex &index, const QString &emoji) const;
    // Over a reaction's chip: who reacted.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    // The message shown highlighted (just gone to), by local id; 0: none.
    void setHighlighted(qint64 localId) { m_highlighted = localId; }
    // While messages are being picked (SelectionBar), nothing in a bubble opens, and picked rows are tinted.
    void setSelecting(bool selecting) { m_selecting = selecting; }
    void setPicked(QSet<qint64> localIds) { m_picked = std::move(localIds); }

Q_SIGNALS:
    void mediaAction(qint64 localId, parley::MediaPainter::Action action);
    // A click on a link in a text message.
    void linkActivated(const QUrl &url);
    // A click on a reply's quote: the original's conversation sequence.
    void quoteActivated(quint64 conversationSeq);
    // A click on a reaction's chip: whether it is mine (to take back) or not (to choose).
    void reactionActivated(qint64 localId, const QString &emoji, bool mine);
    // A click on a forwarded chat history's card.
    void historyActivated(qint64 localId);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The link under `point` (the view's coordinates) in a row at `itemRect` laid out as `l`; empty if none.
    static QUrl linkIn(const Layout &l, const QRect &itemRect, const QPoint &point);
    // My message's state in words (sending, sent, delivered, read, "N read" in groups; failed, in `color`).
    static QString statusOf(const ChatMessage &mine, const QModelIndex &index, QColor &color);
    // What a reaction's chip says: the emoji and how many chose it.
    static QString chipText(const Reaction &reaction);

    NameBook &m_names;
    MediaThumbnails &m_thumbnails;
    PlaybackOf m_playback;
    QUrl m_pressedLink; // the link the left button went down on
    qint64 m_highlighted = 0;
    bool m_selecting = false;
    QSet<qint64> m_picked;
    // Rows are laid out for their size hints and again for each paint: what is costly is done once.
    mutable BubbleTextCache m_texts;
    mutable ChipLabels m_chipLabels;
};

} // namespace parley
