#include "core/logging.h"

Q_LOGGING_CATEGORY(lcNet, "parley.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "parley.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "parley.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOutbox, "parley.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "parley.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "parley.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFiles, "parley.files", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalls, "parley.calls", QtInfoMsg)
