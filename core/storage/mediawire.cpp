#include "core/storage/mediawire.h"

namespace parley {

namespace {

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

} // namespace

Media mediaFromWire(const v1::MessageContent &content)
{
    Media m;
    const v1::MediaInfo &w = content.media();
    m.fileId = QString::fromStdString(w.file_id());
    m.size = w.size();
    m.mimeType = QString::fromStdString(w.mime_type());
    m.sha256 = bytes(w.sha256());
    m.fileName = QString::fromStdString(w.file_name());
    m.width = int(w.width());
    m.height = int(w.height());
    m.durationMs = int(w.duration_ms());
    m.waveform = bytes(w.waveform());
    m.preview = bytes(w.preview());
    m.remoteUrl = QString::fromStdString(content.remote_media_url());
    return m;
}

void mediaToWire(const Media &media, v1::MessageContent &content)
{
    v1::MediaInfo *w = content.mutable_media();
    w->set_file_id(media.fileId.toStdString());
    w->set_size(media.size);
    w->set_mime_type(media.mimeType.toStdString());
    w->set_sha256(media.sha256.constData(), size_t(media.sha256.size()));
    w->set_file_name(media.fileName.toStdString());
    w->set_width(quint32(std::max(0, media.width)));
    w->set_height(quint32(std::max(0, media.height)));
    w->set_duration_ms(quint32(std::max(0, media.durationMs)));
    w->set_waveform(media.waveform.constData(), size_t(media.waveform.size()));
    w->set_preview(media.preview.constData(), size_t(media.preview.size()));
    if (!media.remoteUrl.isEmpty())
        content.set_remote_media_url(media.remoteUrl.toStdString());
}

ChatHistory historyFromWire(const v1::ChatHistory &history)
{
    ChatHistory h;
    h.title = QString::fromStdString(history.title());
    for (const v1::ForwardedMessage &m : history.messages()) {
        ForwardedItem item;
        item.sender = QString::fromStdString(m.from());
        item.senderName = QString::fromStdString(m.sender_name());
        item.timestampMs = m.timestamp();
        item.contentType = m.content().type();
        item.media = mediaFromWire(m.content());
        item.text = m.content().has_chat_history() ? QString::fromStdString(m.content().chat_history().title())
                                                   : QString::fromStdString(m.content().searchable_content());
        h.items.append(item);
    }
    return h;
}

} // namespace parley
