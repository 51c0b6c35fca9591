#pragma once

#include <QByteArray>
#include <QString>

namespace parley::server {

// The keys of the locks a job takes before its batch runs (StoreJob::lockKeys, IStore::takeLocks). Two nodes'
// batches that write the same rows take them in one order (ascending keys) and so never wait for each other in
// a circle. A key is 64 bits of a SHA-256 of a name: two names sharing one only wait for each other sometimes.
class LockKey {
public:
    static qint64 of(const QByteArray &name);
    // The users row of one person (profile, last seen): every writer of it declares this key.
    static qint64 ofUser(qint64 userId);
    // One stored message, which recalls, edits and reactions read and then rewrite: they declare this key, so
    // that two nodes' changes of one message run one after the other and neither is lost.
    static qint64 ofMessage(qint64 messageUid);
    // Stored content (a blob per SHA-256): who makes a file of it, and collecting it once unused, take this key,
    // so that a node cannot remove a blob another node's new file has just taken up.
    static qint64 ofContent(const QByteArray &sha256);
    // One call (answering it, ending it, relaying its signals), and the calls of one user (by public id), which
    // a new call reads to tell whether its callee is busy.
    static qint64 ofCall(const QString &callId);
    static qint64 ofCallsOf(const QString &uid);
};

} // namespace parley::server
