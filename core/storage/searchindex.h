#pragma once

#include "common/sqlstatements.h"

#include <QList>
#include <QString>

namespace parley {

class LocalDatabase;

// The local full-text index of message texts (FTS5, contentless, the message's row id as its row id;
// words from SearchTerms). It follows the messages table in batches of rows after the last one indexed —
// outside sync's transactions, so catching up on 100,000 messages does not wait for the index — and a
// recalled message leaves it, an edited one is found by its new text. Searches return the newest matches first. Engine
// thread.
class SearchIndex {
public:
    static constexpr int kCatchUpBatch = 1000; // small: sync and the UI wait for a batch at most

    SearchIndex(LocalDatabase &db);

    // Before a message's text changes (a recall): takes it out if it was indexed. In the caller's transaction.
    bool remove(qint64 messageId, int contentType, const QString &text);
    // A message's text was edited: the index finds it by the new words only. In the caller's transaction.
    bool replace(qint64 messageId, int contentType, const QString &oldText, const QString &newText);
    // Message row ids whose text contains what was typed, newest first.
    QList<qint64> find(const QString &typed, int limit);
    // Indexes the next batch of messages not indexed yet; false when the index has caught up.
    bool catchUp();

private:
    bool add(qint64 messageId, int contentType, const QString &text);
    static bool indexed(int contentType, const QString &text);
    qint64 indexedUpTo();

    LocalDatabase &m_db;
    SqlStatements m_sql;
    qint64 m_indexedUpTo = -1; // the last message row indexed (-1: not read yet)
};

} // namespace parley
