#pragma once

#include <QList>
#include <QString>

#include <algorithm>
#include <optional>

namespace parley::server {

// A call that rings or is answered, as parleyd keeps it (the calls table) until it ends. Ended calls are gone:
// their record is a message of the conversation.
struct CallRow {
    QString id; // 32 hex digits, random
    qint64 callerId = 0;
    QString callerUid;
    QString callerDevice; // the device that called, and is in the call
    qint64 calleeId = 0;
    QString calleeUid;
    QString calleeDevice; // the device that answered; empty while it rings
    int media = 0;        // v1::CallMedia: as asked, then as answered
    qint64 createdMs = 0;
    qint64 answeredMs = 0; // 0 while it rings
    // When each side's device in the answered call last said it is still in it.
    qint64 callerAliveMs = 0;
    qint64 calleeAliveMs = 0;
    qint64 deadlineMs = 0; // unless something happens first, the call ends then (CallSweeper)

    bool answered() const { return answeredMs != 0; }
    // The last moment both sides were heard of.
    qint64 lastHeardMs() const { return std::min(callerAliveMs, calleeAliveMs); }
};

// Calls in progress, so that every node sees the same ones: who answered first, who is busy. Storage thread.
class ICallStore {
public:
    virtual ~ICallStore() = default;

    virtual bool insertCall(const CallRow &call) = 0;
    virtual std::optional<CallRow> call(const QString &id) = 0;
    // The call the user rings, is rung by, or is in (as caller or callee), if any: a user is in one at most.
    virtual std::optional<CallRow> callOf(qint64 userId) = 0;
    // The callee's device takes a ringing call: false when it no longer rings (answered, or ended, meanwhile,
    // on any node; the row stays locked until the commit, so of two devices one takes it).
    virtual bool answerCall(const QString &id, const QString &calleeDevice, int media, qint64 nowMs,
                            qint64 deadlineMs) = 0;
    // One side of an answered call is still in it: the call's deadline becomes the quieter side's last word plus
    // `silenceMs`, so that a call ends when either side goes silent.
    virtual void keepCallAlive(const QString &id, bool callerSide, qint64 nowMs, qint64 silenceMs) = 0;
    // Ends it: true for the one transaction that removed it (of two enders, one writes its record).
    virtual bool removeCall(const QString &id) = 0;
    // Calls whose deadline is past, the earliest first.
    virtual QList<CallRow> callsDueBy(qint64 nowMs, int limit) = 0;
};

} // namespace parley::server
