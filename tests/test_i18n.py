"""One catalogue: plurals and numbers by CLDR's rules (Babel), every key in both languages."""

from __future__ import annotations

import pytest
from babel.core import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from orgdiff.i18n import CLDR_PLURALS, CLDR_SYMBOLS, LANGS, count, number, plural, plural_form


@pytest.mark.parametrize("lang", LANGS)
def test_the_rules_are_babels(lang: str) -> None:
    assert Locale.parse(lang).plural_form.rules == CLDR_PLURALS[lang]
    assert (get_group_symbol(locale=lang), get_decimal_symbol(locale=lang)) == CLDR_SYMBOLS[lang]


@pytest.mark.parametrize("n", [0, 1, 2, 5, 21, 0.5, 1.5, 2.5, 100, 1000000])
@pytest.mark.parametrize("lang", LANGS)
def test_plural_form_agrees_with_babel_for_every_number(n: float, lang: str) -> None:
    assert plural_form(n, lang) == Locale.parse(lang).plural_form(n)  # type: ignore[arg-type]


def test_plurals_and_numbers_read_right() -> None:
    assert plural("kept_n", 1, "da") == "1 uændret"
    assert plural("kept_n", 3, "da") == "3 uændrede"
    assert plural("more_units", 1, "da") == "+1 enhed"
    assert plural("more_units", 1, "en") == "+1 unit"
    assert count(1, "unit", "units", "da") == "1 enhed"
    assert count(2, "unit", "units", "en") == "2 units"
    assert number(1234.5, "da") == "1.234,5" and number(1234.5, "en") == "1,234.5"
    assert number(-0.35, "en", 2) == "−0.35"
