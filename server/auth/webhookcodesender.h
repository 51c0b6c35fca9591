#pragma once

#include "server/auth/icodesender.h"

#include <QNetworkAccessManager>
#include <QUrl>

namespace parley::server {

// For a real SMS gateway: POSTs {"phone":"+86…","code":"123456"} as JSON to a configured URL and counts
// any 2xx answer within the timeout as sent.
class WebhookCodeSender final : public ICodeSender {
    Q_OBJECT

public:
    static constexpr int kRequestTimeoutMs = 10000;

    explicit WebhookCodeSender(QUrl url, QObject *parent = nullptr);

    void send(const QString &phone, const QString &code, CodePurpose purpose,
              std::function<void(const Error &)> done) override;

private:
    QUrl m_url;
    QNetworkAccessManager m_network;
};

} // namespace parley::server
