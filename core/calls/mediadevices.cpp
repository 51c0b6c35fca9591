#include "core/calls/mediadevices.h"

#include "core/logging.h"

#include <gst/gst.h>

#include <mutex>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

const char *classOf(MediaDevices::Kind kind)
{
    switch (kind) {
    case MediaDevices::Kind::Microphone: return "Audio/Source";
    case MediaDevices::Kind::Speaker: return "Audio/Sink";
    case MediaDevices::Kind::Camera: return "Video/Source";
    }
    return "";
}

const char *defaultElement(MediaDevices::Kind kind)
{
    switch (kind) {
    case MediaDevices::Kind::Microphone: return "autoaudiosrc";
    case MediaDevices::Kind::Speaker: return "autoaudiosink";
    case MediaDevices::Kind::Camera: return "autovideosrc";
    }
    return "";
}

// Calls f(GstDevice *) for each device of the kind, until it returns true.
template <typename F>
void forEachDevice(MediaDevices::Kind kind, F &&f)
{
    GstDeviceMonitor *monitor = gst_device_monitor_new();
    gst_device_monitor_add_filter(monitor, classOf(kind), nullptr);
    if (gst_device_monitor_start(monitor)) {
        GList *devices = gst_device_monitor_get_devices(monitor);
        for (GList *d = devices; d; d = d->next)
            if (f(GST_DEVICE(d->data)))
                break;
        g_list_free_full(devices, gst_object_unref);
        gst_device_monitor_stop(monitor);
    }
    gst_object_unref(monitor);
}

QString nameOf(GstDevice *device)
{
    gchar *name = gst_device_get_display_name(device);
    const QString result = QString::fromUtf8(name);
    g_free(name);
    return result;
}

} // namespace

bool MediaDevices::available(QString *why)
{
    static std::once_flag once;
    static QString missing;
    std::call_once(once, [] {
        GError *error = nullptr;
        if (!gst_init_check(nullptr, nullptr, &error)) {
            missing = u"GStreamer did not start: %1"_s.arg(QString::fromUtf8(error ? error->message : "?"));
            g_clear_error(&error);
            return;
        }
        for (const char *factory :
             {"webrtcbin", "nicesrc", "dtlssrtpenc", "opusenc", "opusdec", "rtpopuspay", "rtpopusdepay", "vp8enc",
              "vp8dec", "rtpvp8pay", "rtpvp8depay", "appsink", "videotestsrc", "audiotestsrc", "valve", "volume"}) {
            if (GstElementFactory *f = gst_element_factory_find(factory)) {
                gst_object_unref(f);
            } else {
                missing += (missing.isEmpty() ? u"missing GStreamer elements:"_s : QString()) + u' ' +
                           QString::fromLatin1(factory);
            }
        }
        if (!missing.isEmpty())
            qCWarning(lcCalls) << missing;
    });
    if (why)
        *why = missing;
    return missing.isEmpty();
}

QStringList MediaDevices::names(Kind kind)
{
    QStringList result;
    if (!available())
        return result;
    forEachDevice(kind, [&](GstDevice *device) {
        result.append(nameOf(device));
        return false;
    });
    return result;
}

GstElement *MediaDevices::create(Kind kind, const QString &name)
{
    if (!available())
        return nullptr;
    GstElement *element = nullptr;
    if (!name.isEmpty()) {
        forEachDevice(kind, [&](GstDevice *device) {
            if (nameOf(device) != name)
                return false;
            element = gst_device_create_element(device, nullptr);
            return true;
        });
        if (!element)
            qCInfo(lcCalls) << "the chosen device is gone; the default one is used";
    }
    if (!element)
        element = gst_element_factory_make(defaultElement(kind), nullptr);
    return element;
}

} // namespace parley
