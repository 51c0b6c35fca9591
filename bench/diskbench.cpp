// parley-disk-bench: what this machine's disk alone does to a commit's latency, with parleyd's own I/O patterns
// and no parleyd. A "commit" is a write into a log file followed by fdatasync, as SQLite's WAL commits; the log
// is written once before the first round, so commits overwrite it in place as a reused WAL does. Commits are
// due on a fixed schedule and each is timed from when it was due (a late one delays the next, as a message
// waits for the commit before its own). Each round runs the commits alone (the reference) and beside a second
// writer, alternately:
//
//   --scenario checkpoints  issue 13's open loop: 10,000 msg/s in commits of 20 messages, ~17 KiB of WAL per
//                           message (docs/BENCHMARKS.md, 2026-12-05), beside a checkpoint that writes --pages
//                           random 4 KiB pages of a database file and fsyncs it every 230 ms (what SQLite's
//                           checkpoint of 10,000 WAL frames took at that rate)
//   --scenario blobs        issue 11's chat during uploads: 200 commits/s of one message (~24 KiB: the pages of
//                           one message's rows), beside --uploads files of 10 MiB written at --blob-mb MB/s in
//                           all, as parleyd's files port writes them: 256 KiB blocks, sync_file_range every
//                           4 MiB, and a checkpoint every 2 MiB (fsync of the file, then its offset committed:
//                           a 4 KiB write and fdatasync into a second log)
//
// The figures are the commits' p50, p99 and max, timed from when each was due and, apart, its own write and
// sync; and the ratios of the medians of p99 beside the writer to alone.

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
constexpr std::size_t kLogBytes = std::size_t(64) << 20;       // the commits' log, reused from its start
constexpr std::size_t kDatabaseBytes = std::size_t(256) << 20; // the checkpoint's file: pages land anywhere in it

// issue 13's open loop
constexpr int kOpenLoopCommitsPerSecond = 500; // 10,000 msg/s in batches of 20
constexpr std::size_t kOpenLoopCommitBytes = std::size_t(20) * 17 * 1024;
constexpr auto kCheckpointInterval = std::chrono::milliseconds(230);
constexpr int kDefaultCheckpointPages = 3000; // "a few thousand pages every quarter of a second" (2026-12-05)

// issue 11's chat during uploads (100 users, one text every 500 ms each), and the files port's constants
constexpr int kChatCommitsPerSecond = 200;
constexpr std::size_t kChatCommitBytes = std::size_t(6) * kPageBytes;
constexpr std::size_t kUploadBytes = std::size_t(10) << 20;
constexpr std::size_t kBlockBytes = std::size_t(256) << 10;         // TransferServer::kBlockBytes
constexpr std::size_t kWriteBehindBytes = std::size_t(4) << 20;     // BlobStore::Writer::kWriteBehindBytes
constexpr std::size_t kCheckpointEveryBytes = std::size_t(2) << 20; // TransferServer::kMinCheckpointBytes
constexpr int kDefaultUploads = 100;
constexpr double kDefaultBlobMB = 50; // what parleyd's pace let in during the uploads scenario: 33–58 MB/s

struct Options {
    std::string scenario = "checkpoints";
    std::string dir = "/var/tmp";
    int seconds = 8;
    int rounds = 3;
    int pages = kDefaultCheckpointPages;
    int uploads = kDefaultUploads;
    double blobMB = kDefaultBlobMB;
};

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

struct Figures {
    Percentiles fromDue; // from when the commit was due: what a message waiting for it sees
    Percentiles ownSync; // from its write to the end of its fdatasync: the disk's part alone
    std::size_t commits = 0;
};

Percentiles percentiles(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * q))]; };
    return Percentiles{at(0.5), at(0.99), ms.back()};
}

std::string g_workDir; // removed on every way out

[[noreturn]] void die(const char *what)
{
    std::perror(what);
    if (!g_workDir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(g_workDir, ignored);
    }
    std::exit(2);
}

int openFile(const std::string &path, int extraFlags = 0)
{
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | extraFlags, 0600);
    if (fd < 0)
        die(path.c_str());
    return fd;
}

void writeAt(int fd, const std::vector<char> &bytes, off_t at, std::size_t length = 0)
{
    const std::size_t n = length ? length : bytes.size();
    if (::pwrite(fd, bytes.data(), n, at) != ssize_t(n))
        die("pwrite");
}

void sync(int fd, bool dataOnly)
{
    if ((dataOnly ? ::fdatasync(fd) : ::fsync(fd)) != 0)
        die(dataOnly ? "fdatasync" : "fsync");
}

std::vector<char> randomBytes(std::size_t n, std::mt19937_64 &random)
{
    std::vector<char> bytes(n);
    for (char &c : bytes)
        c = char(random());
    return bytes;
}

// Writes a file whole and syncs it, so later writes overwrite allocated blocks.
void prepare(const std::string &path, std::size_t bytes)
{
    std::mt19937_64 random(0);
    const std::vector<char> block = randomBytes(kWriteBehindBytes, random);
    const int fd = openFile(path, O_TRUNC);
    for (std::size_t at = 0; at < bytes; at += block.size())
        writeAt(fd, block, off_t(at));
    sync(fd, false);
    ::close(fd);
}

// Commits of `bytes` at `perSecond` for `seconds` into the prepared log at `path`.
Figures commits(const std::string &path, std::size_t bytes, int perSecond, int seconds)
{
    std::mt19937_64 random(1);
    const std::vector<char> frame = randomBytes(bytes, random);
    const int fd = openFile(path);
    std::vector<double> fromDue, ownSync;
    const auto interval = std::chrono::nanoseconds(1'000'000'000 / perSecond);
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    auto due = Clock::now();
    std::size_t offset = 0;
    while (due < end) {
        std::this_thread::sleep_until(due);
        const auto start = Clock::now();
        writeAt(fd, frame, off_t(offset));
        sync(fd, true);
        const auto done = Clock::now();
        fromDue.push_back(std::chrono::duration<double, std::milli>(done - due).count());
        ownSync.push_back(std::chrono::duration<double, std::milli>(done - start).count());
        offset = (offset + bytes) % (kLogBytes - bytes);
        due += interval;
    }
    ::close(fd);
    return Figures{percentiles(fromDue), percentiles(ownSync), fromDue.size()};
}

void checkpoints(const std::string &path, int pages, const std::atomic<bool> &stop)
{
    std::mt19937_64 random(2);
    const std::vector<char> page = randomBytes(kPageBytes, random);
    const int fd = openFile(path);
    std::uniform_int_distribution<std::size_t> where(0, kDatabaseBytes / kPageBytes - 1);
    while (!stop) {
        const auto next = Clock::now() + kCheckpointInterval;
        for (int i = 0; i < pages; ++i)
            writeAt(fd, page, off_t(where(random) * kPageBytes));
        sync(fd, false);
        std::this_thread::sleep_until(next);
    }
    ::close(fd);
}

void uploads(const std::string &dir, int count, double megabytesPerSecond, const std::atomic<bool> &stop)
{
    struct Upload {
        int fd = -1;
        std::size_t written = 0, behindFrom = 0, checkpointed = 0;
    };
    std::mt19937_64 random(3);
    const std::vector<char> block = randomBytes(kBlockBytes, random);
    const int offsets = openFile(dir + "/offsets"); // the checkpoints' commits, prepared like the log
    std::size_t offsetAt = 0;
    std::vector<Upload> all(std::size_t(std::max(1, count)));
    int opened = 0;
    const auto perBlock = std::chrono::nanoseconds(std::int64_t(double(kBlockBytes) / megabytesPerSecond * 1e3));
    auto next = Clock::now();
    for (std::size_t i = 0; !stop; i = (i + 1) % all.size()) {
        Upload &u = all[i];
        if (u.fd < 0) {
            // The first uploads start part-way (a hole before), so that their checkpoints do not all fall due
            // together; later ones follow as earlier ones end.
            const std::size_t head = opened < count ? i * (kUploadBytes / kBlockBytes) / all.size() * kBlockBytes : 0;
            u = Upload{openFile(dir + "/upload" + std::to_string(opened++ % (2 * count)), O_TRUNC), head, head, head};
        }
        writeAt(u.fd, block, off_t(u.written));
        u.written += kBlockBytes;
        if (u.written - u.behindFrom >= kWriteBehindBytes) {
            if (::sync_file_range(u.fd, off_t(u.behindFrom), off_t(u.written - u.behindFrom), SYNC_FILE_RANGE_WRITE) !=
                0)
                die("sync_file_range");
            u.behindFrom = u.written;
        }
        if (u.written - u.checkpointed >= kCheckpointEveryBytes || u.written == kUploadBytes) {
            sync(u.fd, false);
            writeAt(offsets, block, off_t(offsetAt), kPageBytes);
            sync(offsets, true);
            offsetAt = (offsetAt + kPageBytes) % kLogBytes;
            u.checkpointed = u.written;
        }
        if (u.written == kUploadBytes) {
            ::close(u.fd);
            u.fd = -1;
        }
        next += perBlock;
        std::this_thread::sleep_until(next);
    }
    for (Upload &u : all)
        if (u.fd >= 0)
            ::close(u.fd);
    ::close(offsets);
}

Figures measure(const Options &o, bool beside)
{
    const bool openLoop = o.scenario == "checkpoints";
    std::atomic<bool> stop = false;
    std::thread writer;
    if (beside && openLoop)
        writer = std::thread([&] { checkpoints(o.dir + "/database", o.pages, stop); });
    else if (beside)
        writer = std::thread([&] { uploads(o.dir, o.uploads, o.blobMB, stop); });
    const Figures f = openLoop ? commits(o.dir + "/log", kOpenLoopCommitBytes, kOpenLoopCommitsPerSecond, o.seconds)
                               : commits(o.dir + "/log", kChatCommitBytes, kChatCommitsPerSecond, o.seconds);
    stop = true;
    if (writer.joinable())
        writer.join();
    return f;
}

void print(const char *label, const Figures &f)
{
    std::printf("  %-22s %6zu commits: from due p50 %6.2f, p99 %6.2f, max %6.2f ms; own write and sync p50 %5.2f, "
                "p99 %5.2f, max %6.2f ms\n",
                label, f.commits, f.fromDue.p50, f.fromDue.p99, f.fromDue.max, f.ownSync.p50, f.ownSync.p99,
                f.ownSync.max);
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (arg == "--help" || !value) {
            std::printf("usage: parley-disk-bench [--scenario checkpoints|blobs] [--dir D] [--seconds S] [--rounds N] "
                        "[--pages P] [--uploads U] [--blob-mb M]\n");
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
        else if (arg == "--uploads")
            o.uploads = std::max(1, std::atoi(value));
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
    std::string pattern = o.dir + "/parley-disk-bench.XXXXXX";
    if (!::mkdtemp(pattern.data()))
        die("mkdtemp");
    o.dir = g_workDir = pattern;
    const bool openLoop = o.scenario == "checkpoints";
    prepare(o.dir + "/log", kLogBytes);
    if (openLoop) {
        prepare(o.dir + "/database", kDatabaseBytes);
        std::printf("parley-disk-bench checkpoints: %d commits/s of %zu KiB, alone and beside a checkpoint of %d "
                    "pages every %lld ms; %d s each, %d rounds\n",
                    kOpenLoopCommitsPerSecond, kOpenLoopCommitBytes >> 10, o.pages,
                    static_cast<long long>(kCheckpointInterval.count()), o.seconds, o.rounds);
    } else {
        prepare(o.dir + "/offsets", kLogBytes);
        std::printf("parley-disk-bench blobs: %d commits/s of %zu KiB, alone and beside %d uploads of %zu MiB "
                    "written at %.0f MB/s in all; %d s each, %d rounds\n",
                    kChatCommitsPerSecond, kChatCommitBytes >> 10, o.uploads, kUploadBytes >> 20, o.blobMB, o.seconds,
                    o.rounds);
    }
    std::vector<double> alone, beside, aloneOwn, besideOwn;
    for (int round = 1; round <= o.rounds; ++round) {
        const Figures a = measure(o, false);
        const Figures b = measure(o, true);
        std::printf(" round %d\n", round);
        print("alone", a);
        print(openLoop ? "beside the checkpoints" : "beside the uploads", b);
        alone.push_back(a.fromDue.p99);
        beside.push_back(b.fromDue.p99);
        aloneOwn.push_back(a.ownSync.p99);
        besideOwn.push_back(b.ownSync.p99);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const auto ratio = [](double x, double y) { return y / std::max(x, 1e-9); };
    std::printf("  median p99 from due: alone %.2f ms, beside %.2f ms = %.2fx\n", median(alone), median(beside),
                ratio(median(alone), median(beside)));
    std::printf("  median p99 of the own write and sync: alone %.2f ms, beside %.2f ms = %.2fx\n", median(aloneOwn),
                median(besideOwn), ratio(median(aloneOwn), median(besideOwn)));
    std::filesystem::remove_all(o.dir);
    return 0;
}
