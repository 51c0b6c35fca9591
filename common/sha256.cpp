#include "common/sha256.h"

#include <QIODevice>

#include <openssl/evp.h>

#include <algorithm>
#include <limits>

namespace parley {

void Sha256::Free::operator()(evp_md_ctx_st *context) const
{
    EVP_MD_CTX_free(context);
}

Sha256::Sha256() : m_context(EVP_MD_CTX_new())
{
    m_ok = m_context && EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) == 1;
}

Sha256::~Sha256() = default;

void Sha256::add(QByteArrayView bytes)
{
    if (m_ok)
        m_ok = EVP_DigestUpdate(m_context.get(), bytes.data(), size_t(bytes.size())) == 1;
}

bool Sha256::addFrom(QIODevice &device, qint64 length)
{
    QByteArray block(kReadBlockBytes, Qt::Uninitialized);
    qint64 left = length < 0 ? std::numeric_limits<qint64>::max() : length;
    while (left > 0) {
        const qint64 read = device.read(block.data(), std::min(left, kReadBlockBytes));
        if (read < 0 || (read == 0 && length >= 0))
            return false;
        if (read == 0)
            return true; // the end of what there is
        add(QByteArrayView(block.constData(), read));
        left -= read;
    }
    return true;
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (!m_ok || EVP_DigestFinal_ex(m_context.get(), reinterpret_cast<unsigned char *>(digest.data()), &length) != 1)
        return {}; // matches no digest: a failure here can never pass a check
    digest.truncate(qsizetype(length));
    return digest;
}

QByteArray Sha256::of(QByteArrayView bytes)
{
    Sha256 hash;
    hash.add(bytes);
    return hash.result();
}

} // namespace parley
