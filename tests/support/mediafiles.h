#pragma once

// Helpers of the media tests (tst_media, tst_chatmedia): checking files by an implementation of SHA-256 other
// than the one under test, and finding the newest media message of a conversation.

#include "core/types/chatmessage.h"
#include "tests/support/chatworld.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStringList>

#include <optional>

// The SHA-256 of a file by Qt (the client and parleyd use OpenSSL's), empty if it cannot be read.
inline QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

// parleyd for media tests: codes and sends unthrottled, clients told to reach the files port at
// `filesPublicPort` (a FaultProxy in front of it).
inline QStringList mediaServerArguments(quint16 filesPublicPort)
{
    return {QStringLiteral("--code-address-per-hour"), QStringLiteral("0"), QStringLiteral("--code-phone-per-hour"),
            QStringLiteral("100"), QStringLiteral("--code-phone-interval"), QStringLiteral("0"),
            QStringLiteral("--send-rate"), QStringLiteral("0"), QStringLiteral("--files-public-port"),
            QString::number(filesPublicPort)};
}

inline parley::ConversationKey with(const ChatWorld::Person &p)
{
    return parley::ConversationKey::withUser(p.userId);
}

// The newest picture, file, voice or video message (or recalled one) of a history.
inline std::optional<parley::ChatMessage> lastMedia(const QList<parley::ChatMessage> &history)
{
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (it->isMedia() || it->isRecalled())
            return *it;
    }
    return std::nullopt;
}
