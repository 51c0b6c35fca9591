#pragma once

#include "core/api/answer.h"

#include <QObject>

namespace parley {

class Account;
class Engine;

// What the client's feature APIs (messages, people, groups, devices; files and calls next) share. Each lives
// on the GUI thread, owned by Client: its requests run on the engine thread and are answered on this thread
// through an Answer of their own; what changes is announced by its signals, and the state a view needs at once
// (my contacts, my groups, …) is kept here as current values, so a view built late reads it instead of asking
// for it again. The signals are connected in attach(), on the engine thread, while an account opens.
class FeatureApi : public QObject {
    Q_OBJECT

public:
    // Engine thread, while `account` opens: connect to its parts (their signals reach this object queued).
    virtual void attach(Account &account) = 0;
    // GUI thread: forget the current values of the account that closed.
    virtual void reset() {}

protected:
    FeatureApi(Engine *engine, QObject *parent) : QObject(parent), m_engine(engine) {}

    // Runs work(Account &, Promise<T>) on the engine thread; answered ErrorCode::LoggedOut if no account is
    // open. Defined in featureapi_p.h.
    template <typename T, typename Work>
    Answer<T> onAccount(Work &&work);
    // Runs work(Engine &, Promise<T>) on the engine thread.
    template <typename T, typename Work>
    Answer<T> onEngine(Work &&work);

    Engine *const m_engine;
};

} // namespace parley
