// parley-disk-bench: what this machine's disk alone does to a commit's latency, with parleyd's own I/O patterns
// and no parleyd. A "commit" is a write appended to a log file followed by fdatasync, as SQLite's WAL commits.
// Each round runs the commits alone (the reference) and beside a second writer, alternately:
//
//   --scenario checkpoints  commits of 340 KB at 500/s (10,000 msg/s in batches of 20, ~17 KB of WAL each),
//                           beside a checkpoint that writes --pages random 4 KiB pages of another file and
//                           fsyncs it every 230 ms (issue 13's open loop)
//   --scenario blobs        commits of 8 KB at 100/s (the chat of the uploads scenario), beside uploads written
//                           at --blob-mb MB/s in 256 KiB writes started at once (sync_file_range) and fsynced
//                           every 4 MiB, as parleyd's files port writes them (issue 11)
//
// The figures are the commits' p50, p99 and max, and the ratio of p99 beside the writer to p99 alone.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kPageBytes = 4096;
constexpr std::size_t kDatabaseBytes = std::size_t(256) << 20; // the checkpoint's file: pages land anywhere in it
constexpr auto kCheckpointInterval = std::chrono::milliseconds(230);
constexpr std::size_t kBlobWriteBytes = std::size_t(256) << 10;
constexpr std::size_t kBlobSyncBytes = std::size_t(4) << 20;
constexpr int kBlobFiles = 20; // reused in turn, so the disk does not fill
constexpr std::size_t kLogWrapBytes = std::size_t(64) << 20;

struct Options {
    std::string scenario = "checkpoints";
    std::string dir = "/var/tmp";
    int seconds = 8;
    int rounds = 3;
    int pages = 3000;
    double blobMB = 35;
};

struct Figures {
    double p50 = 0, p99 = 0, max = 0;
    std::size_t commits = 0;
};

[[noreturn]] void die(const char *what)
{
    std::perror(what);
    std::exit(2);
}

int openFile(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        die(path.c_str());
    return fd;
}

void writeAt(int fd, const std::vector<char> &bytes, off_t at)
{
    if (::pwrite(fd, bytes.data(), bytes.size(), at) != ssize_t(bytes.size()))
        die("pwrite");
}

std::vector<char> randomBytes(std::size_t n, std::mt19937_64 &random)
{
    std::vector<char> bytes(n);
    for (char &c : bytes)
        c = char(random());
    return bytes;
}

// Commits of `bytes` at `perSecond` for `seconds`, paced by a fixed schedule (a late commit does not move the
// next one), each timed from its write to the end of its fdatasync.
Figures commits(const std::string &path, std::size_t bytes, int perSecond, int seconds)
{
    std::mt19937_64 random(1);
    const std::vector<char> frame = randomBytes(bytes, random);
    const int fd = openFile(path);
    std::vector<double> ms;
    const auto interval = std::chrono::nanoseconds(1'000'000'000 / perSecond);
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    auto next = Clock::now();
    off_t offset = 0;
    while (Clock::now() < end) {
        next += interval;
        const auto start = Clock::now();
        writeAt(fd, frame, offset);
        if (::fdatasync(fd) != 0)
            die("fdatasync");
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        offset = off_t((std::size_t(offset) + bytes) % kLogWrapBytes);
        std::this_thread::sleep_until(next);
    }
    ::close(fd);
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * q))]; };
    return Figures{at(0.5), at(0.99), ms.back(), ms.size()};
}

void checkpoints(const std::string &path, int pages, const std::atomic<bool> &stop)
{
    std::mt19937_64 random(2);
    const std::vector<char> page = randomBytes(kPageBytes, random);
    const int fd = openFile(path);
    if (::posix_fallocate(fd, 0, off_t(kDatabaseBytes)) != 0 || ::fsync(fd) != 0)
        die("fallocate");
    std::uniform_int_distribution<std::size_t> where(0, kDatabaseBytes / kPageBytes - 1);
    while (!stop) {
        const auto next = Clock::now() + kCheckpointInterval;
        for (int i = 0; i < pages; ++i)
            writeAt(fd, page, off_t(where(random) * kPageBytes));
        if (::fsync(fd) != 0)
            die("fsync");
        std::this_thread::sleep_until(next);
    }
    ::close(fd);
}

void blobs(const std::string &dir, double megabytesPerSecond, const std::atomic<bool> &stop)
{
    std::mt19937_64 random(3);
    const std::vector<char> block = randomBytes(kBlobWriteBytes, random);
    const auto perBlock = std::chrono::nanoseconds(std::int64_t(double(kBlobWriteBytes) / megabytesPerSecond * 1e3));
    auto next = Clock::now();
    for (int file = 0; !stop; file = (file + 1) % kBlobFiles) {
        const int fd = openFile(dir + "/blob" + std::to_string(file));
        for (std::size_t at = 0; at < kBlobSyncBytes && !stop; at += kBlobWriteBytes) {
            writeAt(fd, block, off_t(at));
            ::sync_file_range(fd, off_t(at), off_t(kBlobWriteBytes), SYNC_FILE_RANGE_WRITE);
            next += perBlock;
            std::this_thread::sleep_until(next);
        }
        if (::fsync(fd) != 0)
            die("fsync");
        ::close(fd);
    }
}

Figures measure(const Options &o, bool beside)
{
    const bool open = o.scenario == "checkpoints";
    std::atomic<bool> stop = false;
    std::thread writer;
    if (beside && open)
        writer = std::thread([&] { checkpoints(o.dir + "/database", o.pages, stop); });
    else if (beside)
        writer = std::thread([&] { blobs(o.dir, o.blobMB, stop); });
    const Figures f = open ? commits(o.dir + "/wal", std::size_t(20) * 17 * 1024, 500, o.seconds)
                           : commits(o.dir + "/wal", 8 * 1024, 100, o.seconds);
    stop = true;
    if (writer.joinable())
        writer.join();
    return f;
}

void print(const char *label, const Figures &f)
{
    std::printf("  %-28s %6zu commits: p50 %6.2f ms, p99 %6.2f ms, max %6.2f ms\n", label, f.commits, f.p50, f.p99,
                f.max);
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (arg == "--help" || !value) {
            std::printf("usage: parley-disk-bench [--scenario checkpoints|blobs] [--dir D] [--seconds S] [--rounds N] "
                        "[--pages P] [--blob-mb M]\n");
            std::exit(arg == "--help" ? 0 : 2);
        }
        if (arg == "--scenario")
            o.scenario = value;
        else if (arg == "--dir")
            o.dir = value;
        else if (arg == "--seconds")
            o.seconds = std::max(1, std::atoi(value));
        else if (arg == "--rounds")
            o.rounds = std::max(1, std::atoi(value));
        else if (arg == "--pages")
            o.pages = std::max(0, std::atoi(value));
        else if (arg == "--blob-mb")
            o.blobMB = std::max(0.1, std::atof(value));
        else {
            std::fprintf(stderr, "parley-disk-bench: unknown option %s\n", arg.c_str());
            std::exit(2);
        }
        ++i;
    }
    if (o.scenario != "checkpoints" && o.scenario != "blobs") {
        std::fprintf(stderr, "parley-disk-bench: unknown scenario %s (checkpoints, blobs)\n", o.scenario.c_str());
        std::exit(2);
    }
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    Options o = parse(argc, argv);
    char tmpl[4096];
    std::snprintf(tmpl, sizeof tmpl, "%s/parley-disk-bench.XXXXXX", o.dir.c_str());
    if (!::mkdtemp(tmpl))
        die("mkdtemp");
    o.dir = tmpl;
    const bool open = o.scenario == "checkpoints";
    if (open)
        std::printf("parley-disk-bench checkpoints: 500 commits/s of 340 KB, alone and beside a checkpoint of %d "
                    "pages every 230 ms; %d s each, %d rounds\n",
                    o.pages, o.seconds, o.rounds);
    else
        std::printf("parley-disk-bench blobs: 100 commits/s of 8 KB, alone and beside uploads written at %.0f MB/s; "
                    "%d s each, %d rounds\n",
                    o.blobMB, o.seconds, o.rounds);
    std::vector<double> alone, beside;
    for (int round = 1; round <= o.rounds; ++round) {
        const Figures a = measure(o, false);
        const Figures b = measure(o, true);
        std::printf(" round %d\n", round);
        print("alone", a);
        print(open ? "beside the checkpoints" : "beside the uploads", b);
        alone.push_back(a.p99);
        beside.push_back(b.p99);
    }
    std::sort(alone.begin(), alone.end());
    std::sort(beside.begin(), beside.end());
    const double a = alone[alone.size() / 2], b = beside[beside.size() / 2];
    std::printf("  median p99: alone %.2f ms, beside %.2f ms = %.2fx\n", a, b, b / std::max(a, 1e-9));
    std::filesystem::remove_all(o.dir);
    return 0;
}
