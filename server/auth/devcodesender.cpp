#include "server/auth/devcodesender.h"

#include "server/logging.h"

#include <QDateTime>
#include <QFile>

#include <cstdio>

namespace parley::server {

using namespace Qt::StringLiterals;

DevCodeSender::DevCodeSender(QString filePath, QObject *parent) : ICodeSender(parent), m_filePath(std::move(filePath))
{
}

void DevCodeSender::send(const QString &phone, const QString &code, CodePurpose purpose,
                         std::function<void(const Error &)> done)
{
    const QString purposeName = ICodeSender::purposeName(purpose);
    qCInfo(lcDevCodes).noquote() << "verification code for" << phone << "is" << code << "to" << purposeName;
    const QByteArray line = u"dev-code %1 %2 %3\n"_s.arg(phone, code, purposeName).toUtf8();
    fwrite(line.constData(), 1, size_t(line.size()), stdout);
    fflush(stdout);

    QFile file(m_filePath);
    if (file.open(QIODevice::Append | QIODevice::Text)) {
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(
            u"%1 %2 %3 %4\n"_s.arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), phone, code, purposeName)
                .toUtf8());
    } else {
        qCWarning(lcDevCodes) << "cannot append to" << m_filePath << file.errorString();
    }
    done(Error());
}

} // namespace parley::server
