"""The house's floors: no module imports another that imports it back (directly or through
others), counting every import, also those made only for type checking, and the Qt skin's
feature packages meet only through the shell and the domain. The graph is grimp's, the library
import-linter itself uses."""

from __future__ import annotations

import grimp

FEATURES = ("home", "breathe", "relax", "sounds", "journal", "reminders", "session", "progress",
            "settings")


def graph():
    return grimp.build_graph("companion", cache_dir=None)


def test_no_module_imports_itself_back():
    """Every import cycle between modules, named, so a new one cannot slip in."""
    g = graph()
    cycles = set()
    for module in g.modules:
        for imported in g.find_modules_directly_imported_by(module):
            if g.find_shortest_chain(importer=imported, imported=module):
                cycles.add(tuple(sorted((module, imported))))
    assert sorted(cycles) == []


def test_the_skins_feature_packages_are_independent():
    """A feature package never imports another one: they meet in ui/shell and the domain, and
    only the composition root (ui/app.py) knows them all."""
    g = graph()
    crossings = [(a, b, chain) for a in FEATURES for b in FEATURES if a != b
                 for chain in g.find_shortest_chains(importer=f"companion.ui.{a}",
                                                     imported=f"companion.ui.{b}",
                                                     as_packages=True)]
    assert crossings == []


def test_the_shell_knows_no_feature():
    """ui/shell is the floor the features stand on: it imports none of them."""
    g = graph()
    for feature in FEATURES:
        assert not g.find_shortest_chains(importer="companion.ui.shell",
                                          imported=f"companion.ui.{feature}", as_packages=True)
