"""Renders the README screenshots with QWidget.grab() on the offscreen platform.

Run: python tests/tools/make_screenshots.py [OUTDIR]   (default: assets/screenshots)
Uses a throwaway home folder and a fixed evening time, so the pictures are the same every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from companion.clock import FakeClock
from companion.paths import resolve_paths
from companion.settings import Settings, SettingsStore
from companion.ui.app import CompanionApp
from companion.ui.breathe.feature import BreatheFeature


def settle(qapp: QApplication) -> None:
    for _ in range(5):
        qapp.processEvents()


def journal_screens(app: CompanionApp, qapp: QApplication, out: Path) -> None:
    """The locked journal, then an open one with a guided-writing session under way."""
    from companion.journal.entry import Entry
    from companion.journal.opening import create_vault

    page = app.window.page("journal")
    vault = create_vault(page.folder, "harbour lights at dusk", app.clock)
    now = app.clock.now()
    for days, title, body, tags, mood in (  # distinct days: the list's order is fixed
            (3, "After the call", "I cried for a long time after the call, and then it was "
             "quieter.\n\nTomorrow I will walk by the river.", ("grief",), 3),
            (1, "Small things", "- the light at six\n- a warm cup\n- Sam's message",
             ("gratitude",), 5)):
        vault.save(Entry.new(now - timedelta(days=days), title, body, tags, mood))
    app.window.show_page("journal")
    page._show_state()
    settle(qapp)
    app.window.grab().save(str(out / "journal-locked.png"))
    page._opened(vault, vault.read_all())
    page.start_guided()
    page.guided_checkin.skip_button.click()
    page.editor.body.setPlainText("What I kept to myself today was how tired I am of being "
                                  "the strong one.")
    page.save_now()
    page.pool.waitForDone()
    settle(qapp)
    app.window.grab().save(str(out / "journal.png"))
    progress_screen(app, qapp, out, vault)
    page.lock("screenshot")
    page.pool.waitForDone()


def reminder_screen(app: CompanionApp, qapp: QApplication, out: Path) -> None:
    """The Reminders page with two reminders and quiet hours."""
    from datetime import time

    from companion.reminders.rules import Kind, Rule
    from companion.reminders.schedule import QuietHours

    service = app.reminder_service()
    service.reminders.quiet = QuietHours(time(22), time(7))
    service.set_rules([Rule("a", Kind.BREATHE, times=(time(13, 0), time(21, 45))),
                       Rule("b", Kind.CUSTOM, "Unclench your jaw, drop your shoulders.",
                            every_minutes=90, start=time(9), end=time(18),
                            weekdays=frozenset(range(5)))])
    app.window.show_page("reminders")
    settle(qapp)
    app.window.grab().save(str(out / "reminders.png"))


def progress_screen(app: CompanionApp, qapp: QApplication, out: Path, vault) -> None:
    """Progress with a few weeks of sessions in the open journal."""
    from datetime import timedelta

    from companion.sessions.checkin import CheckIn
    from companion.sessions.history import SessionRecord, StepRecord, to_entry

    start = app.clock.now() - timedelta(days=20)
    plan = [(7, 5, "relax:body-scan"), (8, 6, "breathe:long-exhale"), (6, 3, "relax:body-scan"),
            (7, 4, "write:grief"), (5, 3, "relax:jaw-throat-chest"), (6, 2, "relax:body-scan")]
    for day, (before, after, exercise) in enumerate(plan):
        record = SessionRecord("wind-down", "Wind down", start + timedelta(days=3 * day), 18,
                               (StepRecord(exercise, 18, False),), CheckIn(before, 3),
                               CheckIn(after, 5))
        vault.save(to_entry(record, app.clock.now()))
    journal = app.window.page("journal")
    journal._take(vault.read_all())
    app.window.show_page("progress")
    app.window.page("progress").refresh()
    settle(qapp)
    app.window.grab().save(str(out / "progress.png"))


def session_screens(app: CompanionApp, qapp: QApplication, out: Path) -> None:
    """The quiet session: the flow picker, the check-in, and the summary."""
    from companion.sessions.checkin import CheckIn

    page = app.window.page("session")
    app.window.show_page("session")
    page.flow_list.setCurrentRow(2)
    settle(qapp)
    app.window.grab().save(str(out / "session.png"))
    page.begin()
    page._ready()
    page.checkin.distress.setValue(7)
    page.checkin.valence.button(2).setChecked(True)
    page.checkin.word_buttons[0].setChecked(True)
    settle(qapp)
    app.window.grab().save(str(out / "session-checkin.png"))
    page.end_early()
    page._checked(CheckIn(8, 2, ("sad", "raw")))
    settle(qapp)
    app.window.grab().save(str(out / "session-summary.png"))
    page._cancel()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "assets/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication([])
    clock = FakeClock(datetime(2026, 11, 25, 21, 30, tzinfo=ZoneInfo("Europe/London")))
    with tempfile.TemporaryDirectory() as tmp:
        for appearance in ("dark", "light"):
            paths = resolve_paths(Path(tmp) / appearance)
            SettingsStore(paths.settings_file, clock).save(
                Settings(welcome_seen=True, appearance=appearance))
            app = CompanionApp(qapp, paths, clock, tray_enabled=False)
            app.window.resize(960, 680)
            app.show("home", start=False, background=False)
            settle(qapp)
            suffix = "" if appearance == "dark" else "-light"
            app.window.grab().save(str(out / f"home{suffix}.png"))
            breathe = app.window.page("breathe")
            app.window.show_page("breathe")
            breathe.start_plan(breathe.plan())  # at once: the picture needs no sound
            clock.advance(2.6)  # most of the way through the first inhale
            breathe.refresh()
            settle(qapp)
            app.window.grab().save(str(out / f"breathe{suffix}.png"))
            if appearance == "dark":
                breathe.set_quiet(True)
                app.window.resize(960, 680)
                settle(qapp)
                app.window.grab().save(str(out / "breathe-quiet.png"))
                breathe.set_quiet(False)
                app.feature(BreatheFeature).edit_patterns()
                editor = app.feature(BreatheFeature).pattern_dialog
                editor.name.setText("Evening wind-down")
                editor.spins[next(iter(editor.spins))].setValue(4.0)
                editor.save()
                editor.start_new()
                editor.name.setText("Too quick")
                for kind, spin in editor.spins.items():
                    spin.setValue({"inhale": 0.5, "exhale": 1.0}.get(kind.value, 0.0))
                editor.save()  # shows the error that names the field
                settle(qapp)
                editor.grab().save(str(out / "patterns.png"))
                editor.close()
            breathe.stop()
            relax = app.window.page("relax")
            app.window.show_page("relax")
            relax.select("pmr-7")
            app.model.update(pmr_note_seen=True)
            relax.start_main_action()
            relax.next()
            relax.next()  # the first arm, mid-tensing
            relax.toggle_pause()
            settle(qapp)
            app.window.grab().save(str(out / f"relax{suffix}.png"))
            relax.stop()
            if appearance == "dark":
                journal_screens(app, qapp, out)
            if appearance == "dark":
                reminder_screen(app, qapp, out)
                session_screens(app, qapp, out)
            sounds = app.window.page("sounds")
            app.window.show_page("sounds")
            sounds.player.mix = type(sounds.player.mix)(
                {"rain": 0.8, "night": 0.3, "brown-noise": 0.25}, 0.8)
            sounds.show_mix(sounds.player.mix)  # shown, not played: no sound device needed
            settle(qapp)
            app.window.grab().save(str(out / f"sounds{suffix}.png"))
            app.window.show_page("settings")
            settle(qapp)
            app.window.grab().save(str(out / f"settings{suffix}.png"))
            if appearance == "dark":
                app.window.show_help()
                settle(qapp)
                app.window.help_dialog.grab().save(str(out / "help.png"))
                app.window.help_dialog.close()
                welcome = app.show_welcome()
                settle(qapp)
                welcome.grab().save(str(out / "welcome.png"))
                welcome.close()
            app.quit()
            app.deleteLater()
            settle(qapp)
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
