"""'Need help now?' contacts, stored offline and ordered for the user's country."""

from datetime import date

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
    assert {"911", "999", "112"} <= {num.number for num in directory.emergency}


def test_every_line_records_its_web_address_its_source_and_when_it_was_checked():
    """A number nobody can trace back to its service is not shown: each line names both."""
    for line in load_directory().lines:
        assert line.web.startswith("https://"), line.name
        assert line.source.startswith(("https://", "http://")), line.name
        assert isinstance(line.checked, date) and line.checked.year >= 2026, line.name


def test_every_emergency_number_records_its_source_and_when_it_was_checked():
    """Emergency numbers carry the same evidence as the lines."""
    for number in load_directory().emergency:
        assert number.source.startswith(("https://", "http://")), number.number
        assert isinstance(number.checked, date), number.number


def test_every_country_a_line_serves_has_a_name():
    """Each number is labelled with the country it serves, by name."""
    directory = load_directory()
    for line in directory.lines:
        for code in line.regions:
            assert code in directory.countries, (line.name, code)


@pytest.mark.parametrize(("country", "first_line", "emergency"), [
    ("US", "Call or text 988", "911"),
    ("CA", "Call or text 9-8-8", "911"),
    ("GB", "Call 116 123", "999"),
    ("IE", "Call 116 123", "112 or 999"),
    ("AU", "Call 13 11 14, or text 0477 13 11 14", "000"),
    ("NZ", "Call or text 1737", "111"),
    ("MX", "Call 800 911 2000", "911"),
    ("DE", "Call 0800 111 0 111, 0800 111 0 222 or 116 123", "112"),
    ("FR", "Call 3114", "112"),
    ("ES", "Call 024", "112"),
    ("IT", "Call 02 2327 2327, or WhatsApp 324 011 7252", "112"),
    ("JP", "Call 0120-279-338 (from Iwate, Miyagi or Fukushima: 0120-279-226)", "119"),
    ("IN", "Call 14416 or 1-800-891-4416", "112"),
    ("BR", "Call 188", "192"),
])
def test_each_country_sees_its_own_line_and_emergency_number_first(country, first_line, emergency):
    """The first line and the emergency number shown are the ones that work in that country."""
    ordered = ordered_for(load_directory(), country)
    assert ordered.lines[0].how == first_line
    assert ordered.emergency_here().number == emergency
    assert country in ordered.emergency_here().regions


@pytest.mark.parametrize(("country", "how"), [("GB", "Text SHOUT to 85258"),
                                              ("IE", "Text TALK to 50808")])
def test_a_text_line_is_there_for_someone_too_choked_up_to_speak(country, how):
    """The UK and Ireland have a line that answers texts, listed for that country."""
    ordered = ordered_for(load_directory(), country)
    assert any(line.how == how and line.text for line in ordered.serving_here())


def test_us_user_sees_988_and_911_first():
    """In the US the 988 Lifeline and 911 come first."""
    ordered = ordered_for(load_directory(), "US")
    assert "988" in ordered.lines[0].how
    assert ordered.emergency[0].number == "911"


def test_irish_user_sees_samaritans_first():
    """In Ireland the Samaritans come first, and the emergency numbers are 112 or 999."""
    ordered = ordered_for(load_directory(), "IE")
    assert ordered.lines[0].name == "Samaritans"
    assert ordered.emergency[0].number == "112 or 999"


def test_elsewhere_the_worldwide_finder_comes_first():
    """Where no listed line serves the country, the worldwide finder leads, and 112."""
    ordered = ordered_for(load_directory(), "SE")
    assert ordered.lines[0].how == "findahelpline.com"
    assert ordered.emergency[0].number == "112"


def test_ordering_never_drops_a_line():
    """Every contact is still listed whatever the country."""
    directory = load_directory()
    for country in ("US", "GB", "FR", ""):
        ordered = ordered_for(directory, country)
        assert sorted(line.name for line in ordered.lines) == sorted(
            line.name for line in directory.lines)
