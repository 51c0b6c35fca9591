#pragma once

#include <QStringList>

typedef struct _GstElement GstElement;

namespace parley {

// The computer's microphones, speakers and cameras, as GStreamer's device monitor finds them, by display name.
// Any thread; each call probes (a few milliseconds), so ask when a menu opens, not per frame.
class MediaDevices {
public:
    enum class Kind { Microphone, Speaker, Camera };

    // Whether GStreamer and the plugins a call needs are there; if not, `why` says what is missing.
    static bool available(QString *why = nullptr);
    static QStringList names(Kind kind);
    // A new element for the device of that name, or for the system's default if the name is empty or no
    // longer there. nullptr if there is none at all.
    static GstElement *create(Kind kind, const QString &name);
};

} // namespace parley
