"""Opening the app from the command line: hand the request to a running window, or make one and
run until quit."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from companion import APP_NAME, APP_TITLE, __version__
from companion.clock import SystemClock
from companion.paths import Paths
from companion.ui.shell.single_instance import send_to_running

log = logging.getLogger(__name__)

FIRST_PAINT_ENV = "COMPANION_REPORT_FIRST_PAINT"  # benchmark hook: write first-paint time, then quit


def needs_display_message() -> str | None:
    """What to say when there is no desktop to show a window on (None when there is)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("companion: no graphical desktop was found (neither DISPLAY nor WAYLAND_DISPLAY is "
            "set). Start Companion from your desktop session, or run it without a screen with "
            "QT_QPA_PLATFORM=offscreen.")


def run_gui(args: argparse.Namespace, paths: Paths) -> int:
    """Open the window (or hand the request to the running one) and run until quit."""
    message = needs_display_message()
    if message:
        print(message, file=sys.stderr)
        return 1
    QGuiApplication.setDesktopFileName(APP_NAME)
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationDisplayName(APP_TITLE)
    qapp.setApplicationVersion(__version__)
    if send_to_running(paths.instance_key(), args.page, args.start):
        log.info("handed the request to the running window")
        return 0
    from companion.i18n import language
    from companion.ui.shell.qt_language import install_qt_translations

    install_qt_translations(qapp, language())
    from companion.ui.app import CompanionApp
    from companion.ui.relax.feature import RelaxFeature
    from companion.ui.shell.unix_signals import UnixSignalBridge

    app = CompanionApp(qapp, paths, SystemClock())
    bridge = UnixSignalBridge(app)

    def on_signal(signum: int) -> None:
        log.info("signal %d: quitting", signum)
        app.quit()

    bridge.terminate.connect(on_signal)
    report = os.environ.get(FIRST_PAINT_ENV)
    if report:
        def report_and_quit() -> None:
            Path(report).write_text(f"{time.monotonic()!r}\n")
            app.quit()

        app.window.first_paint.connect(report_and_quit)
    app.show(args.page, args.start, args.background)

    def prepare_voice_later() -> None:
        """The natural voice's first preparation waits well past the first paint (its module,
        and the voice's index, are not needed to show the window)."""
        from companion.ui.relax.voice_renderer import AUTO_RENDER_DELAY_MS

        QTimer.singleShot(AUTO_RENDER_DELAY_MS, app.feature(RelaxFeature).prepare_if_needed)

    if args.background:
        prepare_voice_later()  # no window to paint
    else:
        app.window.first_paint.connect(prepare_voice_later)
    if args.verbose:  # tests and scripts wait for these lines
        def ready() -> None:
            print("companion: ready", flush=True)  # answering later launches from now on

        if app.server.is_listening():  # started in the background: no paint to wait for
            ready()
        else:  # after the app's own first-paint slot, which starts listening
            app.window.first_paint.connect(ready)
        app.window.first_paint.connect(lambda: QTimer.singleShot(
            0, lambda: print("companion: window painted", flush=True)))  # after the flush to X
        app.services.session_changed.connect(lambda active: print(
            f"companion: session {'started' if active else 'ended'}", flush=True))
    code = qapp.exec()
    bridge.restore()
    log.info("quit with code %d", code)
    return code
