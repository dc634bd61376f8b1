"""One sound's tile on the Sounds page: its icon and name on a toggle that is filled while the sound
plays, a volume slider, and Remove for your own files."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from companion.i18n import _
from companion.resources import asset
from companion.sounds.catalog import SoundInfo
from companion.ui.shell.base_page import card
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.icons import tinted_icon
from companion.ui.shell.theme import EVENING, GAP, Palette


class SoundTileWidget(QWidget):
    """One sound: its icon and name, a play toggle and a volume slider (and Remove for your own)."""

    remove_requested = Signal(str)

    def __init__(self, sound: SoundInfo, icon: str | None = None, removable: bool = False,
                 parent=None):
        super().__init__(parent)
        self.sound = sound
        frame, inner = card(self)
        inner.setContentsMargins(12, 12, 12, 12)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(GAP)
        outer.addWidget(frame)
        self.toggle = QPushButton(sound.name)
        self.toggle.setCheckable(True)
        self.toggle.setProperty("role", "tile")  # filled while it plays
        self.icon_path = asset(icon or f"icons/sounds/{sound.id}.svg")
        self.set_palette(EVENING)
        self.toggle.setIconSize(QSize(32, 32))
        self.toggle.setMinimumHeight(52)
        self.toggle.setAccessibleName(_("{name}: play or stop").format(name=sound.name))
        self.slider = CalmSlider()
        self.slider.setRange(0, 100)
        self.slider.setAccessibleName(_("{name} volume").format(name=sound.name))
        self.level = QLabel(_("off"))
        self.level.setProperty("role", "muted")
        self.level.setMinimumWidth(40)
        self.level.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.level)
        if removable:
            remove = QPushButton(_("Remove"))
            remove.setAccessibleName(_("Remove {name} from your sounds").format(name=sound.name))
            remove.clicked.connect(lambda: self.remove_requested.emit(sound.id))
            row.addWidget(remove)
        inner.addWidget(self.toggle)
        inner.addLayout(row)

    def set_palette(self, palette: Palette) -> None:
        """The icon in the look's own teal (at least 3:1 on the tile), and in the text colour on
        the filled tile of a sound that plays."""
        self.toggle.setIcon(tinted_icon(self.icon_path, palette.teal, palette.on_accent))

    def show_volume(self, volume: float) -> None:
        for widget in (self.toggle, self.slider):
            widget.blockSignals(True)
        self.toggle.setChecked(volume > 0)
        self.slider.setValue(round(volume * 100))
        self.level.setText(f"{round(volume * 100)} %" if volume > 0 else _("off"))
        for widget in (self.toggle, self.slider):
            widget.blockSignals(False)


