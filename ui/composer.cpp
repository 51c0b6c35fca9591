#include "ui/composer.h"

#include "protocol/limits.h"

#include "ui/settingspage.h"
#include "ui/voicerecorder.h"
#include "ui/mediapainter.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kEditorHeight = 80;
constexpr int kEmojiColumns = 8;
constexpr int kEmojiButton = 32;
constexpr int kCompletionWidth = 200;
constexpr int kRecordingTickMs = 200;

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent),
      m_editor(new QPlainTextEdit(this)),
      m_completer(new QCompleter(this)),
      m_names(new QStringListModel(this)),
      m_send(new QPushButton(tr("Send"), this)),
      m_warning(new QLabel(this)),
      m_attach(new QToolButton(this)),
      m_record(new QToolButton(this)),
      m_cancelRecording(new QToolButton(this)),
      m_recorder(new VoiceRecorder(this)),
      m_recordingClock(new QTimer(this))
{
    setObjectName(QStringLiteral("composer"));
    setAttribute(Qt::WA_StyledBackground);
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    m_editor->setPlaceholderText(tr("Write a message"));
    m_editor->setFixedHeight(kEditorHeight);
    m_editor->installEventFilter(this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Enter sends, Shift+Enter starts a new line"));
    m_warning->setObjectName(QStringLiteral("composerWarning"));
    m_warning->hide();

    m_completer->setModel(m_names);
    m_completer->setWidget(m_editor);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &Composer::insertMention);

    // The emoji picker: a grid in a menu under the smiley; a click puts the emoji at the cursor.
    auto *emoji = new QToolButton(this);
    emoji->setObjectName(QStringLiteral("emojiButton"));
    emoji->setIcon(QIcon(QStringLiteral(":/icons/smile.svg")));
    emoji->setToolTip(tr("Emoji"));
    emoji->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(emoji);
    auto *grid = new QWidget(menu);
    auto *gridLayout = new QGridLayout(grid);
    gridLayout->setSpacing(2);
    const QStringList all = emojis();
    for (int i = 0; i < all.size(); ++i) {
        auto *b = new QToolButton(grid);
        b->setText(all[i]);
        b->setAutoRaise(true);
        b->setFixedSize(kEmojiButton, kEmojiButton);
        connect(b, &QToolButton::clicked, this, [this, menu, e = all[i]] {
            m_editor->insertPlainText(e);
            menu->close();
            m_editor->setFocus();
        });
        gridLayout->addWidget(b, i / kEmojiColumns, i % kEmojiColumns);
    }
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(grid);
    menu->addAction(action);
    emoji->setMenu(menu);
    // Attach: pictures (sent compressed unless "send as file") or any file; both preview before sending.
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setIcon(QIcon(QStringLiteral(":/icons/attach.svg")));
    m_attach->setToolTip(tr("Send a picture or a file"));
    m_attach->setPopupMode(QToolButton::InstantPopup);
    auto *attachMenu = new QMenu(m_attach);
    attachMenu->addAction(tr("Picture…"), this, [this] { chooseFiles(true); });
    attachMenu->addAction(tr("File…"), this, [this] { chooseFiles(false); });
    m_attach->setMenu(attachMenu);
    // A voice message: click to record, click again to send; the cross throws it away.
    m_record->setObjectName(QStringLiteral("recordButton"));
    m_recorder->setObjectName(QStringLiteral("voiceRecorder"));
    m_record->setIcon(QIcon(QStringLiteral(":/icons/mic.svg")));
    m_record->setCheckable(true);
    m_cancelRecording->setObjectName(QStringLiteral("cancelRecording"));
    m_cancelRecording->setText(tr("Cancel"));
    m_cancelRecording->hide();
    // Whether there is a microphone is asked on the first click: the audio system is not started with the app.
    m_record->setToolTip(tr("Record a voice message"));
    m_recordingClock->setInterval(kRecordingTickMs);
    connect(m_record, &QToolButton::clicked, this, &Composer::toggleRecording);
    connect(m_cancelRecording, &QToolButton::clicked, this, [this] {
        m_recorder->cancel();
        updateRecording();
    });
    connect(m_recordingClock, &QTimer::timeout, this, &Composer::updateRecording);
    connect(m_recorder, &VoiceRecorder::recorded, this, &Composer::voiceRecorded);
    m_editor->setAcceptDrops(true);
    m_editor->viewport()->installEventFilter(this);

    auto *tools = new QHBoxLayout;
    tools->addWidget(emoji);
    tools->addWidget(m_attach);
    tools->addWidget(m_record);
    tools->addWidget(m_cancelRecording);
    tools->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 6, 16, 12);
    layout->setSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(m_editor);
    auto *row = new QHBoxLayout;
    row->addWidget(m_warning, 1);
    row->addStretch();
    row->addWidget(m_send);
    layout->addLayout(row);

    connect(m_send, &QPushButton::clicked, this, &Composer::trySend);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::updateCompletion);
    onTextChanged();
}

QStringList Composer::emojis()
{
    return QStringList{u"😀"_s,      u"😁"_s,    u"😂"_s, u"🤣"_s, u"😊"_s,      u"😍"_s,    u"😘"_s,      u"😎"_s,
                       u"🤔"_s,   u"😅"_s,    u"😭"_s, u"😡"_s,    u"😴"_s,      u"🤗"_s, u"🙄"_s,   u"😱"_s,
                       u"👍"_s,      u"👎"_s,    u"👏"_s, u"🙏"_s,    u"💪"_s,      u"👌"_s,    u"✌️"_s, u"🤝"_s,
                       u"❤️"_s, u"💔"_s,    u"🎉"_s, u"🔥"_s,    u"⭐"_s,      u"🌹"_s,    u"☕"_s,      u"🍺"_s,
                       u"🍰"_s,      u"🧧"_s, u"🎁"_s, u"📷"_s,    u"⛰️"_s, u"🚗"_s,    u"✅"_s,      u"❓"_s};
}

QString Composer::allName() const
{
    return tr("all", "the @-mention that means everyone in the group");
}

void Composer::setMentionCandidates(const QList<std::pair<QString, QString>> &members, bool everyone)
{
    m_idsByName.clear();
    QStringList names;
    for (const auto &[id, name] : members) {
        m_idsByName.insert(name, id);
        names.append(name);
    }
    m_everyone = everyone && !members.isEmpty();
    if (m_everyone)
        names.prepend(allName());
    m_names->setStringList(names);
}

void Composer::updateCompletion()
{
    if (m_names->rowCount() == 0)
        return;
    // The word being typed, if it starts with '@': "@ha" completes to a member's name.
    QTextCursor cursor = m_editor->textCursor();
    const QString before = m_editor->toPlainText().left(cursor.position());
    const qsizetype at = before.lastIndexOf(u'@');
    const QString typed = at >= 0 ? before.mid(at + 1) : QString();
    if (at < 0 || typed.contains(u' ') || typed.contains(u'\n')) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(typed);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = m_editor->cursorRect();
    rect.setWidth(kCompletionWidth);
    m_completer->complete(rect);
}

void Composer::insertMention(const QString &name)
{
    QTextCursor cursor = m_editor->textCursor();
    const QString before = m_editor->toPlainText().left(cursor.position());
    const qsizetype at = before.lastIndexOf(u'@');
    if (at < 0)
        return;
    cursor.setPosition(int(at), QTextCursor::MoveAnchor);
    cursor.setPosition(int(before.size()), QTextCursor::KeepAnchor);
    cursor.insertText(u"@%1 "_s.arg(name));
    m_editor->setTextCursor(cursor);
}

QString Composer::text() const
{
    return m_editor->toPlainText();
}

void Composer::clear()
{
    m_editor->clear();
}

void Composer::setText(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

void Composer::setEnabledForConversation(bool enabled)
{
    m_conversationEnabled = enabled;
    setBlocked(m_blocked);
}

void Composer::setBlocked(const QString &reason)
{
    m_blocked = reason;
    const bool enabled = m_conversationEnabled && reason.isEmpty();
    if (!enabled)
        m_recorder->cancel();
    m_editor->setEnabled(enabled);
    m_editor->setPlaceholderText(reason.isEmpty() ? tr("Write a message") : reason);
    m_attach->setEnabled(enabled);
    m_record->setEnabled(enabled);
    if (auto *emoji = findChild<QToolButton *>(QStringLiteral("emojiButton")))
        emoji->setEnabled(enabled);
    updateRecording();
    onTextChanged();
}

void Composer::focusEditor()
{
    m_editor->setFocus();
}

void Composer::onTextChanged()
{
    const QString text = m_editor->toPlainText().trimmed();
    const qsizetype bytes = text.toUtf8().size();
    const bool tooLong = bytes > limits::kMaxTextBytes;
    m_warning->setVisible(tooLong);
    if (tooLong)
        m_warning->setText(tr("The message is too long by %n character(s).", nullptr,
                              int(text.size() - text.size() * limits::kMaxTextBytes / std::max<qsizetype>(bytes, 1))));
    m_send->setEnabled(m_editor->isEnabled() && !text.isEmpty() && !tooLong);
}

void Composer::trySend()
{
    if (!m_send->isEnabled())
        return;
    const QString text = m_editor->toPlainText().trimmed();
    // Whoever is still named with an '@' in what is sent is mentioned.
    QStringList mentioned;
    for (auto it = m_idsByName.cbegin(); it != m_idsByName.cend(); ++it) {
        if (text.contains(u"@%1"_s.arg(it.key())))
            mentioned.append(it.value());
    }
    const bool everyone = m_everyone && text.contains(u"@%1"_s.arg(allName()));
    Q_EMIT sendRequested(text, everyone ? QStringList() : mentioned, everyone);
}

void Composer::chooseFiles(bool pictures)
{
    auto *dialog = new QFileDialog(window(), pictures ? tr("Send pictures") : tr("Send files"),
                                   QStandardPaths::writableLocation(pictures ? QStandardPaths::PicturesLocation
                                                                             : QStandardPaths::DocumentsLocation));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    if (pictures)
        dialog->setNameFilter(tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, &Composer::attachRequested);
    dialog->open();
}

bool Composer::takeMime(const QMimeData *mime)
{
    if (!mime)
        return false;
    if (mime->hasUrls()) {
        QStringList paths;
        for (const QUrl &url : mime->urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        if (!paths.isEmpty()) {
            Q_EMIT attachRequested(paths);
            return true;
        }
    }
    if (mime->hasImage()) {
        Q_EMIT imagePasted(qvariant_cast<QImage>(mime->imageData()));
        return true;
    }
    return false;
}

void Composer::toggleRecording()
{
    if (m_recorder->isRecording()) {
        m_recorder->finish();
    } else {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/voice"_s;
        QDir().mkpath(dir);
        const QString path = u"%1/voice-%2.wav"_s.arg(dir).arg(QDateTime::currentMSecsSinceEpoch());
        if (!m_recorder->canRecord()) {
            updateRecording();
            m_record->setToolTip(tr("No microphone found on this computer"));
            m_warning->setText(tr("No microphone found on this computer"));
            m_warning->show();
            return;
        }
        if (!m_recorder->start(path)) {
            updateRecording();
            m_warning->setText(tr("The microphone cannot be used."));
            m_warning->show();
            return;
        }
    }
    updateRecording();
}

void Composer::updateRecording()
{
    const bool recording = m_recorder->isRecording();
    if (recording != m_recording) {
        m_recording = recording;
        Q_EMIT recordingChanged(recording);
    }
    m_record->setChecked(recording);
    m_record->setToolTip(recording ? tr("Send the voice message") : tr("Record a voice message"));
    m_cancelRecording->setVisible(recording);
    m_editor->setEnabled(!recording && m_conversationEnabled && m_blocked.isEmpty());
    if (recording) {
        m_recordingClock->start();
        m_warning->setText(tr("Recording… %1 — click the microphone to send").arg(
            MediaPainter::duration(int(m_recorder->elapsedMs()))));
        m_warning->show();
    } else {
        m_recordingClock->stop();
        onTextChanged(); // the usual warning, if any
    }
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor->viewport() && (event->type() == QEvent::DragEnter || event->type() == QEvent::Drop)) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (drop->mimeData()->hasUrls() || drop->mimeData()->hasImage()) {
            drop->acceptProposedAction();
            if (event->type() == QEvent::Drop)
                takeMime(drop->mimeData());
            return true;
        }
    }
    if (watched == m_editor && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QMimeData *mime = QApplication::clipboard()->mimeData();
        if (mime && (mime->hasUrls() || !mime->hasText()) && takeMime(mime))
            return true;
    }
    if (watched == m_editor && event->type() == QEvent::InputMethod) { // Chinese and other input methods
        const auto *input = static_cast<QInputMethodEvent *>(event);
        if (!input->commitString().isEmpty() || !input->preeditString().isEmpty())
            Q_EMIT typed();
    }
    if (watched == m_editor && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste))
        Q_EMIT typed();
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        // While names are offered, Enter, Tab and Escape belong to the list of names.
        if (m_completer->popup()->isVisible() && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
                                                  key->key() == Qt::Key_Tab || key->key() == Qt::Key_Escape)) {
            event->ignore();
            return true;
        }
        if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) {
            const QString written = key->text(); // not Ctrl+C and the like
            if ((!written.isEmpty() && written.at(0).isPrint()) || key->key() == Qt::Key_Backspace ||
                key->key() == Qt::Key_Delete)
                Q_EMIT typed();
            return QWidget::eventFilter(watched, event);
        }
        // Enter sends and Shift+Enter breaks the line, or (a setting) Ctrl+Enter sends and Enter breaks.
        const bool ctrlEnterSends = QSettings().value(QLatin1StringView(SettingsPage::kSendKey)).toBool();
        const bool sends = ctrlEnterSends ? (key->modifiers() & Qt::ControlModifier)
                                          : !(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
        if (sends) {
            trySend();
            return true;
        }
        if (ctrlEnterSends) {
            m_editor->insertPlainText(QStringLiteral("\n"));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace parley
