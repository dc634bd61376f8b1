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

from companion.i18n import LANGUAGES, _
from companion.paths import Paths
from companion.settings import Settings
from companion.ui.shell.base_page import BasePage, card, page_layout
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.reflow_row import scrolling_body
from companion.ui.shell.settings_model import SettingsModel

TEXT_SIZE_CHOICES = ((11, _("Small")), (13, _("Standard")), (15, _("Large")), (18, _("Larger")),
                     (22, _("Very large")), (24, _("Largest")))
APPEARANCE_CHOICES = (("system", _("Follow my system")), ("dark", _("Evening (dark)")),
                      ("light", _("Morning (light)")))
MOTION_CHOICES = (("system", _("Follow my system")), ("reduce", _("Keep things still")),
                  ("full", _("Allow gentle motion")))


# Each language named in its own words, so a person can find theirs whatever is shown now.
LANGUAGE_CHOICES = (("system", _("Follow my system")), *LANGUAGES.items())


class SettingsPage(BasePage):
    """Every change applies at once and is saved."""

    page_id = "settings"
    delete_all_requested = Signal()

    def __init__(self, model: SettingsModel, paths: Paths, parent=None):
        super().__init__(parent)
        self._model = model
        layout = page_layout(scrolling_body(self), _("Settings"),
                             _("Changes apply straight away and are kept."))

        self.appearance = self._combo(APPEARANCE_CHOICES, _("Colour scheme"))
        self.text_size = self._combo(TEXT_SIZE_CHOICES, _("Text size"))
        self.motion = self._combo(MOTION_CHOICES, _("Motion"))
        self.language = self._combo(LANGUAGE_CHOICES, _("Language"))
        self.language_note = QLabel(_("A new language shows the next time Companion starts."))
        self.language_note.setProperty("role", "muted")
        self.language_note.setWordWrap(True)
        self.motion_status = QLabel()
        self.motion_status.setProperty("role", "muted")
        self.motion_status.setWordWrap(True)
        self._section(layout, _("Appearance"), [(_("Colour scheme"), self.appearance),
                                             (_("Text size"), self.text_size),
                                             (_("Motion"), self.motion), ("", self.motion_status),
                                             (_("Language"), self.language),
                                             ("", self.language_note)])

        self.volume = CalmSlider()
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setTracking(False)
        self.volume.setAccessibleName(_("Ambient sounds volume"))
        self.cue_volume = CalmSlider()
        self.cue_volume.setRange(0, 100)
        self.cue_volume.setPageStep(10)
        self.cue_volume.setTracking(False)
        self.cue_volume.setAccessibleName(_("Breathing cue volume"))
        self.cues = QCheckBox(_("Play gentle sound cues during exercises"))
        self.hold_tone = QCheckBox(_("Hum a low, steady tone during breathing rests"))
        self._section(layout, _("Sound"), [(_("Ambient sounds"), self.volume),
                                        (_("Breathing cues"), self.cue_volume), ("", self.cues),
                                        ("", self.hold_tone)])

        self.keep_running = QCheckBox(_("Keep running when I close the window"))
        self.start_at_login = QCheckBox(_("Start Companion quietly when I log in"))
        self._section(layout, _("In the background"), [("", self.keep_running),
                                                    ("", self.start_at_login)])

        where = QLabel(
            _("Everything stays on this computer. Companion sends nothing anywhere.<br>Settings: "
              "{config}<br>Your data: {data}<br>Logs: {logs}")
              .format(config=paths.config, data=paths.data, logs=paths.logs))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_button = QPushButton(_("Delete all my data…"))
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setAccessibleName(_("Delete all my data"))
        self.delete_button.clicked.connect(self.delete_all_requested.emit)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(_(" minutes"))
        self.lock_minutes.setAccessibleName(_("Lock the journal after this many minutes away"))
        self.session_history = QCheckBox(_("Keep a history of my quiet sessions"))
        self.session_history.setToolTip(_("Kept in your journal, encrypted like everything in it"))
        self.session_history.setAccessibleDescription(
            _("Kept in your journal, encrypted like everything in it"))
        self._section(layout, _("Privacy"), [(_("Lock the journal when I am away for"),
                                           self.lock_minutes), ("", self.session_history),
                                          ("", where), ("", self.delete_button)])
        self.voice_status = QLabel(_("The scripts are read by the bundled voice."))
        self.voice_status.setWordWrap(True)
        self.voice_button = QPushButton(_("Prepare the natural voice"))
        self.voice_button.setAccessibleName(_("Prepare the natural voice for the relaxation scripts"))
        self.voice_button.hide()
        self._renderer = None
        self._section(layout, _("Voice"), [("", self.voice_status), ("", self.voice_button)])
        self.evidence_button = QPushButton(_("What the evidence says"))
        self.evidence_button.clicked.connect(self.show_evidence)
        self._section(layout, _("About these exercises"), [("", self.evidence_button)])
        layout.addStretch(1)

        self.show_settings(model.settings)
        self.set_system_motion(None)
        model.changed.connect(self.show_settings)
        self.appearance.activated.connect(
            lambda i: model.update(appearance=self.appearance.itemData(i)))
        self.text_size.activated.connect(
            lambda i: model.update(text_size=self.text_size.itemData(i)))
        self.motion.activated.connect(lambda i: model.update(motion=self.motion.itemData(i)))
        self.language.activated.connect(
            lambda i: model.update(language=self.language.itemData(i)))
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
        widgets = (self.appearance, self.text_size, self.motion, self.language, self.volume,
                   self.cue_volume,
                   self.cues,
                   self.hold_tone, self.keep_running, self.start_at_login, self.lock_minutes,
                   self.session_history)
        for widget in widgets:
            widget.blockSignals(True)
        self.appearance.setCurrentIndex(self.appearance.findData(settings.appearance))
        index = self.text_size.findData(settings.text_size)
        if index < 0:  # a size set by hand in settings.toml: offer it as it is
            self.text_size.addItem(_("{text_size} pt")
                                     .format(text_size=settings.text_size), settings.text_size)
            index = self.text_size.count() - 1
        self.text_size.setCurrentIndex(index)
        self.motion.setCurrentIndex(self.motion.findData(settings.motion))
        self.language.setCurrentIndex(self.language.findData(settings.language))
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
            text = _("Your system does not say whether it prefers less motion.")
        elif prefers_reduced:
            text = _("Your system asks for less motion.")
        else:
            text = _("Your system allows animations.")
        self.motion_status.setText(text)

    def show_evidence(self) -> None:
        from companion.ui.shell.evidence_dialog import EvidenceDialog

        self.evidence_dialog = EvidenceDialog(self)
        self.evidence_dialog.open()
