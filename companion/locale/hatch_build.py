"""Build hook: compile each language's .po catalogue into the .mo file gettext reads, for the wheel
and for an editable install alike (hatchling runs this hook for both). The .mo files are build
output and are not kept in the repository; Babel, which compiles them, is a build requirement."""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "companion"


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Compile locale_dir/<lang>/LC_MESSAGES/companion.po to .mo beside it; return the .mo files.
    Fuzzy entries are left out, as gettext would: a guess never reaches a person."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        written.append(mo)
    return written


class CatalogueHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        locale_dir = Path(self.root) / "companion" / "locale"
        written = compile_catalogues(locale_dir)
        if version == "editable":
            return  # an editable install imports from the source tree, where they now are
        for mo in written:
            build_data["force_include"][str(mo)] = mo.relative_to(self.root).as_posix()
