#pragma once

#include "core/types/joinrequest.h"

#include <QDialog>

class QLabel;
class QVBoxLayout;

namespace parley {

class Client;

// The people waiting to join a group that requires approval, each with who invited them, to approve or reject
// one by one (owner and admins). Asks the server when opened; each decision gets its own answer, and a
// failure is said in words. GUI thread.
class JoinRequestsDialog : public QDialog {
    Q_OBJECT

public:
    JoinRequestsDialog(Client &client, const QString &groupId, QWidget *parent = nullptr);

private:
    void reload();
    void showRequests(const QList<JoinRequest> &requests);
    void decide(const QString &userId, bool approve);

    Client &m_client;
    QString m_groupId;
    QVBoxLayout *m_rows;
    QLabel *m_message;
    QString m_error; // of the last decision, shown with the list that follows it
};

} // namespace parley
