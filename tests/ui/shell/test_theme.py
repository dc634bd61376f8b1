"""The palettes keep their contrast promises."""

import pytest

from companion.ui.shell.theme import EVENING, MORNING, contrast


@pytest.mark.parametrize("palette", [EVENING, MORNING], ids=lambda p: p.name)
@pytest.mark.parametrize("token", ["text", "muted", "teal", "lavender", "blue", "focus", "warning"])
def test_text_colours_reach_4_5_to_1_on_every_surface(palette, token):
    """Every colour used for text reads at 4.5:1 or more on bg, surface and raised."""
    for surface in (palette.bg, palette.surface, palette.raised):
        assert contrast(getattr(palette, token), surface) >= 4.5, (token, surface)


@pytest.mark.parametrize("palette", [EVENING, MORNING], ids=lambda p: p.name)
def test_quiet_mode_background_keeps_text_readable(palette):
    """In quiet mode the words under the orb still read at 4.5:1 or more."""
    for token in ("text", "muted"):
        assert contrast(getattr(palette, token), palette.quiet) >= 4.5, token


@pytest.mark.parametrize("palette", [EVENING, MORNING], ids=lambda p: p.name)
def test_text_on_the_primary_button_is_readable(palette):
    """Text on the teal primary button reads at 4.5:1 or more."""
    assert contrast(palette.on_accent, palette.teal) >= 4.5


def test_contrast_of_black_on_white_is_21():
    """The contrast function agrees with WCAG's extremes."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)


def test_dialog_buttons_carry_no_platform_icons(make_app):
    """Where the platform puts icons on dialog buttons (a dark 'X' on the dark Close button),
    Companion's buttons stay words only. The platform's wish is injected with a proxy style."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProxyStyle, QStyle

    from companion.ui.shell.help_dialog import HelpDialog

    class IconsOnButtons(QProxyStyle):
        def styleHint(self, hint, option=None, widget=None, data=None):
            if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
                return 1
            return super().styleHint(hint, option, widget, data)

    app = make_app()
    qapp = QApplication.instance()
    before = qapp.style().name()
    qapp.setStyle(IconsOnButtons("Fusion"))
    try:
        app._apply_look(app.model.settings)
        dialog = HelpDialog(None, "en_GB")
        box = dialog.findChild(QDialogButtonBox)
        assert all(button.icon().isNull() for button in box.buttons())
        dialog.deleteLater()
    finally:
        qapp.setStyle(before)
        app._apply_look(app.model.settings)
