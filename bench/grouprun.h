#pragma once

#include "bench/benchrun.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>

class BenchServer;
class Crowd;

// Group fan-out: one group of `members` (the first one its owner, friends with all), `online` of them
// connected; online members take turns sending one message at a time to the group. For each message, the
// time until the first and until the last online member has its push; the server's CPU time per message,
// per inbox row written (one per member) and per push delivered (one per online member but the sender; the
// sender's own copy, pushed back to it, is not counted).
class GroupRun : public BenchRun {
    Q_OBJECT

public:
    static constexpr int kSetupWindow = 50; // friend requests and answers in flight while setting up

    struct Options {
        int members = 500;
        int online = 100;
        int messages = 50;
        int textBytes = 40;
    };

    GroupRun(BenchServer &server, Options options, QObject *parent = nullptr);
    ~GroupRun() override;

    void start();

private:
    void befriendNext();
    void createGroup();
    void sendNext();
    void onPush(const QString &fromClientUuid);
    void report();

    BenchServer &m_server;
    Options m_options;
    Crowd *m_crowd = nullptr;
    int m_nextFriend = 1;
    int m_friendsInFlight = 0;
    int m_friends = 0;
    QString m_groupId;
    int m_sent = 0;
    QByteArray m_currentUuid;
    int m_pushesForCurrent = 0;
    qint64 m_sentAtNs = 0;
    qint64 m_firstNs = 0;
    QList<qint64> m_firstLatencyNs;
    QList<qint64> m_lastLatencyNs;
    QElapsedTimer m_clock;
    qint64 m_cpuStartUs = -1;
    qint64 m_sendStartNs = 0;
};
