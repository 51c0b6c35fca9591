#include "server/auth/codebook.h"

#include "server/iclock.h"
#include "server/storage/istore.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <openssl/crypto.h>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

quint32 secondsUntil(qint64 fromMs, qint64 toMs)
{
    return quint32(std::max<qint64>(1, (toMs - fromMs + 999) / 1000));
}

bool isCodeShaped(const QString &code)
{
    if (code.size() != CodePolicy::kDigits)
        return false;
    return std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace

CodeBook::CodeBook(CodePolicy policy, QByteArray hashKey, const IClock &clock)
    : m_policy(policy), m_hashKey(std::move(hashKey)), m_clock(clock)
{
}

QByteArray CodeBook::hash(const QString &phone, const QString &code, CodePurpose purpose) const
{
    // The purpose is in the hash too (a login code's as before schema 18): while a cluster is upgraded, a node of
    // before it writes codes without a purpose column, and a deletion code must not turn into a login code, or the
    // reverse, by the row's column alone.
    QString keyed = phone + u'\n' + code;
    if (purpose == CodePurpose::DeleteAccount)
        keyed += u"\ndelete-account"_s;
    return QMessageAuthenticationCode::hash(keyed.toUtf8(), m_hashKey, QCryptographicHash::Sha256);
}

QString CodeBook::numberBlock(const QString &phone)
{
    return phone.size() > CodePolicy::kBlockDigits ? phone.chopped(CodePolicy::kBlockDigits) : u""_s;
}

Result<CodeBook::Issued> CodeBook::issue(IStore &store, const QString &phone, const QString &address,
                                         CodePurpose purpose) const
{
    const qint64 now = m_clock.nowMs();
    ICodeStore &codes = store.codes();
    const QList<qint64> phoneTimes = codes.codeRequestTimesForPhone(phone, now - CodePolicy::kHourMs);
    if (!phoneTimes.isEmpty() && now - phoneTimes.last() < m_policy.phoneIntervalMs)
        return Error(ErrorCode::RateLimited, u"a code was sent to this number moments ago"_s,
                     secondsUntil(now, phoneTimes.last() + m_policy.phoneIntervalMs));
    if (phoneTimes.size() >= m_policy.phonePerHour)
        return Error(ErrorCode::RateLimited, u"too many codes for this number; try again later"_s,
                     secondsUntil(now, phoneTimes.first() + CodePolicy::kHourMs));
    if (m_policy.addressPerHour > 0) {
        const QList<qint64> addressTimes = codes.codeRequestTimesForAddress(address, now - CodePolicy::kHourMs);
        if (addressTimes.size() >= m_policy.addressPerHour)
            return Error(ErrorCode::RateLimited, u"too many codes requested from this network; try again later"_s,
                         secondsUntil(now, addressTimes.first() + CodePolicy::kHourMs));
    }
    const QString block = numberBlock(phone);
    if (m_policy.blockPerHour > 0) {
        // Worded like the per-number limit, and a whole hour to wait: the answer tells nothing of when the block's
        // other numbers asked.
        if (codes.codeRequestTimesForBlock(block, now - CodePolicy::kHourMs).size() >= m_policy.blockPerHour)
            return Error(ErrorCode::RateLimited, u"too many codes for this number; try again later"_s,
                         quint32(CodePolicy::kHourMs / 1000));
    }

    Issued issued;
    issued.code = u"%1"_s.arg(QRandomGenerator::system()->bounded(1000000), CodePolicy::kDigits, 10, QChar(u'0'));
    issued.expiresAtMs = now + m_policy.ttlMs;
    issued.resendAfterS = quint32((m_policy.phoneIntervalMs + 999) / 1000);
    codes.putCode(phone, CodeRecord{hash(phone, issued.code, purpose), issued.expiresAtMs, 0, purpose}, now);
    codes.recordCodeRequest(phone, block, address, now);
    return issued;
}

Result<Done> CodeBook::verify(IStore &store, const QString &phone, const QString &code, CodePurpose purpose) const
{
    if (!isCodeShaped(code))
        return Error(ErrorCode::MalformedRequest, u"the code has %1 digits"_s.arg(CodePolicy::kDigits));
    // Counted before it is checked, in one step, so that tries made at once on several nodes all count.
    ICodeStore &codes = store.codes();
    const std::optional<CodeRecord> stored = codes.takeCodeTry(phone, purpose);
    if (!stored || stored->expiresAtMs <= m_clock.nowMs()) {
        if (stored)
            codes.deleteCode(phone, purpose);
        return Error(ErrorCode::CodeExpired, u"the code has expired; request a new one"_s);
    }
    if (stored->tries > m_policy.maxTries) {
        codes.deleteCode(phone, purpose);
        return Error(ErrorCode::CodeTriesExhausted, u"too many wrong codes; request a new one"_s);
    }
    const QByteArray expected = hash(phone, code, purpose);
    const bool match = stored->codeHash.size() == expected.size() &&
                       CRYPTO_memcmp(stored->codeHash.constData(), expected.constData(), size_t(expected.size())) == 0;
    if (!match) {
        if (stored->tries >= m_policy.maxTries) {
            codes.deleteCode(phone, purpose);
            return Error(ErrorCode::CodeTriesExhausted, u"too many wrong codes; request a new one"_s);
        }
        return Error(ErrorCode::CodeWrong, u"wrong code; %1 tries left"_s.arg(m_policy.maxTries - stored->tries));
    }
    codes.deleteCode(phone, purpose);
    return Done{};
}

} // namespace parley::server
