#pragma once

#include <QLoggingCategory>

// The desktop UI's logging category.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
