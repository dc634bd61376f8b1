"""The Settings page: appearance, text size, motion, sound defaults, background and privacy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from companion.paths import Paths
from companion.settings import Settings
from companion.ui.shell.base_page import BasePage, card, page_layout
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.reflow_row import scrolling_body
from companion.ui.shell.settings_model import SettingsModel

TEXT_SIZE_CHOICES = ((11, "Small"), (13, "Standard"), (15, "Large"), (18, "Larger"),
                     (22, "Very large"), (24, "Largest"))
APPEARANCE_CHOICES = (("system", "Follow my system"), ("dark", "Evening (dark)"),
                      ("light", "Morning (light)"))
MOTION_CHOICES = (("system", "Follow my system"), ("reduce", "Keep things still"),
                  ("full", "Allow gentle motion"))


class SettingsPage(BasePage):
    """Every change applies at once and is saved."""

    page_id = "settings"
    delete_all_requested = Signal()

    def __init__(self, model: SettingsModel, paths: Paths, parent=None):
        super().__init__(parent)
        self._model = model
        layout = page_layout(scrolling_body(self), "Settings", "Changes apply straight away and are kept.")

        self.appearance = self._combo(APPEARANCE_CHOICES, "Colour scheme")
        self.text_size = self._combo(TEXT_SIZE_CHOICES, "Text size")
        self.motion = self._combo(MOTION_CHOICES, "Motion")
        self.motion_status = QLabel()
        self.motion_status.setProperty("role", "muted")
        self.motion_status.setWordWrap(True)
        self._section(layout, "Appearance", [("Colour scheme", self.appearance),
                                             ("Text size", self.text_size),
                                             ("Motion", self.motion), ("", self.motion_status)])

        self.volume = CalmSlider()
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setTracking(False)
        self.volume.setAccessibleName("Ambient sounds volume")
        self.cue_volume = CalmSlider()
        self.cue_volume.setRange(0, 100)
        self.cue_volume.setPageStep(10)
        self.cue_volume.setTracking(False)
        self.cue_volume.setAccessibleName("Breathing cue volume")
        self.cues = QCheckBox("Play gentle sound cues during exercises")
        self.hold_tone = QCheckBox("Hum a low, steady tone during breathing rests")
        self._section(layout, "Sound", [("Ambient sounds", self.volume),
                                        ("Breathing cues", self.cue_volume), ("", self.cues),
                                        ("", self.hold_tone)])

        self.keep_running = QCheckBox("Keep running when I close the window")
        self.start_at_login = QCheckBox("Start Companion quietly when I log in")
        self._section(layout, "In the background", [("", self.keep_running),
                                                    ("", self.start_at_login)])

        where = QLabel(
            "Everything stays on this computer. Companion sends nothing anywhere.<br>"
            f"Settings: {paths.config}<br>Your data: {paths.data}<br>Logs: {paths.logs}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_button = QPushButton("Delete all my data…")
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setAccessibleName("Delete all my data")
        self.delete_button.clicked.connect(self.delete_all_requested.emit)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(" minutes")
        self.lock_minutes.setAccessibleName("Lock the journal after this many minutes away")
        self.session_history = QCheckBox("Keep a history of my quiet sessions")
        self.session_history.setToolTip("Kept in your journal, encrypted like everything in it")
        self.session_history.setAccessibleDescription(
            "Kept in your journal, encrypted like everything in it")
        self._section(layout, "Privacy", [("Lock the journal when I am away for",
                                           self.lock_minutes), ("", self.session_history),
                                          ("", where), ("", self.delete_button)])
        self.voice_status = QLabel("The scripts are read by the bundled voice.")
        self.voice_status.setWordWrap(True)
        self.voice_button = QPushButton("Prepare the natural voice")
        self.voice_button.setAccessibleName("Prepare the natural voice for the relaxation scripts")
        self.voice_button.hide()
        self._renderer = None
        self._section(layout, "Voice", [("", self.voice_status), ("", self.voice_button)])
        self.evidence_button = QPushButton("What the evidence says")
        self.evidence_button.clicked.connect(self.show_evidence)
        self._section(layout, "About these exercises", [("", self.evidence_button)])
        layout.addStretch(1)

        self.show_settings(model.settings)
        self.set_system_motion(None)
        model.changed.connect(self.show_settings)
        self.appearance.activated.connect(
            lambda i: model.update(appearance=self.appearance.itemData(i)))
        self.text_size.activated.connect(
            lambda i: model.update(text_size=self.text_size.itemData(i)))
        self.motion.activated.connect(lambda i: model.update(motion=self.motion.itemData(i)))
        self.volume.valueChanged.connect(lambda v: model.update(sounds_master=v))
        self.cue_volume.valueChanged.connect(lambda v: model.update(cue_volume=v))
        self.cues.toggled.connect(lambda on: model.update(sound_cues=on))
        self.hold_tone.toggled.connect(lambda on: model.update(hold_tone=on))
        self.keep_running.toggled.connect(lambda on: model.update(keep_running_in_background=on))
        self.start_at_login.toggled.connect(lambda on: model.update(start_at_login=on))
        self.lock_minutes.valueChanged.connect(lambda v: model.update(journal_lock_minutes=v))
        self.session_history.toggled.connect(lambda on: model.update(session_history=on))

    def set_voice_renderer(self, renderer) -> None:
        """Show which voice reads the scripts, and offer to prepare the natural one."""
        self._renderer = renderer
        renderer.changed.connect(self._show_voice)
        self.voice_button.clicked.connect(renderer.start)
        self._show_voice()

    def _show_voice(self) -> None:
        renderer = self._renderer
        if renderer is None:
            return
        self.voice_status.setText(renderer.describe())
        self.voice_button.setVisible(renderer.installed and not renderer.current.natural)
        self.voice_button.setEnabled(not renderer.running)

    @staticmethod
    def _combo(choices, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    @staticmethod
    def _section(layout: QVBoxLayout, title: str, rows) -> None:
        frame, inner = card()
        heading = QLabel(title)
        heading.setProperty("role", "heading")
        inner.addWidget(heading)
        form = QFormLayout()
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: field below
        for label, widget in rows:
            if label:
                form.addRow(label, widget)
            else:
                form.addRow(widget)
        inner.addLayout(form)
        layout.addWidget(frame)

    def show_settings(self, settings: Settings) -> None:
        """Reflect settings in the controls without feeding changes back."""
        widgets = (self.appearance, self.text_size, self.motion, self.volume, self.cue_volume,
                   self.cues,
                   self.hold_tone, self.keep_running, self.start_at_login, self.lock_minutes,
                   self.session_history)
        for widget in widgets:
            widget.blockSignals(True)
        self.appearance.setCurrentIndex(self.appearance.findData(settings.appearance))
        index = self.text_size.findData(settings.text_size)
        if index < 0:  # a size set by hand in settings.toml: offer it as it is
            self.text_size.addItem(f"{settings.text_size} pt", settings.text_size)
            index = self.text_size.count() - 1
        self.text_size.setCurrentIndex(index)
        self.motion.setCurrentIndex(self.motion.findData(settings.motion))
        self.volume.setValue(settings.sounds_master)
        self.cue_volume.setValue(settings.cue_volume)
        self.cues.setChecked(settings.sound_cues)
        self.hold_tone.setChecked(settings.hold_tone)
        self.keep_running.setChecked(settings.keep_running_in_background)
        self.start_at_login.setChecked(settings.start_at_login)
        self.lock_minutes.setValue(settings.journal_lock_minutes)
        self.session_history.setChecked(settings.session_history)
        for widget in widgets:
            widget.blockSignals(False)

    def set_system_motion(self, prefers_reduced: bool | None) -> None:
        """Say what the desktop asks for, so 'Follow my system' is not a mystery."""
        if prefers_reduced is None:
            text = "Your system does not say whether it prefers less motion."
        elif prefers_reduced:
            text = "Your system asks for less motion."
        else:
            text = "Your system allows animations."
        self.motion_status.setText(text)

    def show_evidence(self) -> None:
        from companion.ui.shell.evidence_dialog import EvidenceDialog

        self.evidence_dialog = EvidenceDialog(self)
        self.evidence_dialog.open()
