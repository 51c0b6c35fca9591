// The operator's port of a real parleyd: /healthz answers, /metrics is Prometheus text, and its counters move
// with what clients do.

#include "parley.pb.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kAnswerTimeoutMs = 10000;

struct HttpAnswer {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// The value of one sample ("name" or "name{labels}") in a Prometheus text exposition; nullopt when absent.
std::optional<double> sample(const QByteArray &exposition, const QByteArray &series)
{
    for (const QByteArray &line : exposition.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return std::nullopt;
}

} // namespace

class TestOps : public ParleydTestCase {
    Q_OBJECT

public:
    TestOps() : ParleydTestCase({u"--code-address-per-hour"_s, u"0"_s, u"--allow-stranger-messages"_s, u"1"_s}) {}

private:
    QNetworkAccessManager m_http;

    HttpAnswer fetch(const QString &path, const QByteArray &verb = "GET")
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server->opsPort()).arg(path)));
        // QNetworkAccessManager knows HEAD has no body only when asked through head().
        QNetworkReply *reply = verb == "HEAD" ? m_http.head(request) : m_http.sendCustomRequest(request, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(kAnswerTimeoutMs)) {
            reply->deleteLater();
            return {};
        }
        HttpAnswer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                          reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll()};
        reply->deleteLater();
        return answer;
    }

    QByteArray metrics()
    {
        const HttpAnswer answer = fetch(u"/metrics"_s);
        return answer.status == 200 ? answer.body : QByteArray();
    }

private Q_SLOTS:
    void healthSaysOk()
    {
        const HttpAnswer health = fetch(u"/healthz"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.body, QByteArray("ok\n"));
    }

    void metricsAreWellFormedPrometheusText()
    {
        const HttpAnswer answer = fetch(u"/metrics"_s);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.contentType.startsWith("text/plain; version=0.0.4"));
        // Every sample belongs to a family announced by HELP and TYPE before it, and has a number.
        static const QRegularExpression sampleLine(
            u"^([a-z_]+?)(_bucket|_sum|_count)?(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [-+0-9.e]+$"_s);
        QSet<QString> typed;
        int samples = 0;
        for (const QByteArray &raw : answer.body.split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.isEmpty() || line.startsWith(u"# HELP "_s))
                continue;
            if (line.startsWith(u"# TYPE "_s)) {
                typed.insert(line.section(u' ', 2, 2));
                continue;
            }
            const QRegularExpressionMatch m = sampleLine.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QVERIFY2(typed.contains(m.captured(1)) || typed.contains(m.captured(1) + m.captured(2)), qPrintable(line));
            ++samples;
        }
        QVERIFY(samples >= 20);
        // The histogram: buckets count cumulatively, and +Inf is every batch.
        double previous = 0;
        for (const char *le :
             {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1", "+Inf"}) {
            const std::optional<double> bucket =
                sample(answer.body, "parleyd_store_batch_seconds_bucket{le=\"" + QByteArray(le) + "\"}");
            QVERIFY2(bucket && *bucket >= previous, le);
            previous = *bucket;
        }
        QCOMPARE(sample(answer.body, "parleyd_store_batch_seconds_count"), previous);
        QVERIFY(previous > 0); // the server has stored something since it started
        const HttpAnswer head = fetch(u"/metrics"_s, "HEAD");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QVERIFY(answer.body.contains("# TYPE parleyd_store_batch_seconds histogram"));
        static const QRegularExpression buildInfo(u"^parleyd_build_info\\{version=\"\\d+\\.\\d+\\.\\d+\"\\} 1$"_s,
                                                  QRegularExpression::MultilineOption);
        QVERIFY(buildInfo.match(QString::fromUtf8(answer.body)).hasMatch());
    }

    void countersMoveWithWhatClientsDo()
    {
        const QByteArray before = metrics();
        QVERIFY(!before.isEmpty());
        const double messages = sample(before, "parleyd_messages_accepted_total").value_or(-1);
        const double logins = sample(before, "parleyd_logins_total{result=\"accepted\"}").value_or(-1);
        const double tlsLinks = sample(before, "parleyd_connections{transport=\"tls\"}").value_or(-1);
        const double batches = sample(before, "parleyd_store_batch_seconds_count").value_or(-1);
        const double pushes = sample(before, "parleyd_pushes_total").value_or(-1);
        QVERIFY(messages >= 0 && logins >= 0 && tlsLinks >= 0 && batches >= 0 && pushes >= 0);

        RawUser alice = person();
        RawUser bob = person();
        const auto sent = alice.link->call(SubSignal::MS, textTo(bob.id(), "counted", testUuid(1)));
        QVERIFY(sent);
        QCOMPARE(sent->code(), v1::ERR_NONE);
        QVERIFY(bob.link->waitFor(Signal::Push)); // the push went out before the metrics are read
        // An answer that is an error is counted under its code.
        const auto refused = alice.link->call(SubSignal::MS, textTo(u"not-a-user"_s, "nobody", testUuid(2)));
        QVERIFY(refused);
        QVERIFY(refused->code() != v1::ERR_NONE);
        const QByteArray code = QByteArray::fromStdString(v1::ErrorCode_Name(refused->code()));

        const QByteArray after = metrics();
        QCOMPARE(sample(after, "parleyd_messages_accepted_total"), messages + 1);
        QCOMPARE(sample(after, "parleyd_logins_total{result=\"accepted\"}"), logins + 2);
        QVERIFY(sample(after, "parleyd_requests_total{request=\"MS\"}").value_or(0) >= 2);
        QVERIFY(sample(after, "parleyd_request_errors_total{code=\"" + code + "\"}").value_or(0) >= 1);
        QVERIFY(sample(after, "parleyd_store_batch_seconds_count").value_or(0) > batches);
        QVERIFY(sample(after, "parleyd_pushes_total").value_or(0) > pushes);

        // Links are counted while open (the links that logged them in have gone, or go soon).
        QTRY_COMPARE_WITH_TIMEOUT(sample(metrics(), "parleyd_connections{transport=\"tls\"}"), tlsLinks + 2,
                                  kAnswerTimeoutMs);
        bob.link.reset();
        QTRY_COMPARE_WITH_TIMEOUT(sample(metrics(), "parleyd_connections{transport=\"tls\"}"), tlsLinks + 1,
                                  kAnswerTimeoutMs);
    }

    // An operator tells parleyd's threads apart in `top -H` by the names docs/ARCHITECTURE.md lists.
    void threadsCarryTheirNames()
    {
#ifdef Q_OS_LINUX
        const auto names = [pid = m_server->pid()] {
            QSet<QString> found;
            const QDir tasks(u"/proc/%1/task"_s.arg(pid));
            for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                QFile comm(tasks.filePath(task + u"/comm"_s));
                if (comm.open(QIODevice::ReadOnly))
                    found.insert(QString::fromLatin1(comm.readAll().trimmed()));
            }
            return found;
        };
        const QSet<QString> expected{u"parleyd-io-0"_s, u"parleyd-store"_s, u"parleyd-reports"_s, u"parleyd-files"_s,
                                     u"parleyd-hash"_s, u"parleyd-sync"_s,  u"parleyd-ops"_s};
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(expected), kAnswerTimeoutMs);
#else
        QSKIP("thread names are read from /proc");
#endif
    }

    void messageTimesReachTheFilesPortsPacer()
    {
        // The files port yields to messages (TransferPacer): it learns how long each send takes, and the quiet
        // level shows once a window with one has closed (one more send each time, in case the first was refused).
        RawUser alice = person();
        RawUser bob = person();
        int uuid = 100;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto sent = alice.link->call(SubSignal::MS, textTo(bob.id(), "timed", testUuid(uuid++)));
                return sent && sent->code() == v1::ERR_NONE &&
                       sample(metrics(), "parleyd_message_send_quiet_seconds").value_or(0) > 0;
            }(),
            kAnswerTimeoutMs);
    }

    void otherRequestsGetAClearAnswer()
    {
        const HttpAnswer missing = fetch(u"/nothing-here"_s);
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.body.contains("/metrics"));
        QCOMPARE(fetch(u"/metrics"_s, "POST").status, 405);
        // Not HTTP at all: a 400, and the port still serves the next one.
        QTcpSocket garbage;
        garbage.connectToHost(QHostAddress::LocalHost, m_server->opsPort());
        QVERIFY(garbage.waitForConnected(kAnswerTimeoutMs));
        garbage.write("\x16\x03\x01 this is not a request\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(garbage.bytesAvailable() > 0 || garbage.state() != QAbstractSocket::ConnectedState,
                                 kAnswerTimeoutMs);
        QVERIFY(garbage.readAll().startsWith("HTTP/1.1 400"));
        QCOMPARE(fetch(u"/healthz"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestOps)
#include "tst_ops.moc"
