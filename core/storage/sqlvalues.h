#pragma once

#include "core/types/messagestate.h"
#include "protocol/contenttypes.h"

// Enum values as SQL text, for statements that are string literals (SqlStatements prepares each once, keyed by
// its address, and a partial index serves a query only if the query repeats its condition). Each is checked
// against the enum it stands for, so SQL never carries a bare enum number.

#define PARLEY_SQL_SENDING "0"
#define PARLEY_SQL_SENT "1"
#define PARLEY_SQL_FAILED "2"
#define PARLEY_SQL_DELIVERED "4"
#define PARLEY_SQL_READ "5"
#define PARLEY_SQL_FIRST_NOTICE "100"
#define PARLEY_SQL_CHAT_HISTORY "11"
#define PARLEY_SQL_CALL_RECORD "119"
#define PARLEY_SQL_MISSED_CALL "120"
// A received message of this content type counts as unread (content::countsAsUnread), with the table's alias.
#define PARLEY_SQL_COUNTS_AS_UNREAD(t)                                                                                 \
    "(" t "content_type < " PARLEY_SQL_FIRST_NOTICE " OR " t "content_type = " PARLEY_SQL_MISSED_CALL ")"

static_assert(int(parley::MessageState::Sending) == 0 && int(parley::MessageState::Sent) == 1);
static_assert(int(parley::MessageState::Failed) == 2 && int(parley::MessageState::Delivered) == 4);
static_assert(int(parley::MessageState::Read) == 5);
static_assert(parley::content::kFirstNotice == 100 && parley::content::kChatHistory == 11);
static_assert(parley::content::kCallRecord == 119 && parley::content::kMissedCall == 120);

// The outbox: my messages not acknowledged yet, with the table's alias ("" in the partial index that repeats
// this condition, "m." in queries).
#define PARLEY_SQL_UNSENT(t) t "outgoing = 1 AND " t "state IN (" PARLEY_SQL_SENDING ", " PARLEY_SQL_FAILED ")"
