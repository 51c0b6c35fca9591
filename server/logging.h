#pragma once

#include <QLoggingCategory>

namespace parley::server {

// parleyd's logging categories. Info by default; QT_LOGGING_RULES="parleyd.*.debug=true" for more.
// Never log message bodies, verification codes (except parleyd.devcodes, the development sender whose
// job is to show them) or tokens. In parleyd's namespace: the client core has categories of the same names
// (lcNet, lcAuth, lcFiles), and a program may link both.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcMessaging)
Q_DECLARE_LOGGING_CATEGORY(lcDevCodes)
Q_DECLARE_LOGGING_CATEGORY(lcFiles)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)

// How parleyd writes its log on stderr: under systemd (whose JOURNAL_STREAM names the stream stderr is), each
// line starts with its syslog priority ("<6>parleyd.auth: …"), which journald stores as PRIORITY, and no time,
// which journald adds; elsewhere, "2026-12-03T10:00:00.000 info parleyd.auth: …". Call once, first thing.
void setUpLogging();
// Whether stderr is the journal stream that `journalStream` (JOURNAL_STREAM's "device:inode") names.
bool stderrIsJournal(const QByteArray &journalStream);

} // namespace parley::server
