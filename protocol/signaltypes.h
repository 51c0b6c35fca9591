#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <optional>

namespace parley {

// The main signal of a frame (header byte 3). Values equal parley.v1.Signal in parley.proto.
enum class Signal : quint8 {
    Connect = 1,
    ConnectAck = 2,
    Publish = 3,
    PubAck = 4,
    Push = 5,
    Ping = 6,
    Pong = 7,
    Disconnect = 8,
};

// The business operation of a PUBLISH / PUB_ACK / PUSH frame (header byte 4). Values are parley.v1.SubSignal's;
// the names are the design notes' and go on the wire in the JSON envelope. docs/PROTOCOL.md has each request
// and reply in full.
enum class SubSignal : quint8 {
    None = 0,
    US = 1,     // user search: exact, by phone number or user id
    UPUI = 2,   // users' public info (profiles) by id
    MMI = 3,    // modify my info (profile, findable by phone); empty: read it
    FAR = 4,    // friend add request
    FRN = 5,    // friend request notice (schema only: requests arrive as inbox items)
    FRP = 6,    // pull my friend requests
    FHR = 7,    // handle a friend request: accept or reject
    FP = 8,     // my friend list (contacts, blocked users)
    MS = 9,     // send a message
    MN = 10,    // message notice: the push of an inbox item
    MP = 11,    // pull my inbox after a sequence
    MR = 12,    // recall a message I sent
    LRM = 13,   // pull older history of a conversation
    GC = 14,    // create a group
    GPGI = 15,  // a group's info
    GPGM = 16,  // a group's members
    GAM = 17,   // add group members
    GKM = 18,   // kick (remove) group members
    GQ = 19,    // quit a group
    GMI = 20,   // modify group info: name, announcement
    GQNUT = 21, // upload token: where and with what grant to upload a file, or a proof of owning known bytes
    RVC = 32,   // request a verification code (before CONNECT)
    LGN = 33,   // log in with phone + code (before CONNECT)
    LGO = 34,   // log out this device: its token is revoked
    MDR = 35,   // messages delivered: a device of mine stored conversations up to N
    MRD = 36,   // mark read: I have read a conversation up to N
    DVL = 37,   // my devices
    DVR = 38,   // revoke a device (or all others): logged out and disconnected
    FDL = 39,   // delete a friend
    FRM = 40,   // set the remark (alias) I show for a friend
    BLK = 41,   // block or unblock a user
    GDS = 42,   // dismiss a group (owner)
    GMR = 43,   // set a member's role: appoint or revoke an admin, hand over ownership (owner)
    GL = 44,    // the groups I am a member of
    FDG = 45,   // file download grant: a short-lived grant to fetch files over HTTPS
    ME = 46,    // edit one of my text messages
    MRE = 47,   // react to a message with an emoji, or take my reaction back
    MT = 48,    // typing: I am writing (or recording) in a one-to-one chat, or stopped; never stored
    MTN = 49,   // typing notice (push only): the peer is writing, recording, or stopped
    PS = 50,    // presence: whether users are online, or when they were last
    PSN = 51,   // presence notice (push only): a friend came online or went offline
    CSS = 52,   // conversation settings: pin, mute, mark unread, draft — mine, on every device of mine
    CSL = 53,   // every conversation whose settings are not the defaults
    CSN = 54,   // conversation settings notice (push only): another device of mine changed them
    DA = 55,    // device activity: someone is using this device now, or stopped; never stored
    DAN = 56,   // device activity notice (push only): another device of mine is in use, or not
    GMM = 57,   // mute a group member for a while, or end it (owner and admins)
    GJL = 58,   // the requests to join a group that wait for approval (owner and admins)
    GJH = 59,   // approve or reject a request to join a group (owner and admins)
    MNH = 60,   // inbox hint (push only): items may have been missed; pull the inbox (MP)
    DLA = 61,   // delete my account, with a fresh code (RVC after CONNECT sends one to my number)
    CLI = 62,   // call invite: ring a friend's devices for a one-to-one voice or video call
    CLA = 63,   // call action: accept, decline, busy, hang up (or cancel), keep alive
    CLS = 64,   // call signal: a session description or ICE candidate for the other device of the call
    CLN = 65,   // call notice (push only): a call rings, was accepted, ended, or the other device signals
};

// Names as used in the WebSocket JSON envelope ("PUBLISH", "MS").
QLatin1StringView signalName(Signal signal);
std::optional<Signal> signalFromName(QStringView name);
std::optional<Signal> signalFromByte(quint8 value);

QLatin1StringView subSignalName(SubSignal subSignal); // "" for an unknown value
std::optional<SubSignal> subSignalFromName(QStringView name);
bool isKnownSubSignal(SubSignal subSignal);
// Sent by the server only, in PUSH: never a request.
bool isPushOnly(SubSignal subSignal);

} // namespace parley
