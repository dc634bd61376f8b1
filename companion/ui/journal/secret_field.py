"""A field for a secret (a passphrase or a recovery key): hidden unless the person shows it, with
no undo history at all (Qt keeps one in plain mode, and a hidden field's history comes back when
it is shown), and emptied in a way no keystroke can undo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QLineEdit, QWidget

from companion.i18n import _

UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _eye_icon(color: QColor, crossed: bool) -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 2.4))
    outline = QPainterPath(QPointF(3, 16))
    outline.quadTo(16, 3, 29, 16)
    outline.quadTo(16, 29, 3, 16)
    painter.drawPath(outline)
    painter.drawEllipse(QRectF(11.5, 11.5, 9, 9))
    if crossed:
        painter.drawLine(QPointF(6, 27), QPointF(26, 5))
    painter.end()
    return QIcon(pixmap)


class SecretField(QLineEdit):
    """Hidden by default; the eye at its end shows or hides it (also Alt+S while focused)."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no Undo, no Copy
        self.toggle = QAction(self)
        self.toggle.setCheckable(True)
        self.toggle.setShortcut(QKeySequence("Alt+S"))
        self.toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.toggle.toggled.connect(self.set_shown)
        self.addAction(self.toggle, QLineEdit.ActionPosition.TrailingPosition)
        self.textEdited.connect(self._forget_history)
        self.set_shown(False)

    def set_shown(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        words = _("Hide it") if shown else _("Show it")
        self.toggle.setText(words)
        self.toggle.setToolTip(_("{words} (Alt+S)").format(words=words))
        self._draw_eye()
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)
        self._forget_history()

    def _draw_eye(self) -> None:
        """In the field's own text colour, which the theme's style sheet sets when polished."""
        self.toggle.setIcon(_eye_icon(self.palette().color(QPalette.ColorRole.Text),
                                      self.toggle.isChecked()))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._draw_eye()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw_eye()

    def _forget_history(self, *_args: object) -> None:
        """setText() drops Qt's undo history; the cursor stays where the person left it."""
        position = self.cursorPosition()
        self.setText(self.text())
        self.setCursorPosition(position)

    def keyPressEvent(self, event) -> None:
        if any(event.matches(key) for key in UNDO_KEYS):
            event.accept()  # there is nothing to undo, by design
            return
        super().keyPressEvent(event)

    def wipe(self) -> None:
        """Empty the field for good and hide it again (clear() could be undone)."""
        self.setText("")
        self.toggle.setChecked(False)
