"""The Relax page's choices: which script (the remembered or suggested one), the areas left out,
the voice and the pace, remembered in the settings. RelaxPage (page.py) builds on this with
playing a script."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QListWidgetItem, QWidget

from companion.i18n import _
from companion.relax.body import AREAS
from companion.relax.library import BrokenScript
from companion.relax.model import Script
from companion.relax.player import ScriptPlayer
from companion.relax.progress import RelaxProgress
from companion.ui.relax.view import RelaxView
from companion.ui.relax.voice import VoiceGuide
from companion.ui.shell.settings_model import SettingsModel


class RelaxChoices(RelaxView):
    """What to play, as chosen on the page and kept for next time."""

    def __init__(self, model: SettingsModel, scripts: list[Script], broken: list[BrokenScript],
                 progress: RelaxProgress, voice: VoiceGuide, user_folder: Path,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self.scripts = scripts
        self.progress = progress
        self.voice = voice
        self._user_folder = user_folder
        self.player: ScriptPlayer | None = None
        self.folder_button.clicked.connect(self.open_user_folder)
        self.set_broken(broken)
        self.script_list.currentRowChanged.connect(self._script_chosen)
        self.area_list.itemChanged.connect(self._areas_changed)
        self.voice_box.toggled.connect(self._voice_toggled)
        self.voice_volume.valueChanged.connect(self._voice_volume_changed)
        self.pace_slider.valueChanged.connect(self._pace_changed)

    # Provided by RelaxPage, which plays the script.
    def _show_idle(self) -> None:
        raise NotImplementedError

    def _show_progress(self) -> None:
        raise NotImplementedError

    def _arm(self) -> None:
        raise NotImplementedError

    def _load_choices(self) -> None:
        settings = self._model.settings
        self.voice_box.setChecked(settings.relax_voice)
        self.voice_volume.setValue(settings.voice_volume)
        self.pace_slider.setValue(settings.relax_pace)
        self._show_pace(settings.relax_pace)
        self.voice.set_enabled(settings.relax_voice)
        self.voice.set_volume(settings.voice_volume / 100)
        self.voice.cue_volume = settings.cue_volume / 100
        self.set_scripts(self.scripts)

    def set_scripts(self, scripts: list[Script]) -> None:
        """Fill the list and select the remembered script, or the suggested one."""
        self.scripts = scripts
        self.script_list.blockSignals(True)
        self.script_list.clear()
        for script in scripts:
            item = QListWidgetItem(_("{title}  ·  {minutes} min")
                                     .format(title=script.title, minutes=script.minutes))
            item.setToolTip(script.summary)
            item.setData(Qt.ItemDataRole.UserRole, script.id)
            self.script_list.addItem(item)
        self.script_list.blockSignals(False)
        suggested = self.progress.suggestion(scripts, self._model.settings.relax_script)
        if suggested is None:
            self.suggestion_label.setText(_("No scripts could be loaded."))
            return
        script, why = suggested
        self.suggestion_label.setText(_("Suggested: {title}. {why}").format(title=script.title, why=why))
        self.select(script.id)

    def set_broken(self, broken: list[BrokenScript]) -> None:
        if not broken:
            self.broken_label.hide()
            return
        self.broken_label.setText(
            _("Some of your scripts could not be used:\n") + "\n".join(f"• {b.message}" for b in broken))
        self.broken_label.show()

    def select(self, script_id: str) -> None:
        for row in range(self.script_list.count()):
            if self.script_list.item(row).data(Qt.ItemDataRole.UserRole) == script_id:
                self.script_list.setCurrentRow(row)
                self._fill_areas()
                return

    def current_script(self) -> Script | None:
        row = self.script_list.currentRow()
        return self.scripts[row] if 0 <= row < len(self.scripts) else None

    def left_out(self) -> set[str]:
        return {a for a in self._model.settings.relax_left_out.split(",") if a in AREAS}

    def _script_chosen(self, _row: int) -> None:
        script = self.current_script()
        if script is None:
            return
        self._fill_areas()
        if not self.is_running():
            self.rating_card.hide()
            self._show_idle()
            if script.id != self._model.settings.relax_script:
                self._model.update(relax_script=script.id)

    def _fill_areas(self) -> None:
        script = self.current_script()
        left_out = self.left_out()
        self.area_list.blockSignals(True)
        self.area_list.clear()
        for area_id in script.areas() if script else []:
            item = QListWidgetItem(_(AREAS[area_id].label))
            item.setData(Qt.ItemDataRole.UserRole, area_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area_id in left_out
                               else Qt.CheckState.Unchecked)
            self.area_list.addItem(item)
        self.area_list.blockSignals(False)

    def set_left_out(self, area_id: str, leave_out: bool) -> None:
        """Leave an area out of (or back in) every script that visits it."""
        for row in range(self.area_list.count()):
            item = self.area_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == area_id:
                item.setCheckState(Qt.CheckState.Checked if leave_out
                                   else Qt.CheckState.Unchecked)

    def _areas_changed(self, item: QListWidgetItem) -> None:
        chosen = self.left_out()
        area_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            chosen.add(area_id)
        else:
            chosen.discard(area_id)
        self._model.update(relax_left_out=",".join(sorted(chosen)))
        if not self.is_running():
            self._show_idle()

    def _voice_toggled(self, on: bool) -> None:
        self.voice.set_enabled(on)
        self.voice_volume.setEnabled(on)
        if on != self._model.settings.relax_voice:
            self._model.update(relax_voice=on)

    def _voice_volume_changed(self, value: int) -> None:
        self.voice.set_volume(value / 100)
        if value != self._model.settings.voice_volume:
            self._model.update(voice_volume=value)

    def _pace_changed(self, value: int) -> None:
        value = 5 * round(value / 5)
        self._show_pace(value)
        if self.player is not None and self.is_running():
            self.player.set_pace(value / 100)
            self._arm()
            self._show_progress()
        elif not self.is_running():
            self._show_idle()
        if value != self._model.settings.relax_pace:
            self._model.update(relax_pace=value)

    def _show_pace(self, value: int) -> None:
        words = _("Steady") if value == 100 else (_("Slower") if value < 100 else _("Quicker"))
        self.pace_label.setText(_("Pace: {value}").format(value=words.lower()))
        self.pace_slider.setAccessibleDescription(_("{words}, {value} percent")
                                                    .format(words=words, value=value))

    def open_user_folder(self) -> None:
        self._user_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._user_folder)))
