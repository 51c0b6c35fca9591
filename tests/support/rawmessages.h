#pragma once

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/protobufbytes.h"

#include <QByteArray>
#include <QString>
#include <QtEndian>

// Payloads for raw-protocol tests of messaging.

// A client uuid numbered `n` (unique per n; the first byte marks it as a test's).
inline QByteArray testUuid(int n)
{
    QByteArray u(16, '\0');
    qToBigEndian<quint32>(quint32(n), u.data() + 12);
    u[0] = char(0xA5);
    return u;
}

// A one-to-one text message to `target`.
inline parley::v1::Message textTo(const QString &target, const std::string &text, const QByteArray &uuid)
{
    parley::v1::Message m;
    m.set_conversation_type(parley::v1::CONVERSATION_PRIVATE);
    m.set_target(target.toStdString());
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(parley::v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(text);
    return m;
}

// The inbox item a PUSH carries (empty if it carries none).
inline parley::v1::InboxItem inboxItemOf(const parley::Frame &push)
{
    return parley::fromBytes<parley::v1::InboxItem>(push.payload).value_or(parley::v1::InboxItem());
}
