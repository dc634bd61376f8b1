"""'Need help now?' contacts, stored offline and ordered for the user's country."""

import pytest

from companion.helplines import country_of, load_directory, ordered_for


@pytest.mark.parametrize(("locale", "country"), [
    ("en_US.UTF-8", "US"), ("en-GB", "GB"), ("ga_IE@euro", "IE"), ("de", ""), ("C", "")])
def test_country_is_read_from_locale_names(locale, country):
    """Locale names in their usual spellings give an upper-case country code, or '' for none."""
    assert country_of(locale) == country


def test_bundled_directory_has_the_agreed_lines():
    """988, Samaritans 116 123 and findahelpline.com are all there, with 911, 999 and 112."""
    directory = load_directory()
    hows = " ".join(line.how for line in directory.lines)
    assert "988" in hows and "116 123" in hows and "findahelpline.com" in hows
    assert {num.number for num in directory.emergency} == {"911", "999", "112"}


def test_us_user_sees_988_and_911_first():
    """In the US the 988 Lifeline and 911 come first."""
    ordered = ordered_for(load_directory(), "US")
    assert "988" in ordered.lines[0].how
    assert ordered.emergency[0].number == "911"


def test_irish_user_sees_samaritans_first():
    """In Ireland the Samaritans come first, and 112 leads the emergency numbers."""
    ordered = ordered_for(load_directory(), "IE")
    assert ordered.lines[0].name == "Samaritans"
    assert ordered.emergency[0].number == "112"


def test_elsewhere_the_worldwide_finder_comes_first():
    """Where no listed line serves the country, the worldwide finder leads, and 112."""
    ordered = ordered_for(load_directory(), "DE")
    assert ordered.lines[0].how == "findahelpline.com"
    assert ordered.emergency[0].number == "112"


def test_ordering_never_drops_a_line():
    """Every contact is still listed whatever the country."""
    directory = load_directory()
    for country in ("US", "GB", "FR", ""):
        ordered = ordered_for(directory, country)
        assert sorted(line.name for line in ordered.lines) == sorted(
            line.name for line in directory.lines)
