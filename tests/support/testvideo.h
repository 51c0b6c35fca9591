#pragma once

#include <QColor>
#include <QSize>
#include <QString>

// A real video file made by a test, without an encoder: Motion JPEG in AVI (each frame a JPEG, which Qt
// writes; GStreamer's avidemux and jpegdec play it). Frame i is `color` with a white bar that moves, so the
// first frame is known. False if the file cannot be written.
bool writeTestVideo(const QString &path, QSize size, int frames, int fps, QColor color);
