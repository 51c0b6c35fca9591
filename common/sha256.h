#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

class QIODevice;
struct evp_md_ctx_st;

namespace parley {

// SHA-256 in pieces, by OpenSSL (which uses the CPU's SHA extensions where there are any: about five times
// QCryptographicHash's speed on this machine kind, and files are hashed whole on both sides). Any thread;
// one object per hash.
class Sha256 {
public:
    static constexpr qint64 kReadBlockBytes = 1 << 20; // addFrom reads this much at a time

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(QByteArrayView bytes);
    // Adds `length` bytes read from `device` (all it has when -1), a block at a time — never the whole file in
    // memory. False if reading fails or the device ends before `length` bytes.
    bool addFrom(QIODevice &device, qint64 length = -1);
    // The 32-byte digest, or empty if OpenSSL failed (it matches no digest); the object is spent afterwards.
    QByteArray result();

    static QByteArray of(QByteArrayView bytes);

private:
    struct Free {
        void operator()(evp_md_ctx_st *context) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> m_context;
    bool m_ok = false;
};

} // namespace parley
