#include "protocol/signaltypes.h"

#include "parley.pb.h"

#include <array>
#include <utility>

namespace parley {

namespace {

using namespace Qt::StringLiterals;

constexpr std::array kSignalNames{
    std::pair{Signal::Connect, "CONNECT"_L1}, std::pair{Signal::ConnectAck, "CONNECT_ACK"_L1},
    std::pair{Signal::Publish, "PUBLISH"_L1}, std::pair{Signal::PubAck, "PUB_ACK"_L1},
    std::pair{Signal::Push, "PUSH"_L1},       std::pair{Signal::Ping, "PING"_L1},
    std::pair{Signal::Pong, "PONG"_L1},       std::pair{Signal::Disconnect, "DISCONNECT"_L1},
};

constexpr std::array kSubSignalNames{
    std::pair{SubSignal::US, "US"_L1},       std::pair{SubSignal::UPUI, "UPUI"_L1},
    std::pair{SubSignal::MMI, "MMI"_L1},     std::pair{SubSignal::FAR, "FAR"_L1},
    std::pair{SubSignal::FRN, "FRN"_L1},     std::pair{SubSignal::FRP, "FRP"_L1},
    std::pair{SubSignal::FHR, "FHR"_L1},     std::pair{SubSignal::FP, "FP"_L1},
    std::pair{SubSignal::MS, "MS"_L1},       std::pair{SubSignal::MN, "MN"_L1},
    std::pair{SubSignal::MP, "MP"_L1},       std::pair{SubSignal::MR, "MR"_L1},
    std::pair{SubSignal::LRM, "LRM"_L1},     std::pair{SubSignal::GC, "GC"_L1},
    std::pair{SubSignal::GPGI, "GPGI"_L1},   std::pair{SubSignal::GPGM, "GPGM"_L1},
    std::pair{SubSignal::GAM, "GAM"_L1},     std::pair{SubSignal::GKM, "GKM"_L1},
    std::pair{SubSignal::GQ, "GQ"_L1},       std::pair{SubSignal::GMI, "GMI"_L1},
    std::pair{SubSignal::GQNUT, "GQNUT"_L1}, std::pair{SubSignal::RVC, "RVC"_L1},
    std::pair{SubSignal::LGN, "LGN"_L1},     std::pair{SubSignal::LGO, "LGO"_L1},
    std::pair{SubSignal::MDR, "MDR"_L1},     std::pair{SubSignal::MRD, "MRD"_L1},
    std::pair{SubSignal::DVL, "DVL"_L1},     std::pair{SubSignal::DVR, "DVR"_L1},
    std::pair{SubSignal::FDL, "FDL"_L1},     std::pair{SubSignal::FRM, "FRM"_L1},
    std::pair{SubSignal::BLK, "BLK"_L1},     std::pair{SubSignal::GDS, "GDS"_L1},
    std::pair{SubSignal::GMR, "GMR"_L1},     std::pair{SubSignal::GL, "GL"_L1},
    std::pair{SubSignal::FDG, "FDG"_L1},     std::pair{SubSignal::ME, "ME"_L1},
    std::pair{SubSignal::MRE, "MRE"_L1},     std::pair{SubSignal::MT, "MT"_L1},
    std::pair{SubSignal::MTN, "MTN"_L1},     std::pair{SubSignal::PS, "PS"_L1},
    std::pair{SubSignal::PSN, "PSN"_L1},     std::pair{SubSignal::CSS, "CSS"_L1},
    std::pair{SubSignal::CSL, "CSL"_L1},     std::pair{SubSignal::CSN, "CSN"_L1},
    std::pair{SubSignal::DA, "DA"_L1},       std::pair{SubSignal::DAN, "DAN"_L1},
    std::pair{SubSignal::GMM, "GMM"_L1},     std::pair{SubSignal::GJL, "GJL"_L1},
    std::pair{SubSignal::GJH, "GJH"_L1},     std::pair{SubSignal::MNH, "MNH"_L1},
    std::pair{SubSignal::DLA, "DLA"_L1},     std::pair{SubSignal::CLI, "CLI"_L1},
    std::pair{SubSignal::CLA, "CLA"_L1},     std::pair{SubSignal::CLS, "CLS"_L1},
    std::pair{SubSignal::CLN, "CLN"_L1},
};

// The C++ enums are the header bytes; the .proto enums document them for other languages. Keep them equal.
static_assert(int(Signal::Connect) == v1::CONNECT && int(Signal::ConnectAck) == v1::CONNECT_ACK);
static_assert(int(Signal::Publish) == v1::PUBLISH && int(Signal::PubAck) == v1::PUB_ACK);
static_assert(int(Signal::Push) == v1::PUSH && int(Signal::Ping) == v1::PING);
static_assert(int(Signal::Pong) == v1::PONG && int(Signal::Disconnect) == v1::DISCONNECT);
static_assert(int(SubSignal::US) == v1::US && int(SubSignal::UPUI) == v1::UPUI && int(SubSignal::MMI) == v1::MMI);
static_assert(int(SubSignal::FAR) == v1::FAR && int(SubSignal::FRN) == v1::FRN && int(SubSignal::FRP) == v1::FRP);
static_assert(int(SubSignal::FHR) == v1::FHR && int(SubSignal::FP) == v1::FP && int(SubSignal::MS) == v1::MS);
static_assert(int(SubSignal::MN) == v1::MN && int(SubSignal::MP) == v1::MP && int(SubSignal::MR) == v1::MR);
static_assert(int(SubSignal::LRM) == v1::LRM && int(SubSignal::GC) == v1::GC && int(SubSignal::GPGI) == v1::GPGI);
static_assert(int(SubSignal::GPGM) == v1::GPGM && int(SubSignal::GAM) == v1::GAM && int(SubSignal::GKM) == v1::GKM);
static_assert(int(SubSignal::GQ) == v1::GQ && int(SubSignal::GMI) == v1::GMI && int(SubSignal::GQNUT) == v1::GQNUT);
static_assert(int(SubSignal::RVC) == v1::RVC && int(SubSignal::LGN) == v1::LGN && int(SubSignal::LGO) == v1::LGO);
static_assert(int(SubSignal::MDR) == v1::MDR && int(SubSignal::MRD) == v1::MRD && int(SubSignal::DVL) == v1::DVL);
static_assert(int(SubSignal::DVR) == v1::DVR && int(SubSignal::FDL) == v1::FDL && int(SubSignal::FRM) == v1::FRM);
static_assert(int(SubSignal::BLK) == v1::BLK && int(SubSignal::GDS) == v1::GDS && int(SubSignal::GMR) == v1::GMR);
static_assert(int(SubSignal::GL) == v1::GL && int(SubSignal::FDG) == v1::FDG && int(SubSignal::ME) == v1::ME);
static_assert(int(SubSignal::MRE) == v1::MRE && int(SubSignal::MT) == v1::MT && int(SubSignal::MTN) == v1::MTN);
static_assert(int(SubSignal::PS) == v1::PS && int(SubSignal::PSN) == v1::PSN && int(SubSignal::CSS) == v1::CSS);
static_assert(int(SubSignal::CSL) == v1::CSL && int(SubSignal::CSN) == v1::CSN && int(SubSignal::DA) == v1::DA);
static_assert(int(SubSignal::DAN) == v1::DAN && int(SubSignal::GMM) == v1::GMM && int(SubSignal::GJL) == v1::GJL);
static_assert(int(SubSignal::GJH) == v1::GJH && int(SubSignal::MNH) == v1::MNH && int(SubSignal::DLA) == v1::DLA);
static_assert(int(SubSignal::CLI) == v1::CLI && int(SubSignal::CLA) == v1::CLA && int(SubSignal::CLS) == v1::CLS &&
              int(SubSignal::CLN) == v1::CLN);
static_assert(kSubSignalNames.size() == v1::SubSignal_ARRAYSIZE - 1 - (v1::RVC - v1::GQNUT - 1),
              "every sub-signal of the schema has a name");

} // namespace

QLatin1StringView signalName(Signal signal)
{
    for (const auto &[value, name] : kSignalNames) {
        if (value == signal)
            return name;
    }
    return {};
}

std::optional<Signal> signalFromName(QStringView name)
{
    for (const auto &[value, candidate] : kSignalNames) {
        if (name == candidate)
            return value;
    }
    return std::nullopt;
}

std::optional<Signal> signalFromByte(quint8 byte)
{
    for (const auto &[value, name] : kSignalNames) {
        if (quint8(value) == byte)
            return value;
    }
    return std::nullopt;
}

QLatin1StringView subSignalName(SubSignal subSignal)
{
    for (const auto &[value, name] : kSubSignalNames) {
        if (value == subSignal)
            return name;
    }
    return {};
}

std::optional<SubSignal> subSignalFromName(QStringView name)
{
    for (const auto &[value, candidate] : kSubSignalNames) {
        if (name == candidate)
            return value;
    }
    return std::nullopt;
}

bool isKnownSubSignal(SubSignal subSignal)
{
    return subSignal == SubSignal::None || !subSignalName(subSignal).isEmpty();
}

bool isPushOnly(SubSignal subSignal)
{
    switch (subSignal) {
    case SubSignal::MN:
    case SubSignal::MTN:
    case SubSignal::PSN:
    case SubSignal::CSN:
    case SubSignal::DAN:
    case SubSignal::MNH:
    case SubSignal::CLN: return true;
    default: return false;
    }
}

} // namespace parley
