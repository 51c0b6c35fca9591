#include "server/logging.h"

Q_LOGGING_CATEGORY(lcServer, "parleyd.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "parleyd.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "parleyd.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "parleyd.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMessaging, "parleyd.msg", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDevCodes, "parleyd.devcodes", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFiles, "parleyd.files", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "parleyd.admin", QtInfoMsg)
