#pragma once

#include <QLoggingCategory>

// parleyd's logging categories. Info by default; QT_LOGGING_RULES="parleyd.*.debug=true" for more.
// Never log message bodies, verification codes (except parleyd.devcodes, the development sender whose
// job is to show them) or tokens.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcMessaging)
Q_DECLARE_LOGGING_CATEGORY(lcDevCodes)
Q_DECLARE_LOGGING_CATEGORY(lcFiles)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
