#include "common/nativesqlite.h"

#include <QSqlDriver>

#include <limits>

#ifdef PARLEY_HAVE_SQLITE3
#include <sqlite3.h>
#endif
#if __has_include(<dlfcn.h>)
#include <dlfcn.h>
#define PARLEY_HAVE_DLADDR 1
#endif

namespace parley {

#if defined(PARLEY_HAVE_SQLITE3) && defined(PARLEY_HAVE_DLADDR)

namespace {

// Whether the shared object holding `address` resolves SQLite's symbols to this program's SQLite: a Qt whose
// SQLite plugin brings a copy of its own (Qt's own builds for Windows and macOS do) must not be handed ours.
bool sharesOurSqlite(const void *address)
{
    Dl_info info{};
    if (::dladdr(address, &info) == 0 || !info.dli_fname)
        return false;
    void *object = ::dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!object)
        return false;
    const void *theirs = ::dlsym(object, "sqlite3_libversion_number");
    ::dlclose(object);
    return theirs == reinterpret_cast<const void *>(&sqlite3_libversion_number);
}

} // namespace

sqlite3 *NativeSqlite::handleOf(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    if (!driver || !db.isOpen() || db.driverName() != QLatin1StringView("QSQLITE"))
        return nullptr;
    const QVariant handle = driver->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    static const bool shared = sharesOurSqlite(driver->metaObject());
    return shared ? *static_cast<sqlite3 *const *>(handle.data()) : nullptr;
}

NativeSqlite::~NativeSqlite()
{
    for (sqlite3_stmt *s : std::as_const(m_statements))
        sqlite3_finalize(s);
}

sqlite3_stmt *NativeSqlite::statement(const char *sql)
{
    if (sqlite3_stmt *s = m_statements.value(sql))
        return s;
    sqlite3_stmt *s = nullptr;
    const char *tail = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, &tail) != SQLITE_OK) {
        qCCritical(m_category) << "cannot prepare" << sql << sqlite3_errmsg(m_db);
        return nullptr;
    }
    if (tail && !QByteArrayView(tail).trimmed().isEmpty()) {
        qCCritical(m_category) << "one statement at a time:" << sql;
        sqlite3_finalize(s);
        return nullptr;
    }
    m_statements.insert(sql, s);
    return s;
}

namespace {

// As QtSql's SQLite driver binds: false for a type it would bind as text through QVariant::toString().
bool bind(sqlite3_stmt *s, int index, const QVariant &v, int &result)
{
    if (v.isNull()) {
        result = sqlite3_bind_null(s, index);
        return true;
    }
    switch (v.typeId()) {
    case QMetaType::QString: {
        const auto *text = static_cast<const QString *>(v.constData());
        result = text->isNull() ? sqlite3_bind_null(s, index)
                                : sqlite3_bind_text16(s, index, text->constData(), int(text->size() * sizeof(QChar)),
                                                      SQLITE_STATIC);
        return true;
    }
    case QMetaType::QByteArray: {
        const auto *bytes = static_cast<const QByteArray *>(v.constData());
        result = bytes->isNull() ? sqlite3_bind_null(s, index)
                                 : sqlite3_bind_blob(s, index, bytes->constData(), int(bytes->size()), SQLITE_STATIC);
        return true;
    }
    case QMetaType::ULongLong: // QtSql binds these as text, which compares as text where no column's affinity
                               // makes it a number (MAX(x, ?)); an integer here, unless it does not fit in one
        if (v.toULongLong() > quint64(std::numeric_limits<qint64>::max()))
            return false;
        Q_FALLTHROUGH();
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong: result = sqlite3_bind_int64(s, index, v.toLongLong()); return true;
    case QMetaType::Double: result = sqlite3_bind_double(s, index, v.toDouble()); return true;
    default: return false;
    }
}

// As QtSql's SQLite driver reads a column.
QVariant column(sqlite3_stmt *s, int index)
{
    switch (sqlite3_column_type(s, index)) {
    case SQLITE_INTEGER: return QVariant(qint64(sqlite3_column_int64(s, index)));
    case SQLITE_FLOAT: return QVariant(sqlite3_column_double(s, index));
    case SQLITE_BLOB:
        return QVariant(
            QByteArray(static_cast<const char *>(sqlite3_column_blob(s, index)), sqlite3_column_bytes(s, index)));
    case SQLITE_NULL: return QVariant(QMetaType::fromType<QString>());
    default:
        return QVariant(QString(static_cast<const QChar *>(sqlite3_column_text16(s, index)),
                                sqlite3_column_bytes16(s, index) / qsizetype(sizeof(QChar))));
    }
}

} // namespace

NativeSqlite::Outcome NativeSqlite::exec(const char *sql, std::initializer_list<QVariant> values, QVariantList *row)
{
    sqlite3_stmt *s = statement(sql);
    if (!s)
        return Outcome::Failed;
    if (sqlite3_bind_parameter_count(s) != int(values.size())) {
        qCCritical(m_category) << "statement given" << values.size() << "values for" << sqlite3_bind_parameter_count(s)
                               << "parameters:" << sql;
        return Outcome::Failed;
    }
    int index = 1;
    for (const QVariant &v : values) {
        int result = SQLITE_OK;
        if (!bind(s, index++, v, result)) {
            sqlite3_clear_bindings(s);
            return Outcome::Unsupported;
        }
        if (result != SQLITE_OK) {
            qCCritical(m_category) << "cannot bind a value of" << sql << sqlite3_errstr(result);
            sqlite3_clear_bindings(s);
            return Outcome::Failed;
        }
    }
    const int stepped = sqlite3_step(s);
    if (stepped == SQLITE_ROW && row) {
        const int columns = sqlite3_column_count(s);
        row->reserve(columns);
        for (int i = 0; i < columns; ++i)
            row->append(column(s, i));
    }
    // The bound texts and blobs are the caller's (SQLITE_STATIC): let go of them before returning.
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (stepped != SQLITE_ROW && stepped != SQLITE_DONE) {
        qCCritical(m_category) << "statement failed:" << sql << sqlite3_errstr(stepped) << sqlite3_errmsg(m_db);
        return Outcome::Failed;
    }
    return Outcome::Done;
}

qint64 NativeSqlite::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

#else // without SQLite's headers, or a way to tell which SQLite Qt uses: QtSql only

sqlite3 *NativeSqlite::handleOf(const QSqlDatabase &)
{
    return nullptr;
}

NativeSqlite::~NativeSqlite() = default;

NativeSqlite::Outcome NativeSqlite::exec(const char *, std::initializer_list<QVariant>, QVariantList *)
{
    return Outcome::Unsupported;
}

qint64 NativeSqlite::lastInsertRowId() const
{
    return 0;
}

#endif

} // namespace parley
