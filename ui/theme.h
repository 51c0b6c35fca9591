#pragma once

#include <QColor>
#include <QFont>
#include <QString>
#include <QStyle>

class QPainter;
class QVariant;
class QWidget;

namespace parley {

// The light theme's colours and metrics for what delegates paint themselves; widgets take theirs from
// resources/parley.qss, which uses the same values. One place to change the look.
namespace Theme {

inline const QColor kText{0x1f, 0x23, 0x29};
inline const QColor kSecondaryText{0x86, 0x8c, 0x96};
inline const QColor kAccent{0x2f, 0x7c, 0xf6};       // links, own-message accents, selection
inline const QColor kUnreadLine{0xe8, 0xf0, 0xfe};   // the band above the first unread message
inline const QColor kHighlight{0xfd, 0xf3, 0xc7};    // a message just gone to (a reply's quote was clicked)
inline const QColor kChipBorder{0xdd, 0xe1, 0xe6};   // a reaction nobody of mine chose
inline const QColor kListSelected{0xdb, 0xe8, 0xfd}; // the open conversation
inline const QColor kListHover{0xf2, 0xf4, 0xf7};
inline const QColor kListPinned{0xee, 0xf0, 0xf3}; // pinned conversations
inline const QColor kBadge{0xf0, 0x48, 0x48};      // unread counts
inline const QColor kMutedBadge{0xc4, 0xc8, 0xce}; // unread in a muted conversation
inline const QColor kMention{0xe0, 0x3e, 0x3e};    // "[@you]"
inline const QColor kOwnBubble{0xd6, 0xf5, 0xc4};  // my messages
inline const QColor kOtherBubble{0xff, 0xff, 0xff};
inline const QColor kChatBackground{0xf3, 0xf4, 0xf6};
inline const QColor kNoticeText{0x8a, 0x90, 0x99};
inline const QColor kFailed{0xe0, 0x3e, 0x3e};

constexpr int kListRowHeight = 68;
constexpr int kListAvatar = 42;
constexpr int kChatAvatar = 36;
constexpr int kBubbleRadius = 8;
constexpr int kBubblePadding = 10;
constexpr int kBubbleMaxWidthPercent = 66; // of the view's width

constexpr int kBadgeMaxShown = 99; // then "99+"
// The text of an unread or pending count in a badge.
QString badgeText(int count);

// `font` at a pixel size, for what delegates paint.
QFont sized(QFont font, int pixels, bool bold = false);

// Sets a dynamic property the style sheet selects on (`#peerStatus[active="false"]`) and restyles the widget
// if it changed.
void setStyleProperty(QWidget *widget, const char *name, const QVariant &value);

// Loads resources/parley.qss for the whole application.
void applyStyleSheet();

// A list row's background for the open (selected) or hovered row; false if it is neither, and the
// delegate paints its own.
bool paintRowState(QPainter *painter, const QRect &row, QStyle::State state);

} // namespace Theme

} // namespace parley
