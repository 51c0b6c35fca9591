#pragma once

#include "server/storage/sqlstore.h"
#include "server/storage/storeexecutor.h"

#include <QString>

#include <memory>

// What a StoreExecutor opens its store with, for tests: a SqlStore at `location` (an SQLite file's path or a
// PostgreSQL URL), opened on the storage thread.
inline parley::server::StoreExecutor::StoreFactory sqlStoreFactory(const QString &location)
{
    return [location]() -> parley::Result<std::unique_ptr<parley::server::IStore>> {
        auto store = std::make_unique<parley::server::SqlStore>();
        if (auto opened = store->open(location); !opened)
            return opened.error();
        return std::unique_ptr<parley::server::IStore>(std::move(store));
    };
}
