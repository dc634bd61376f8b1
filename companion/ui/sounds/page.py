"""The Sounds page: a tile per ambient sound, a master volume, mixes (presets) and a sleep timer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from companion.i18n import _
from companion.sounds.catalog import SoundInfo
from companion.sounds.mix import SLEEP_MINUTES, Mix
from companion.sounds.own_files import files_in
from companion.sounds.presets import Preset, PresetError, make_preset
from companion.ui.shell.base_page import BasePage, page_layout
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.reflow_row import ReflowRow, columns_that_fit, scrolling_body
from companion.ui.shell.theme import EVENING, Palette
from companion.ui.sounds.soundscape_player import SoundscapePlayer
from companion.ui.sounds.tile import SoundTileWidget

DEFAULT_VOLUME = 0.6  # a sound switched on from its tile starts here


class SoundsPage(BasePage):
    """Every change is heard at once; the mix is remembered for next time."""

    page_id = "sounds"
    mix_saved = Signal(object)  # the Preset the user saved
    own_files_chosen = Signal(list)  # paths the user picked with "Add your own…"
    own_removed = Signal(str)
    playlist_toggled = Signal(bool)
    presets_changed = Signal(list)  # the user's own mixes after a rename or delete

    def __init__(self, player: SoundscapePlayer, catalog: list[SoundInfo],
                 presets: list[Preset], new_id: Callable[[], str], parent=None):
        super().__init__(parent)
        self.player = player
        self._palette = EVENING
        self._new_id = new_id
        self.presets = presets
        self._known = {sound.id for sound in catalog}
        layout = page_layout(scrolling_body(self), _("Sounds"),
                             _("Mix calm sounds the way you like. They keep playing when you hide "
                             "or close the window; the sleep timer fades them out."))
        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName(_("Choose a mix"))
        self.save_button = QPushButton(_("Save mix…"))
        self.rename_button = QPushButton(_("Rename…"))
        self.rename_button.setAccessibleName(_("Rename the chosen mix"))
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setAccessibleName(_("Delete the chosen mix"))
        self.delete_button.setProperty("role", "danger")
        self.master = CalmSlider()
        self.master.setRange(0, 100)
        self.master.setMinimumWidth(120)
        self.master.setAccessibleName(_("Master volume"))
        self.mute = QPushButton(_("Mute"))
        self.mute.setCheckable(True)
        self.stop_button = QPushButton(_("Stop all"))
        self.add_button = QPushButton(_("Add your own…"))
        self.add_button.setAccessibleName(_("Add your own music or sound files"))
        self.add_folder_button = QPushButton(_("Add a folder…"))
        self.add_folder_button.setAccessibleName(_("Add every sound file in a folder"))
        self.sleep_box = QComboBox()
        self.sleep_box.setAccessibleName(_("Sleep timer"))
        self.sleep_box.addItem(_("Sleep timer: off"), 0)
        for minutes in SLEEP_MINUTES:
            self.sleep_box.addItem(_("Fade out in {minutes} min").format(minutes=minutes), minutes)
        self.sleep_box.addItem(_("Choose a time…"), -1)
        master_label = QLabel(_("Volume"))
        for box in (self.preset_box, self.sleep_box):  # their whole words, never fewer
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(ReflowRow([self.preset_box, self.save_button, self.rename_button,
                                    self.delete_button]))
        layout.addWidget(ReflowRow([master_label, self.master, self.mute, self.stop_button,
                                    self.sleep_box]))
        self.sleep_label = QLabel("")
        self.sleep_label.setProperty("role", "muted")
        self.sleep_label.setWordWrap(True)
        layout.addWidget(self.sleep_label)
        self.sleep_label.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        self.columns = 3  # fewer where the page is narrow (resizeEvent)
        self.tiles: dict[str, SoundTileWidget] = {}
        for sound in catalog:
            self.add_tile(sound)
        layout.addLayout(self.grid)
        own_label = QLabel(_("Music that helps your feelings come, or any sound of your own:"))
        own_label.setProperty("role", "muted")
        own_label.setWordWrap(True)  # a line of its own above its buttons, never a thin column
        layout.addWidget(own_label)
        self.playlist_button = QPushButton(_("Play my files in turn"))
        self.playlist_button.setCheckable(True)
        self.playlist_button.setAccessibleName(_("Play your own files one after another"))
        layout.addWidget(ReflowRow([self.add_button, self.add_folder_button,
                                    self.playlist_button]))
        self.now_playing = QLabel("")
        self.now_playing.setProperty("role", "muted")
        layout.addWidget(self.now_playing)
        layout.addStretch(1)

        self._fill_presets()
        self.preset_box.activated.connect(self._preset_chosen)
        self.preset_box.currentIndexChanged.connect(lambda _i: self._show_mix_actions())
        self.save_button.clicked.connect(self.ask_to_save)
        self.rename_button.clicked.connect(self.ask_to_rename)
        self.delete_button.clicked.connect(self.ask_to_delete)
        self.master.valueChanged.connect(lambda v: player.set_mix(player.mix.with_master(v / 100)))
        self.mute.toggled.connect(self._mute_toggled)
        self.stop_button.clicked.connect(player.stop_all)
        self.add_button.clicked.connect(self.ask_for_files)
        self.add_folder_button.clicked.connect(self.ask_for_folder)
        self.playlist_button.toggled.connect(self.playlist_toggled.emit)
        self.sleep_box.activated.connect(self._sleep_chosen)
        player.mix_changed.connect(self.show_mix)
        player.sleep_changed.connect(self._show_sleep)
        self.show_mix(player.mix)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        for tile in self.tiles.values():
            tile.set_palette(palette)

    def add_tile(self, sound: SoundInfo, own: bool = False) -> SoundTileWidget:
        """A tile for a sound; your own files get a music icon and a Remove button."""
        tile = SoundTileWidget(sound, "icons/sounds/own.svg" if own else None, removable=own)
        tile.set_palette(self._palette)
        tile.toggle.toggled.connect(
            lambda on, s=sound.id: self.player.set_volume(s, DEFAULT_VOLUME if on else 0))
        tile.slider.valueChanged.connect(lambda v, s=sound.id: self.player.set_volume(s, v / 100))
        tile.remove_requested.connect(self.remove_own)
        index = len(self.tiles)
        self.grid.addWidget(tile, index // self.columns, index % self.columns)
        self.tiles[sound.id] = tile
        self._known.add(sound.id)
        tile.show_volume(self.player.mix.volumes.get(sound.id, 0.0))
        return tile

    def remove_own(self, sound_id: str) -> None:
        tile = self.tiles.pop(sound_id)
        self.grid.removeWidget(tile)
        tile.deleteLater()
        self._place_tiles()
        self.player.remove_own(sound_id)
        self._known.discard(sound_id)
        self.own_removed.emit(sound_id)

    def _place_tiles(self) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, index // self.columns, index % self.columns)

    def resizeEvent(self, event) -> None:
        """Three tiles a row where each keeps its name whole; two, or one, where the page is
        narrower (a small window, a large text size)."""
        super().resizeEvent(event)
        if not self.tiles:
            return
        widest = max(tile.toggle.sizeHint().width() for tile in self.tiles.values()) + 24
        room = self.width() - 80  # the page's side margins
        columns = columns_that_fit(room, widest, gap=10, most=3)
        if columns != self.columns:
            self.columns = columns
            self._place_tiles()

    def ask_for_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Add your own sounds or music"), "",
            _("Sound files (*.ogg *.oga *.wav *.flac *.mp3);;All files (*)"))
        if names:
            self.own_files_chosen.emit([Path(name) for name in names])

    def ask_for_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Add a folder of sounds or music"))
        if folder:
            found = files_in(Path(folder))
            if found:
                self.own_files_chosen.emit(found)
            else:
                self._say(_("That folder has no OGG, WAV, FLAC or MP3 files."))

    def _fill_presets(self) -> None:
        self.preset_box.clear()
        self.preset_box.addItem(_("Choose a mix…"), None)
        for preset in self.presets:
            self.preset_box.addItem(preset.name, preset.id)
        self._show_mix_actions()

    def _show_mix_actions(self) -> None:
        """Rename and Delete apply to one of your own mixes only: otherwise they are off."""
        own = self.selected_own_preset() is not None
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)

    def _preset_chosen(self, index: int) -> None:
        preset_id = self.preset_box.itemData(index)
        preset = next((p for p in self.presets if p.id == preset_id), None)
        if preset is not None:
            self.player.set_mix(Mix(dict(preset.volumes), self.player.mix.master,
                                    self.player.mix.muted))

    def _mute_toggled(self, muted: bool) -> None:
        mix = self.player.mix
        self.player.set_mix(Mix(mix.volumes, mix.master, muted))

    def _sleep_chosen(self, index: int) -> None:
        minutes = self.sleep_box.itemData(index)
        if minutes == -1:
            minutes, ok = QInputDialog.getInt(self, _("Sleep timer"), _("Fade out and stop in how many "
                                              "minutes?"), 20, 2, 600)
            if not ok:
                self._show_sleep()
                return
        self.set_sleep(minutes)

    def set_sleep(self, minutes: int) -> None:
        """Start the sleep timer for any number of minutes (0 turns it off)."""
        if minutes:
            self.player.start_sleep(minutes)
        else:
            self.player.cancel_sleep()

    def _show_sleep(self) -> None:
        left = self.player.sleep.remaining()
        if left is None:
            self.sleep_box.setCurrentIndex(0)
            self._say("")
        else:
            self._say(_("The sounds will fade out over the last minute and stop in {value} min.")
                        .format(value=round(left / 60)))

    def _say(self, text: str) -> None:
        """A calm line under the controls (sleep timer, a mix not saved); hidden when empty."""
        self.sleep_label.setText(text)
        self.sleep_label.setVisible(bool(text))

    def show_mix(self, mix: Mix) -> None:
        """Reflect the mix in every tile and the master controls."""
        for sound_id, tile in self.tiles.items():
            tile.show_volume(mix.volumes.get(sound_id, 0.0))
        for widget in (self.master, self.mute):
            widget.blockSignals(True)
        self.master.setValue(round(mix.master * 100))
        self.mute.setChecked(mix.muted)
        self.mute.setText(_("Unmute") if mix.muted else _("Mute"))
        for widget in (self.master, self.mute):
            widget.blockSignals(False)

    def ask_to_save(self) -> None:
        name, ok = QInputDialog.getText(self, _("Save this mix"), _("Name for this mix:"))
        if ok:
            self.save_mix(name)

    def save_mix(self, name: str, preset_id: str | None = None) -> Preset | None:
        """Keep the current mix under a name; a bad name or an empty mix is explained."""
        try:
            preset = make_preset(preset_id or self._new_id(), name,
                                 dict(self.player.mix.volumes), self._known)
        except PresetError as exc:
            self._say(_("The mix was not saved: {message}.").format(message=exc.message))
            return None
        self.presets.append(preset)
        self._fill_presets()
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset.id))
        self.mix_saved.emit(preset)
        return preset

    def selected_own_preset(self) -> Preset | None:
        """The chosen mix if it is one of the user's (built-ins cannot be renamed or deleted)."""
        preset_id = self.preset_box.currentData()
        return next((p for p in self.presets if p.id == preset_id and not p.builtin), None)

    def rename_mix(self, name: str) -> bool:
        preset = self.selected_own_preset()
        if preset is None:
            return False
        try:
            renamed = make_preset(preset.id, name, dict(preset.volumes), self._known)
        except PresetError as exc:
            self._say(_("The mix was not renamed: {message}.").format(message=exc.message))
            return False
        self.presets = [renamed if p.id == preset.id else p for p in self.presets]
        self._fill_presets()
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset.id))
        self.presets_changed.emit([p for p in self.presets if not p.builtin])
        return True

    def delete_mix(self) -> bool:
        preset = self.selected_own_preset()
        if preset is None:
            return False
        self.presets = [p for p in self.presets if p.id != preset.id]
        self._fill_presets()
        self.presets_changed.emit([p for p in self.presets if not p.builtin])
        return True

    def ask_to_rename(self) -> None:
        preset = self.selected_own_preset()
        if preset is None:
            self._say(_("Choose one of your own mixes first; the built-in ones stay as they are."))
            return
        name, ok = QInputDialog.getText(self, _("Rename this mix"), _("New name:"), text=preset.name)
        if ok:
            self.rename_mix(name)

    def ask_to_delete(self) -> None:
        preset = self.selected_own_preset()
        if preset is None:
            self._say(_("Choose one of your own mixes first; the built-in ones stay as they are."))
            return
        answer = QMessageBox.question(
            self, _("Delete this mix?"),
            _("Delete “{name}”? The sounds themselves stay.").format(name=preset.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_mix()

    def start_main_action(self) -> None:
        """Play the last mix, or Rainy night the first time."""
        if self.player.mix.volumes:
            self.player.set_mix(self.player.mix)
            return
        first = self.presets[0] if self.presets else None
        if first is not None:
            self.player.set_mix(Mix(dict(first.volumes), self.player.mix.master))

    def show_now_playing(self, name: str) -> None:
        self.now_playing.setText(_("Now playing: {name}").format(name=name) if name else "")
        self.playlist_button.blockSignals(True)
        self.playlist_button.setChecked(bool(name))
        self.playlist_button.blockSignals(False)

    def stop(self) -> None:
        """Esc on this page fades every sound out; on other pages the sounds keep playing."""
        if self.isVisible():
            self.player.stop_all()
            self.playlist_toggled.emit(False)

    def is_running(self) -> bool:
        return bool(self.player.mix.volumes)
