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

// The business operation of a PUBLISH / PUB_ACK / PUSH frame. Values equal parley.v1.SubSignal.
enum class SubSignal : quint8 {
    None = 0,
    US = 1,
    UPUI = 2,
    MMI = 3,
    FAR = 4,
    FRN = 5,
    FRP = 6,
    FHR = 7,
    FP = 8,
    MS = 9,
    MN = 10,
    MP = 11,
    MR = 12,
    LRM = 13,
    GC = 14,
    GPGI = 15,
    GPGM = 16,
    GAM = 17,
    GKM = 18,
    GQ = 19,
    GMI = 20,
    GQNUT = 21,
    RVC = 32,
    LGN = 33,
    LGO = 34,
    MDR = 35,
    MRD = 36,
    DVL = 37,
    DVR = 38,
    FDL = 39,
    FRM = 40,
    BLK = 41,
    GDS = 42,
    GMR = 43,
    GL = 44,
};

// Names as used in the WebSocket JSON envelope ("PUBLISH", "MS").
QLatin1StringView signalName(Signal signal);
std::optional<Signal> signalFromName(QStringView name);
std::optional<Signal> signalFromByte(quint8 value);

QLatin1StringView subSignalName(SubSignal subSignal); // "" for an unknown value
std::optional<SubSignal> subSignalFromName(QStringView name);
bool isKnownSubSignal(SubSignal subSignal);

} // namespace parley
