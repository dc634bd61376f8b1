"""The Relax page with the real pygame mixer (SDL's dummy driver) and a fake clock: the words on
screen, the lit area, the voice and cues, the gentle-tensing note, leaving areas out, the
one-tap answer and the user's own scripts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from companion.audio.pygame_engine import PygameAudioEngine
from companion.relax.model import StepKind
from companion.relax.player import PlayerState
from companion.relax.progress import Answer
from companion.ui.relax.body_outline import LIT_ALPHA
from companion.ui.sounds.feature import SoundsFeature


class RecordingEngine(PygameAudioEngine):
    """The real engine, noting what was spoken and which cues played."""

    def __init__(self):
        super().__init__()
        self.voiced: list = []
        self.once: list = []

    def play_voice(self, sound):
        self.voiced.append(sound.get_length())
        super().play_voice(sound)

    def play_once(self, pcm, volume):
        self.once.append(len(pcm))
        return super().play_once(pcm, volume)


@pytest.fixture
def relax_app(make_app, qtbot, save_settings):
    """The app open on the Relax page with sound ready; the tensing note already seen."""
    engines: list[RecordingEngine] = []

    def opener():
        engines.append(RecordingEngine())
        return engines[-1]

    def build(note_seen: bool = True, **settings):
        save_settings(welcome_seen=True, pmr_note_seen=note_seen, **settings)
        app = make_app(audio_opener=opener)
        app.show("relax", start=False, background=False)
        qtbot.waitExposed(app.window)
        qtbot.waitUntil(lambda: bool(engines) and app.services.audio.engine is not None, timeout=10_000)
        page = app.window.page("relax")
        page.engine = engines[0]
        return app, page
    return build


def test_the_first_step_is_shown_and_spoken(relax_app, qtbot):
    """Begin shows the first words in large type and plays their recording."""
    _app, page = relax_app()
    page.select("body-scan")
    page.play_button.click()
    assert page.player.state is PlayerState.PLAYING
    assert page.step_label.text() == page.player.script.steps[0].text
    qtbot.waitUntil(lambda: len(page.engine.voiced) == 1, timeout=10_000)
    assert page.engine.voiced[0] > 3  # the welcome's words, not a click


def test_the_step_in_focus_lights_its_area_in_the_outline(relax_app, qtbot, clock):
    """Grab the outline: the person's right arm glows teal, the left arm does not."""
    _app, page = relax_app()
    page.select("pmr-7")
    page.start_main_action()
    for _ in range(3):  # welcome, how to tense, a breath
        page.next()
    assert page.player.step.area == "dominant_arm"
    assert "dominant arm" in page.step_label.text()
    image: QImage = page.outline.grab().toImage()
    ratio = page.outline.devicePixelRatioF()

    def colour(region: str) -> QColor:
        point = page.outline.region_centre(region)
        return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))

    tokens = page.outline.palette_tokens
    teal, resting, behind = QColor(tokens.teal), QColor(tokens.raised), QColor(tokens.bg)
    alpha = LIT_ALPHA / 255  # the lit fill is teal, softened over the page's background
    expected = [round(b * (1 - alpha) + t * alpha) for b, t in
                zip(behind.getRgb()[:3], teal.getRgb()[:3], strict=True)]
    assert all(abs(a - b) <= 6 for a, b in zip(colour("upper_arm_r").getRgb()[:3], expected,
                                                strict=True))
    assert colour("upper_arm_l").getRgb()[:3] == resting.getRgb()[:3]
    assert page.outline.accessibleDescription() == "Dominant arm"


def test_steps_follow_the_clock(relax_app, qtbot, clock):
    """When a step's time is up, the timer moves the page on to the next step."""
    _app, page = relax_app()
    page.select("body-scan")
    page.start_main_action()
    first = page.player.step_seconds(0)
    clock.advance(first)
    page.step_timer.timeout.emit()
    assert page.player.index == 1
    assert page.step_label.text() == page.player.script.steps[1].text


def test_tensing_and_letting_go_each_have_a_soft_cue(relax_app, qtbot):
    _app, page = relax_app()
    page.select("pmr-4")
    page.start_main_action()
    for _ in range(4):  # welcome, how to tense, a breath, notice the arms
        page.next()
    assert page.player.step.kind is StepKind.TENSE
    page.next()
    assert page.player.step.kind is StepKind.RELEASE
    assert len(page.engine.once) == 2 and page.engine.once[0] < page.engine.once[1]


def test_the_first_time_pmr_is_chosen_a_gentle_note_comes_first(relax_app, qtbot):
    """Nothing starts until the note is read; it points to the body scan for pain or injury."""
    app, page = relax_app(note_seen=False)
    page.select("pmr-16")
    page.start_main_action()
    assert page.player is None and page.note_card.isVisible()
    assert "never to the point of pain" in page.note_label.text()
    assert "arthritis" in page.note_label.text()
    for caution in ("pregnant", "high blood pressure", "heart condition", "recent injury",
                    "Keep breathing while you tense"):
        assert caution in page.note_label.text()
    page.note_begin.click()
    assert page.player.state is PlayerState.PLAYING
    assert app.model.settings.pmr_note_seen


def test_the_note_can_lead_to_the_body_scan_instead(relax_app):
    _app, page = relax_app(note_seen=False)
    page.select("pmr-7")
    page.start_main_action()
    page.note_scan.click()
    assert page.current_script().id == "body-scan" and page.player is None


def test_an_area_left_out_is_never_visited(relax_app):
    """Ticking 'Neck and throat' removes its steps from the session, and it is remembered."""
    app, page = relax_app()
    page.select("pmr-7")
    page.set_left_out("neck", True)
    assert app.model.settings.relax_left_out == "neck"
    page.start_main_action()
    assert all(step.area != "neck" for step in page.player.script.steps)
    assert len(page.player.script.steps) == 40 - 5


def test_pause_holds_the_step_and_the_words(relax_app, clock):
    _app, page = relax_app()
    page.select("body-scan")
    page.start_main_action()
    page.play_button.click()
    assert page.player.state is PlayerState.PAUSED
    assert not page.step_timer.isActive() and page.play_button.text() == "Resume"
    assert page.time_label.text().startswith("Paused")


def test_pace_slider_slows_the_steps(relax_app):
    app, page = relax_app()
    page.select("body-scan")
    page.start_main_action()
    before = page.player.step_seconds(4)
    page.pace_slider.setValue(75)
    assert page.player.step_seconds(4) == pytest.approx(before / 0.75)
    assert app.model.settings.relax_pace == 75


def test_esc_stops_quietly(relax_app, qtbot):
    """Stop ends the script with no question; ambient sound is no longer ducked."""
    app, page = relax_app()
    page.select("body-scan")
    page.start_main_action()
    with qtbot.waitSignal(page.session_active_changed) as changed:
        app.window.stop_all()
    assert changed.args == [False]
    assert page.player is None and not page.rating_card.isVisible()


def test_at_the_end_one_tap_says_how_relaxed_you_feel(relax_app, qtbot):
    """Two 'more relaxed' answers after tense-and-release suggest release by recall."""
    app, page = relax_app()
    for _ in range(2):
        page.select("pmr-4")
        page.start_main_action()
        for _step in page.player.script.steps:
            page.next()
        assert page.rating_card.isVisible()
        page.answer_buttons[Answer.MORE].click()
    assert page.current_script().id == "recall"
    assert "next step" in page.rating_label.text()
    assert (app.paths.config / "relax-progress.toml").read_text().count("tense = 2") == 1


def test_a_broken_user_script_is_listed_with_its_line_and_the_good_one_loads(relax_app, paths):
    folder = paths.config / "relax-scripts"
    folder.mkdir(parents=True)
    (folder / "evening.toml").write_text(
        'format = 1\n[[script]]\nid = "evening"\ntitle = "My evening"\nminutes = 2\n'
        '[[script.step]]\nkind = "rest"\nseconds = 30\ntext = "Rest now."\n')
    (folder / "broken.toml").write_text(
        'format = 1\n[[script]]\nid = "broken"\ntitle = "Oops"\nminutes = 2\n'
        '[[script.step]]\nkind = "rest"\nseconds = 9000\ntext = "Rest."\n')
    _app, page = relax_app()
    assert "evening" in [s.id for s in page.scripts]
    assert "broken.toml, line 6 (step 1): seconds" in page.broken_label.text()
    assert page.broken_label.isVisibleTo(page)


def write_own_script(paths) -> None:
    folder = paths.config / "relax-scripts"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 1\n[[script]]\nid = "mine"\ntitle = "Mine"\nminutes = 1\n'
        '[[script.step]]\nkind = "rest"\nseconds = 30\ntext = "Rest now, and breathe."\n')


def test_a_users_script_is_spoken_by_the_natural_voice(relax_app, qtbot, paths):
    """With the voice extra installed (the test extra brings it), the natural voice renders the
    user's words in its own process, off the GUI thread; then they play."""
    write_own_script(paths)
    _app, page = relax_app()
    page.select("mine")
    page.start_main_action()
    qtbot.waitUntil(lambda: len(page.engine.voiced) == 1, timeout=60_000)
    assert list((paths.cache / "voice" / "natural-own").glob("*.wav"))


def test_without_the_voice_extra_a_users_script_is_spoken_by_espeak(relax_app, qtbot, paths,
                                                                    monkeypatch):
    """The extra missing (injected): espeak-ng renders the words instead."""
    monkeypatch.setattr("companion.relax.voice.natural_voice_installed", lambda: False)
    write_own_script(paths)
    _app, page = relax_app()
    page.select("mine")
    page.start_main_action()
    qtbot.waitUntil(lambda: len(page.engine.voiced) == 1, timeout=15_000)
    assert list((paths.cache / "voice").glob("*.wav"))


def test_relax_now_from_another_launch_starts_the_last_script(relax_app, qtbot):
    """`companion --open relax --start` (and the tray's Relax now) begin the remembered script."""
    app, page = relax_app(relax_script="counting")
    app.handle_request("relax", True)
    assert page.player is not None and page.player.script.id == "counting"


def test_ambient_sound_ducks_under_the_voice_and_comes_back(relax_app, qtbot):
    """While a script is spoken the soundscape sits under it; after Stop it returns."""
    app, page = relax_app()
    app.window.page("sounds")  # build the soundscape player
    page.select("body-scan")
    page.start_main_action()
    assert app.feature(SoundsFeature).player.ducked
    page.stop()
    assert not app.feature(SoundsFeature).player.ducked


def test_with_the_voice_off_ambient_sound_is_not_ducked(relax_app):
    app, page = relax_app(relax_voice=False)
    app.window.page("sounds")
    page.select("body-scan")
    page.start_main_action()
    assert not app.feature(SoundsFeature).player.ducked and page.engine.voiced == []


def test_less_relaxed_after_the_body_scan_never_suggests_the_body_scan_again(relax_app, qtbot):
    _app, page = relax_app()
    page.select("body-scan")
    page.start_main_action()
    for _step in page.player.script.steps:
        page.next()
    page.answer_buttons[Answer.LESS].click()
    assert "slow breathing" in page.rating_label.text()
    assert "body scan" not in page.rating_label.text().lower()
    from PySide6.QtCore import QThreadPool  # let the voice loads skipped past finish first

    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=20_000)


def test_the_length_is_said_once_before_beginning(relax_app):
    """'About 6 minutes' appears once: worked out for the pace, not repeated from the summary."""
    _app, page = relax_app()
    page.select("body-scan")
    assert page.step_label.text().count("About ") == 1


def test_a_playing_script_has_the_whole_window(relax_app, qtbot):
    """While a script plays: no sidebar, no chooser; the words, the outline, the controls and
    Need help now? have the window; stopping brings the chooser and the sidebar back."""
    app, page = relax_app()
    app.window.resize(960, 680)
    page.select("body-scan")
    page.play_button.click()
    assert page.is_running()
    assert app.window.sidebar_panel.isHidden() and not page.chooser.isVisibleTo(page)
    assert page.session_help.isVisibleTo(page)
    page.session_help.click()
    assert app.window.help_dialog is not None and app.window.help_dialog.isVisible()
    app.window.help_dialog.close()
    page.stop()
    assert not app.window.sidebar_panel.isHidden() and page.chooser.isVisibleTo(page)
    assert not page.session_help.isVisibleTo(page)
