#pragma once

#include <QProcess>
#include <QStringList>

#include <functional>

// parley-testclient (the client core in a process of its own) as a child process, read line by line, for
// tests that SIGKILL a client. It dies with the test process.
class TestClientProcess {
public:
    static constexpr int kWaitMs = 60000;

    explicit TestClientProcess(const QStringList &arguments);
    ~TestClientProcess();

    // Waits for a line starting with `prefix` that also satisfies `accept`; returns its words (empty on timeout
    // or when the process ended first).
    QStringList waitFor(const QString &prefix, const std::function<bool(const QStringList &)> &accept = {});
    void write(const QString &line);
    void kill();
    bool exitedCleanly();

private:
    QProcess m_process;
};
