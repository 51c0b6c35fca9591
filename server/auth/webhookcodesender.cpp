#include "server/auth/webhookcodesender.h"

#include "server/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace parley::server {

using namespace Qt::StringLiterals;

WebhookCodeSender::WebhookCodeSender(QUrl url, QObject *parent) : ICodeSender(parent), m_url(std::move(url))
{
}

void WebhookCodeSender::send(const QString &phone, const QString &code, CodePurpose purpose,
                             std::function<void(const Error &)> done)
{
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(kRequestTimeoutMs);
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"phone"_s, phone}, {u"code"_s, code}, {u"purpose"_s, purposeName(purpose)}})
            .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
            done(Error());
            return;
        }
        qCWarning(lcAuth) << "code webhook failed:" << status << reply->errorString();
        done(Error(ErrorCode::Unavailable, u"the code could not be sent; try again later"_s));
    });
}

} // namespace parley::server
