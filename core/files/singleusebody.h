#pragma once

#include <QByteArray>
#include <QIODevice>

namespace parley {

// The body of one PATCH, which may be sent once only. After a cut, Qt's HTTP stack replays a request on a new
// connection by rewinding its body; a replayed PATCH carries an offset the server has moved past, so it would
// be refused — after its bytes went out again. Refusing the rewind makes the reply fail at once instead, and
// the upload asks the server (HEAD) where to go on from. (A QIODevice, not a QBuffer: Qt reads a QBuffer's
// bytes directly and would rewind it regardless.)
class SingleUseBody : public QIODevice {
public:
    SingleUseBody(QByteArray bytes, QObject *parent) : QIODevice(parent), m_bytes(std::move(bytes))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    qint64 size() const override { return m_bytes.size(); }
    bool seek(qint64 position) override
    {
        if (position < pos() || (position == 0 && m_started))
            return false;
        return QIODevice::seek(position);
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        m_started = true;
        const qint64 n = std::min(maxSize, m_bytes.size() - pos());
        if (n <= 0)
            return -1;
        memcpy(data, m_bytes.constData() + pos(), size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    bool m_started = false;
};

} // namespace parley
