#pragma once

#include <QObject>
#include <QTimer>

namespace parley {

// The seconds until another verification code may be asked for (the server's resendAfterS, or a rate limit's
// retry), counted down once a second; ticked after each second and at the end, for the "Resend in … s" button of
// the login window and of deleting an account. GUI thread.
class ResendCountdown : public QObject {
    Q_OBJECT

public:
    static constexpr int kTickMs = 1000;

    explicit ResendCountdown(QObject *parent = nullptr);

    void start(int seconds);
    int secondsLeft() const { return m_secondsLeft; }
    bool running() const { return m_secondsLeft > 0; }

Q_SIGNALS:
    void ticked();

private:
    QTimer m_timer;
    int m_secondsLeft = 0;
};

} // namespace parley
