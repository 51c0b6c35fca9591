#pragma once

// Requests of the files protocol for raw-protocol tests (GQNUT, FDG) and media messages, in the style of
// socialcalls.h: build a payload, call, return the reply (ERR_INTERNAL if none came).

#include "parley.pb.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace files {

inline QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// `size` bytes no other test produces (seeded by `seed`).
inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, '\0');
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(generator.generate());
    return bytes;
}

// GQNUT for `content`: a grant or a challenge; with a challenge's token and the proof, a file of stored bytes.
inline parley::v1::UploadTokenRequest uploadTokenRequest(const QByteArray &content, const QString &challenge = {},
                                                         const QByteArray &proof = {})
{
    parley::v1::UploadTokenRequest r;
    r.set_size(quint64(content.size()));
    const QByteArray hash = sha256(content);
    r.set_sha256(hash.constData(), size_t(hash.size()));
    r.set_mime_type("application/octet-stream");
    r.set_file_name("test.bin");
    r.set_challenge(challenge.toStdString());
    r.set_proof(proof.constData(), size_t(proof.size()));
    return r;
}

inline parley::v1::Result uploadToken(RawClient &client, const QByteArray &content, const QString &challenge = {},
                                      const QByteArray &proof = {})
{
    return social::call(client, parley::SubSignal::GQNUT, uploadTokenRequest(content, challenge, proof));
}

// The upload grant for `content` (empty on failure: an error, or a challenge instead).
inline QString uploadGrant(RawClient &client, const QByteArray &content)
{
    return QString::fromStdString(uploadToken(client, content).upload_token().grant());
}

inline QString downloadGrant(RawClient &client)
{
    return QString::fromStdString(
        social::call(client, parley::SubSignal::FDG, parley::v1::DownloadGrantRequest()).download_grant().grant());
}

// The proof a challenge asks for, computed from the bytes.
inline QByteArray proofFor(const parley::v1::PossessionChallenge &challenge, const QByteArray &content)
{
    const QByteArray nonce(challenge.nonce().data(), qsizetype(challenge.nonce().size()));
    return sha256(nonce + content.mid(qsizetype(challenge.offset()), qsizetype(challenge.length())));
}

// A media message of `type` carrying `fileId`, one-to-one to `target` (or to a group).
inline parley::v1::Message mediaTo(const QString &target, int type, const QString &fileId, const QByteArray &uuid,
                                   bool group = false)
{
    parley::v1::Message m;
    m.set_conversation_type(group ? parley::v1::CONVERSATION_GROUP : parley::v1::CONVERSATION_PRIVATE);
    m.set_target(target.toStdString());
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(type);
    m.mutable_content()->mutable_media()->set_file_id(fileId.toStdString());
    m.mutable_content()->mutable_media()->set_file_name("test.bin");
    return m;
}

} // namespace files
