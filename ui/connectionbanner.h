#pragma once

#include "core/types/connectionstate.h"
#include "protocol/error.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace parley {

class Client;

// A thin line at the top of the window while the client is not simply online: connecting, waiting to
// retry (with the reason and "Retry now"), syncing. Nothing when all is well. GUI thread.
class ConnectionBanner : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionBanner(Client &client, QWidget *parent = nullptr);

private:
    void onState(ConnectionState state, const Error &lastError);

    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace parley
