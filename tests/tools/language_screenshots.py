"""README pictures of Companion in another language: Home in German, Relax in Spanish.

Run: python tests/tools/language_screenshots.py [OUTDIR]   (default: assets/screenshots)
Each language in its own process, installed before any page is imported, as at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SHOTS = (("de", "home", "dark"), ("es", "relax", "light"))


def grab(code: str, page_id: str, appearance: str, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from companion.i18n import install

    install(code)
    from PySide6.QtWidgets import QApplication

    from companion.clock import FakeClock
    from companion.paths import resolve_paths
    from companion.settings import Settings, SettingsStore
    from companion.ui.app import CompanionApp
    from companion.ui.shell.qt_language import install_qt_translations

    qapp = QApplication([])
    install_qt_translations(qapp, code)
    paths = resolve_paths(Path(tempfile.mkdtemp()))
    clock = FakeClock(datetime(2026, 11, 26, 21, 30, tzinfo=ZoneInfo("Europe/London")))
    SettingsStore(paths.settings_file, clock).save(Settings(welcome_seen=True,
                                                            appearance=appearance))
    app = CompanionApp(qapp, paths, clock, tray_enabled=False)
    app.show(page_id, start=False, background=False)
    app.window.resize(960, 680)
    for _turn in range(10):
        qapp.processEvents()
    app.window.grab().save(str(out / f"{page_id}-{code}.png"))
    app.quit()


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        grab(sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5]))
        return 0
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("assets/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for code, page_id, appearance in SHOTS:
        subprocess.run([sys.executable, __file__, "--one", code, page_id, appearance, str(out)],
                       check=True)
        print(out / f"{page_id}-{code}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
