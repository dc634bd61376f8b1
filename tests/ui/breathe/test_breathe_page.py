"""The Breathe page, driven by a fake clock, with the real pygame mixer on SDL's dummy driver."""

from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from companion.audio.pygame_engine import PygameAudioEngine
from companion.breathing.session import SessionState
from companion.ui.shell.audio_service import open_pygame_engine


class RecordingEngine(PygameAudioEngine):
    """The real engine, noting each call with the fake clock's time so tests can see the sync."""

    clock = None
    calls: list

    def __init__(self):
        super().__init__()
        self.calls = []

    def _note(self, name, *args):
        self.calls.append((name, float(self.clock.monotonic()), args))

    def play_cues(self, loop, loops, then):
        self._note("play", loops, len(loop))
        super().play_cues(loop, loops, then)

    def pause_cues(self):
        self._note("pause")
        super().pause_cues()

    def resume_cues(self):
        self._note("resume")
        super().resume_cues()

    def stop_cues(self, fade_ms=0):
        self._note("stop", fade_ms)
        super().stop_cues(fade_ms)


@pytest.fixture
def breathe(make_app, qtbot, clock):
    """The app open on the Breathe page, with sound ready and the default pattern's cues rendered."""
    engines = []

    def opener():
        RecordingEngine.clock = clock
        engine = RecordingEngine()
        engines.append(engine)
        return engine

    app = make_app(audio_opener=opener)
    app.show("breathe", start=False, background=False)
    qtbot.waitExposed(app.window)
    page = app.window.page("breathe")
    cues = page._cues
    qtbot.waitUntil(lambda: cues.is_ready_for(page.current_pattern(), False), timeout=10_000)
    page.engine = engines[0]
    return page


def press_space(page, qtbot, focus=None):
    """Press Space in the active window, with the keyboard focus on `focus` (the page by default)."""
    page.window().windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    target = focus or page
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Space)


def test_space_starts_a_resonance_session(breathe, qtbot):
    """Space starts the default pattern: the orb says 'Breathe in · 4' and counts 30 breaths."""
    press_space(breathe, qtbot)
    assert breathe.session.state is SessionState.RUNNING
    assert breathe.phase_label.text() == "Breathe in · 4"
    assert breathe.status_label.text().startswith("Breath 1 of 30")


def test_space_works_while_the_sidebar_has_the_focus(breathe, qtbot):
    """Opening Breathe from the sidebar and pressing Space starts; pressing it again pauses."""
    sidebar = breathe.window().sidebar
    press_space(breathe, qtbot, focus=sidebar)
    assert breathe.session.state is SessionState.RUNNING
    press_space(breathe, qtbot, focus=sidebar)
    assert breathe.session.state is SessionState.PAUSED
    breathe.stop()


def test_space_on_the_sound_check_box_toggles_it_instead(breathe, qtbot):
    """Space keeps its usual meaning on a check box: it ticks or unticks, it does not start."""
    press_space(breathe, qtbot, focus=breathe.cues_box)
    assert breathe.session is None and not breathe.cues_box.isChecked()


def test_space_does_nothing_here_on_other_pages(breathe, qtbot):
    """On another page Space is not taken by Breathe."""
    breathe.window().show_page("settings")
    press_space(breathe, qtbot, focus=breathe.window().sidebar)
    assert breathe.session is None


def test_phases_follow_the_clock(breathe, clock):
    """After 4.5 s the page shows the exhale with 6 s counting down from 6."""
    breathe.start_main_action()
    clock.advance(4.5)
    breathe.refresh()
    assert breathe.phase_label.text() == "Breathe out · 6"


def test_pause_freezes_and_resume_continues_the_same_phase(breathe, clock):
    """A long pause changes nothing: resuming picks up mid-inhale where it stopped."""
    breathe.start_main_action()
    clock.advance(2.5)
    breathe.toggle_pause()
    assert breathe.phase_label.text() == "Paused"
    clock.advance(600)
    breathe.toggle_pause()
    breathe.refresh()
    assert breathe.phase_label.text() == "Breathe in · 2"


def test_frames_run_only_while_running_and_visible(breathe, qtbot):
    """The 60 fps timer runs during a visible session and stops when paused or hidden."""
    assert not breathe.frame_timer.isActive()
    breathe.start_main_action()
    assert breathe.frame_timer.isActive()
    breathe.toggle_pause()
    assert not breathe.frame_timer.isActive() and not breathe.tick_timer.isActive()
    breathe.toggle_pause()
    breathe.window().show_page("home")
    assert not breathe.frame_timer.isActive()
    assert breathe.tick_timer.isActive()  # one single-shot, for the end of the session
    breathe.stop()
    assert not breathe.tick_timer.isActive()


def test_reduced_motion_uses_no_frame_timer(breathe):
    """With reduced motion the page wakes only when the count changes."""
    breathe.set_reduce_motion(True)
    breathe.start_main_action()
    assert not breathe.frame_timer.isActive()
    assert breathe.tick_timer.isActive() and breathe.tick_timer.interval() <= 1001
    breathe.stop()


def orb_width(page, half_way: bool = False) -> int:
    """The orb's drawn width on its centre row, in the grabbed picture's pixels: walk right from
    the centre until the page background shows (the outline ring lies beyond that gap), or, with
    half_way, until the colour is nearer the background than the orb's core (the middle of its
    soft rim, which does not move when only the fill's strength changes)."""
    image: QImage = page.orb.grab().toImage()
    y, centre = image.height() // 2, image.width() // 2
    background = QColor(image.pixel(2, y))

    def distance(x: int) -> int:
        pixel = QColor(image.pixel(x, y))
        return max(abs(a - b) for a, b in zip(pixel.getRgb()[:3], background.getRgb()[:3],
                                              strict=True))

    limit = distance(centre) / 2 if half_way else 6

    def is_background(x: int) -> bool:
        return distance(x) <= limit

    x = centre
    while x < image.width() - 1 and not is_background(x):
        x += 1
    return 2 * (x - centre)


def test_orb_is_drawn_small_when_empty_and_large_when_full(breathe, clock):
    """At the start of the inhale the orb is at its smallest; at its end, its largest."""
    breathe.start_main_action()
    breathe.refresh()
    empty = orb_width(breathe)
    clock.advance(4)
    breathe.refresh()
    full = orb_width(breathe)
    expected_ratio = 0.38  # SMALLEST in orb_widget
    assert full > empty
    assert abs(empty / full - expected_ratio) < 0.05
    assert abs(full / 2 - breathe.orb.largest_radius()) < 4


def test_reduced_motion_draws_no_scaling(breathe, clock):
    """With reduced motion the orb keeps one size; the breath shows as a change of fill."""
    breathe.set_reduce_motion(True)
    breathe.start_main_action()
    breathe.refresh()
    empty_width, empty_fill = orb_width(breathe, half_way=True), breathe.orb.fill_opacity()
    clock.advance(4)
    breathe.refresh()
    # the same size: the middle of the soft rim stays put (a pixel either way) as the fill deepens
    assert abs(orb_width(breathe, half_way=True) - empty_width) <= 2
    assert breathe.orb.fill_opacity() > empty_fill
    breathe.stop()


def test_escape_stops_and_says_so_kindly(breathe, qtbot):
    """Esc ends the session at once and the page says stopping is fine."""
    breathe.start_main_action()
    breathe.window().stop_all()
    assert breathe.session.state is SessionState.STOPPED
    assert breathe.phase_label.text() == "Stopped"
    assert breathe.status_label.text().startswith(
        "You breathed with the orb for less than a minute (0 full breaths). Stopping is always fine")


def test_session_finishes_with_a_free_close_and_a_summary(breathe, clock):
    """After the paced breaths comes free breathing, then a short summary."""
    breathe.start_main_action()
    clock.advance(301)
    breathe.refresh()
    assert breathe.phase_label.text() == "Breathe freely"
    clock.advance(60)
    breathe.refresh()
    assert breathe.session.state is SessionState.FINISHED
    assert breathe.phase_label.text() == "Finished"
    assert breathe.status_label.text().startswith(
        "30 slow breaths and a quiet close, 6 minutes in all.")
    assert not breathe.frame_timer.isActive() and not breathe.tick_timer.isActive()


def test_cues_start_with_the_session_and_follow_pause_and_resume(breathe, clock):
    """The cue loop starts at elapsed 0 for all 30 breaths, pauses and resumes with the session,
    and fades out on stop."""
    start = clock.monotonic()
    breathe.start_main_action()
    clock.advance(3)
    breathe.toggle_pause()
    clock.advance(10)
    breathe.toggle_pause()
    breathe.stop()
    names = [(name, round(at - start, 3), args) for name, at, args in breathe.engine.calls]
    assert names == [("play", 0.0, (30, 441_000)), ("pause", 3.0, ()), ("resume", 13.0, ()),
                     ("stop", 13.0, (400,))]


def test_cues_switched_on_mid_session_join_at_the_next_breath(breathe, clock, qtbot):
    """Turning sound on 2.5 s into a 10 s breath waits 7.5 s, then plays the remaining 29."""
    breathe.cues_box.setChecked(False)
    breathe.start_main_action()
    clock.advance(2.5)
    breathe.cues_box.setChecked(True)
    join = breathe._cues._join
    assert join.isActive() and abs(join.interval() - 7500) <= 1
    join.stop()
    clock.advance(7.5)
    join.timeout.emit()
    play = [c for c in breathe.engine.calls if c[0] == "play"]
    assert play and play[-1][2][0] == 29
    breathe.stop()


def test_holds_note_appears_once(breathe, qtbot):
    """The first time a pattern with holds is chosen, the safety note opens; never again after."""
    box_index = breathe.pattern_box.findData("box")
    breathe.pattern_box.setCurrentIndex(box_index)
    breathe.pattern_box.activated.emit(box_index)
    note = breathe.safety_box
    assert isinstance(note, QMessageBox) and "pregnant" in note.text()
    note.close()
    breathe.safety_box = None
    breathe.pattern_box.activated.emit(box_index)
    assert breathe.safety_box is None


def test_4_7_8_is_offered_in_breaths(breathe):
    """Choosing 4-7-8 offers its four-breath session only: never minutes, never "until I stop"."""
    index = breathe.pattern_box.findData("4-7-8")
    breathe.pattern_box.setCurrentIndex(index)
    breathe.pattern_box.activated.emit(index)
    breathe.safety_box.close()
    labels = [breathe.length_box.itemText(i) for i in range(breathe.length_box.count())]
    assert labels == ["4 breaths"]
    assert breathe.plan().cycles == 4


def test_pace_control_changes_resonance_timing(breathe):
    """At 5 breaths a minute, resonance breathes 4.8 s in and 7.2 s out."""
    index = breathe.pace_box.findData("5")
    breathe.pace_box.setCurrentIndex(index)
    breathe.pace_box.activated.emit(index)
    assert [p.seconds for p in breathe.current_pattern().phases] == [Fraction("4.8"),
                                                                      Fraction("7.2")]
    assert "4.8 · 7.2" in breathe.description.text()


def test_open_breathe_start_from_another_launch(make_app, qtbot):
    """`companion --open breathe --start` reaching the running app starts a session there."""
    app = make_app()
    app.show("home", start=False, background=False)
    app.handle_request("breathe", True)
    page = app.window.page("breathe")
    assert app.window.current_page_id() == "breathe"
    qtbot.waitUntil(page.is_running, timeout=10_000)  # once its cues are ready
    page.stop()


def test_a_quick_start_waits_for_the_cues_and_hears_the_first_breath(make_app, save_settings,
                                                                       qtbot):
    """Start pressed before the sound device is open: 'Getting ready…' for a moment, then the
    session starts with its cue playing from the first breath, never joined a breath late."""
    save_settings(welcome_seen=True)
    app = make_app(audio_opener=PygameAudioEngine)
    app.show("breathe", start=False, background=False)
    qtbot.waitExposed(app.window)
    page = app.window.page("breathe")
    page.start_button.click()
    assert not page.is_running() and page.phase_label.text() == "Getting ready…"
    qtbot.waitUntil(page.is_running, timeout=10_000)
    assert page._cues.playing and page.session.elapsed() == 0
    page.stop()


def test_start_does_not_wait_when_sound_cues_are_off(make_app, save_settings, qtbot):
    """With the sound cues off there is nothing to wait for: Start starts at once."""
    save_settings(welcome_seen=True, sound_cues=False)
    app = make_app()
    app.show("breathe", start=False, background=False)
    page = app.window.page("breathe")
    page.start_button.click()
    assert page.is_running()
    page.stop()


def test_no_audio_device_keeps_the_visual_session_and_says_sound_is_off(make_app, qtbot):
    """When no sound device opens, a notice says sound is off and breathing still works."""
    app = make_app(audio_opener=lambda: "No sound device could be opened, so sound is off.")
    app.show("breathe", start=False, background=False)
    qtbot.waitUntil(lambda: any("sound is off" in t for t in app.window.notice_texts()))
    page = app.window.page("breathe")
    page.start_main_action()
    assert page.phase_label.text() == "Breathe in · 4"
    page.stop()


def test_real_engine_opens_on_the_dummy_driver():
    """The default opener gives a working engine on SDL's dummy driver (as in CI)."""
    engine = open_pygame_engine()
    assert not isinstance(engine, str)
    engine.play_cues(np.zeros((4410, 2), dtype=np.int16), 1, None)
    engine.close()


def test_a_long_pause_closes_the_sound_device_and_resume_rejoins_at_the_next_breath(breathe,
                                                                                     clock, qtbot):
    """Paused for a while, the idle device is closed (its thread costs power); on resume it opens
    again in the background and the cues rejoin at the start of the next breath."""
    audio = breathe._cues._audio
    breathe.start_main_action()
    clock.advance(3)
    breathe.toggle_pause()
    assert audio.idle_timer.isActive()
    audio.idle_timer.stop()
    audio.idle_timer.timeout.emit()  # as if 20 s of pause had passed
    assert audio.engine is None and not breathe._cues.playing
    breathe.toggle_pause()
    qtbot.waitUntil(lambda: audio.engine is not None, timeout=10_000)
    join = breathe._cues._join
    assert join.isActive() and abs(join.interval() - 7000) <= 1  # 3 s into a 10 s breath
    breathe.stop()


def test_sound_choice_in_settings_shows_on_breathe(breathe):
    """Turning cues off on the Settings page unticks them on Breathe as well."""
    app_window = breathe.window()
    settings_page = app_window.page("settings")
    settings_page.cues.setChecked(False)
    assert not breathe.cues_box.isChecked() and not breathe._cues.enabled


def test_hold_tone_choice_renders_a_low_tone_on_rests(breathe, qtbot):
    """With the rest tone chosen, the box pattern's cues are rendered with it for the next session."""
    breathe.window().page("settings").hold_tone.setChecked(True)
    index = breathe.pattern_box.findData("box")
    breathe.pattern_box.setCurrentIndex(index)
    breathe.pattern_box.activated.emit(index)
    breathe.safety_box.close()
    qtbot.waitUntil(lambda: breathe._cues.is_ready_for(breathe.current_pattern(), True),
                    timeout=10_000)


def test_cues_start_with_the_first_breath_even_a_moment_after_start(breathe, clock):
    """On the real clock a few milliseconds pass between Start and the cues joining; that must not
    push the first cue a whole breath later (the first breath would be silent)."""
    breathe.start_main_action()
    breathe.engine.calls.clear()
    breathe._cues._playing = False  # as if the sound became ready just after Start
    clock.advance(0.1)
    breathe._cues._maybe_join()
    assert [c[0] for c in breathe.engine.calls] == ["play"]


def test_4_7_8_can_be_counted_more_slowly_keeping_its_ratio(breathe, clock, qtbot):
    """A slower count keeps the counts 4, 7 and 8 and the ratio; each count lasts 1.5 s."""
    index = breathe.pattern_box.findData("4-7-8")
    breathe.pattern_box.setCurrentIndex(index)
    breathe.pattern_box.activated.emit(index)
    breathe.safety_box.close()
    assert breathe.count_box.isVisibleTo(breathe) and not breathe.pace_box.isVisibleTo(breathe)
    slowest = breathe.count_box.findData("1.5")
    breathe.count_box.setCurrentIndex(slowest)
    breathe.count_box.activated.emit(slowest)
    assert [p.seconds for p in breathe.current_pattern().phases] == [6, Fraction("10.5"), 12]
    assert "4 · 7 · 8 counts of 1.5 seconds" in breathe.description.text()
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)  # its cues are rendered first
    breathe.refresh()
    assert breathe.phase_label.text() == "Breathe in · 4"
    clock.advance(1.6)  # one slow count later
    breathe.refresh()
    assert breathe.phase_label.text() == "Breathe in · 3"
    breathe.stop()


def test_resonance_has_a_pace_and_no_count_speed(breathe):
    """Paced patterns are set in breaths a minute; the count speed is for counted patterns."""
    assert breathe.pace_box.isVisibleTo(breathe) and not breathe.count_box.isVisibleTo(breathe)


def test_spoken_cues_are_off_by_default_and_say_when_a_pattern_is_too_quick(breathe, qtbot):
    """'Say in / hold / out' starts unticked; ticked, box breathing speaks its cues, and cyclic
    sighing (its top-up is too short for words) says its tones play instead."""
    assert not breathe.spoken_box.isChecked()
    box = breathe.pattern_box.findData("box")
    breathe.pattern_box.setCurrentIndex(box)
    breathe.pattern_box.activated.emit(box)
    if breathe.safety_box is not None:
        breathe.safety_box.close()
    breathe.spoken_box.setChecked(True)
    qtbot.waitUntil(lambda: breathe._cues.speaks_for(breathe.current_pattern(), False) is True)
    assert not breathe.spoken_note.isVisibleTo(breathe)
    sigh = breathe.pattern_box.findData("cyclic-sighing")
    breathe.pattern_box.setCurrentIndex(sigh)
    breathe.pattern_box.activated.emit(sigh)
    qtbot.waitUntil(lambda: breathe.spoken_note.isVisibleTo(breathe))
    assert "tones play instead" in breathe.spoken_note.text()
    assert breathe._model.settings.spoken_cues


def test_the_orb_repaints_only_when_it_looks_different(breathe, clock, qtbot):
    """Box breathing at 60 frames a second: through a 4 s hold the orb's size and colour stay,
    so only the session ring's half-degree steps repaint it (a handful, not 240 frames); while
    breathing in, it repaints as it grows but never more often than the frames."""
    index = breathe.pattern_box.findData("box")
    breathe.pattern_box.setCurrentIndex(index)
    breathe.pattern_box.activated.emit(index)
    if breathe.safety_box is not None:
        breathe.safety_box.close()
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)  # its cues are rendered first
    orb = breathe.orb

    def frames(seconds: float) -> int:
        before = orb.repaints
        for _ in range(round(seconds * 60)):
            clock.advance(1 / 60)
            breathe.refresh()
        return orb.repaints - before

    growing = frames(3.9)  # breathing in
    frames(0.2)
    held = frames(3.8)  # holding, full
    plan = breathe.plan()
    ring_steps = 720 * 3.8 / float(plan.total_seconds) + 1
    assert held <= ring_steps < 15 and growing > 60
    frames(4.2)  # breathing out, into the second hold
    orb.show_ring = False
    assert frames(3.6) <= 1  # a hold with no ring repaints nothing (one: the ring goes)
    breathe.stop()


def test_the_session_fills_the_ring_around_the_orb_and_nothing_touches_the_full_orb(breathe,
                                                                                  clock):
    """At the top of a breath there is page background between the orb and its ring (no seam),
    and the session's progress is drawn on that ring itself, starting at the top, not beyond."""
    from companion.ui.breathe.orb import RING_GAP

    breathe.start_main_action()
    clock.advance(4)  # the end of the first inhale: the orb at its fullest
    breathe.refresh()
    image: QImage = breathe.orb.grab().toImage()
    ratio = breathe.orb.devicePixelRatioF()
    cx, cy = image.width() // 2, image.height() // 2
    big = breathe.orb.largest_radius() * ratio
    background = QColor(breathe.orb.palette_tokens.bg)

    def at(distance: float) -> QColor:  # straight up from the centre
        return QColor(image.pixel(cx + 1, round(cy - distance)))

    def near(a: QColor, b: QColor) -> bool:
        return all(abs(x - y) <= 8 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))

    gap = [at(big + d) for d in range(3, RING_GAP - 3)]
    assert all(near(pixel, background) for pixel in gap)
    ring = at(big + RING_GAP)
    blue = QColor(breathe.orb.palette_tokens.blue)
    assert not near(ring, background) and ring.blue() > ring.red()
    assert abs(ring.hue() - blue.hue()) < 20
    assert near(at(big + RING_GAP + 6), background)  # nothing floats beyond the ring
    breathe.stop()


def test_controls_that_cannot_be_used_look_it(breathe, qtbot):
    """Before a session Pause and Stop are outlines on the page, not filled like a button that
    works; during one they are filled and the setup menus are out of the way."""
    palette = breathe.orb.palette_tokens

    def fill(widget) -> str:  # a little inside the widget's top edge, in the page's picture
        picture = breathe.grab().toImage()
        ratio = picture.devicePixelRatio()
        spot = widget.mapTo(breathe, widget.rect().center())
        x, y = spot.x(), widget.mapTo(breathe, widget.rect().topLeft()).y() + 6
        return QColor(picture.pixel(round(x * ratio), round(y * ratio))).name()

    assert not breathe.pause_button.isEnabled()
    assert fill(breathe.pause_button) == fill(breathe.stop_button) == palette.bg
    assert fill(breathe.edit_button) == palette.raised  # a button that works is filled
    assert fill(breathe.pattern_box) == palette.raised
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)
    assert not breathe.setup_row.isVisibleTo(breathe)  # the session view: choices wait
    assert fill(breathe.pause_button) == palette.raised
    breathe.stop()


def test_at_rest_the_orb_is_drawn_alone_without_a_ring(breathe):
    """Before a session only the soft orb shows (no outline, no chrome); the ring appears with
    the session."""
    from companion.ui.breathe.orb import RING_GAP

    image: QImage = breathe.orb.grab().toImage()
    ratio = breathe.orb.devicePixelRatioF()
    cx, cy = image.width() // 2, image.height() // 2
    ring = QColor(image.pixel(cx + 1, round(cy - (breathe.orb.largest_radius() * ratio
                                                   + RING_GAP))))
    background = QColor(breathe.orb.palette_tokens.bg)
    assert ring.getRgb()[:3] == background.getRgb()[:3]


def test_a_running_session_has_the_whole_window(breathe, qtbot):
    """While breathing: no sidebar, no choices, the words in large type, Pause and Stop and Need
    help now? in reach; when it stops everything comes back."""
    window = breathe.window()
    window.resize(960, 680)
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)
    assert window.sidebar_panel.isHidden() and window.compact_bar.isHidden()
    assert not breathe.setup_row.isVisibleTo(breathe)
    assert breathe.quiet_help.isVisibleTo(breathe) and breathe.stop_button.isVisibleTo(breathe)
    assert breathe.phase_label.property("large") is True
    breathe.stop()
    assert not window.sidebar_panel.isHidden() and breathe.setup_row.isVisibleTo(breathe)
    assert not breathe.quiet_help.isVisibleTo(breathe)


def test_the_orb_is_a_soft_glow_with_a_clear_core(breathe, clock):
    """No outline: from the orb's core outwards its colour fades into the page over several
    pixels (no step of more than a fifth of the way at once), and its core stands at least 3:1
    against the page."""
    from companion.ui.shell.theme import contrast

    breathe.start_main_action()
    clock.advance(4)  # the fullest orb
    breathe.refresh()
    look = breathe.orb.palette_tokens
    image: QImage = breathe.orb.grab().toImage()
    ratio = breathe.orb.devicePixelRatioF()
    cx, cy = image.width() // 2, image.height() // 2
    big = round(breathe.orb.largest_radius() * ratio)
    core = QColor(image.pixel(cx, cy))
    assert contrast(core.name(), look.bg) >= 3
    background = QColor(look.bg)
    # The last fifth of the radius, going right from the centre (away from the highlight).
    rim = [QColor(image.pixel(cx + d, cy)) for d in range(big * 3 // 4, big + 3)]
    distance = [sum(abs(a - b) for a, b in zip(c.getRgb()[:3], background.getRgb()[:3],
                                               strict=True)) for c in rim]
    steps = [abs(a - b) for a, b in pairwise(distance)]
    assert distance[-1] <= 12 and max(steps) <= distance[0] / 5
    breathe.stop()
