"""YAML that PyYAML and Python read in surprising ways: one clear message, or the value as written.

- tagged scalars that are not what their tag says, tags org files do not use, integers of
  4,300+ digits, hex/octal/binary numbers beyond a float's range, in every numeric field;
- ids are text exactly as written (YAML 1.1 would read ``0042`` as 34 and ``12:30`` as 750);
- a key given twice in a mapping is an error naming both lines (PyYAML keeps the last);
- FTE and costs have documented ranges, so sums and ratios cannot overflow;
- ``-0.0`` is 0, and ``1e3`` (text to YAML 1.1) gets a message saying how to write it.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdiff import InputError, loads_structure
from orgdiff.diff import compare
from orgdiff.model import MAX_COST, MAX_FTE, MIN_FTE
from orgdiff.render import json as json_out

from .conftest import run_cli

LINE = re.compile(r"^h\.yaml:\d+:\d+: ")

# Where a number goes: (field, the YAML with {v} for the value).
NUMERIC_FIELDS = {
    "fte": "organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n"
    "      - name: U\n        fte: {v}\n",
    "cost": "organisation: O\nmodel: M\ndepartments:\n  - name: D\n    chef:\n"
    "      title: C\n      cost: {v}\n",
    "chef_post_cost": "organisation: O\nmodel: M\nchef_post_cost: {v}\ndepartments:\n  - name: D\n",
}
HOSTILE_NUMBERS = [
    "!!int abc",
    "!!int ''",
    "!!int 0x",
    "!!float abc",
    "!!float ''",
    "!!bool maybe",
    "!!timestamp abc",
    "!!timestamp 2026-13-45",
    "!!binary aGk=",
    "!!set {a: 1}",
    "!!omap [a: 1]",
    "!foo x",
    "1" * 4301,
    "-" + "9" * 5000,
    "!!int " + "1" * 5000,
    "0x" + "f" * 300,
    "0o" + "7" * 400,
    "0b" + "1" * 1100,
    "0" + "7" * 400,
    "1" * 400 + ".5",
    "1.0e+999",
    "-1.0e+999",
    ".inf",
    ".nan",
    "1e3",
    "1e999",
    "12:30",
    "0042",
    "4,5",
    "four",
    "1.0e-999",
    "5.0e-324",
    "1" * 20,
]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS, ids=lambda v: v[:20])
@pytest.mark.parametrize("field", sorted(NUMERIC_FIELDS))
def test_hostile_numbers_give_one_clear_message(field: str, value: str) -> None:
    text = NUMERIC_FIELDS[field].format(v=value)
    try:
        s = loads_structure(text, "h.yaml")
    except InputError as e:
        lines = e.lines()
        assert len(lines) == 1 and LINE.match(lines[0]), lines
        assert len(lines[0]) < 400  # the value is shortened, not quoted whole
        return
    # Accepted: then it is a number within the field's range (1.0e-999 is 0).
    fte = [u.fte for u in s.units]
    assert all(0 <= x <= MAX_FTE for x in fte)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("1e3", "write 1000 (YAML reads 1e3 as text)"),
        ("2.5e1", "write 25 (YAML reads 2.5e1 as text)"),
        ("0042", "write 42 (a leading 0 makes YAML 1.1 read an octal number)"),
        ("0x1F", "write numbers in decimal digits, like 12 or 12.5"),
        ("12:30", "write numbers in decimal digits, like 12 or 12.5"),
        ("1" * 5000, "the number is too large"),
        ("!!int abc", "!!int needs a whole number in decimal digits, got 'abc'"),
        ("!!bool maybe", "!!bool needs true or false, got 'maybe'"),
        ("!!timestamp abc", "!!timestamp needs a date like 2026-05-11, got 'abc'"),
        ("!!float abc", "!!float needs a number like 12.5, got 'abc'"),
        ("!!binary aGk=", "unsupported YAML tag !!binary; org files are plain YAML"),
        ("1000001", "1000001 is out of range: write a number from 0.001 to 1,000,000, or 0"),
        ("0.0001", "0.0001 is out of range: write a number from 0.001 to 1,000,000, or 0"),
    ],
)
def test_the_messages_say_how_to_write_it(value: str, hint: str) -> None:
    with pytest.raises(InputError) as e:
        loads_structure(NUMERIC_FIELDS["fte"].format(v=value), "h.yaml")
    assert hint in e.value.lines()[0]
    assert e.value.lines()[0].startswith("h.yaml:7:14: ")


def test_costs_have_a_maximum() -> None:
    with pytest.raises(InputError) as e:
        loads_structure(NUMERIC_FIELDS["cost"].format(v=10**13), "h.yaml")
    assert e.value.lines() == [
        "h.yaml:7:13: departments[0].chef.cost: 10000000000000 is out of range: "
        "write at most 1,000,000,000,000"
    ]
    big = NUMERIC_FIELDS["cost"].format(v=10**400)
    with pytest.raises(InputError, match="a number of about 401 digits is out of range"):
        loads_structure(big, "h.yaml")


def test_the_cli_prints_them_with_exit_code_2(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "h.yaml"
    for value in ("!!int abc", "1" * 5000, "!!timestamp abc", "0x" + "f" * 300):
        path.write_text(NUMERIC_FIELDS["fte"].format(v=value), encoding="utf-8")
        result = run_cli("validate", path)
        assert result.code == 2 and "Traceback" not in result.err
        assert result.err.count("\n") == 1 and result.err.startswith(f"{path}:7:14: ")


# --- ids are text as written ----------

IDS = [
    "0042",
    "0100",
    "12:30",
    "1:30:00",
    "007",
    "0x1F",
    "0b101",
    "1_000",
    "1234",
    "2026-05-11",
    "yes",
    "no",
    "on",
    "null-ish",
    "1.50",
    "3.",
    "1e3",
]


@pytest.mark.parametrize("ident", IDS)
def test_ids_are_text_exactly_as_written(ident: str) -> None:
    text = (
        f"organisation: O\nmodel: M\ndepartments:\n  - name: D\n    id: d{ident}\n"
        f"    units:\n      - name: U\n        id: {ident}\n"
    )
    assert loads_structure(text, "h.yaml").units[0].id == ident
    text = (
        f"organisation: O\nmodel: M\ndepartments:\n  - name: D\n"
        f"    units:\n      - name: U\n        formerly: [{ident}, x]\n"
        f"      - name: V\n        formerly:\n          - {ident}\n          - x{ident}\n"
    )
    s = loads_structure(text, "h.yaml")
    assert s.units[0].model.formerly == (ident, "x")
    assert s.units[1].model.formerly == (ident, f"x{ident}")


def test_ids_are_text_on_the_merge_key_path_too() -> None:
    """A file with a merge key is read by PyYAML's constructor: the same rules hold there."""
    text = (
        "organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n"
        "      - {name: U, id: 0042}\n"
        "      - {<<: {name: V}, id: 0077, formerly: [0100, 12:30], fte: 0010}\n"
    )
    with pytest.raises(InputError) as e:
        loads_structure(text, "h.yaml")
    # fte: 0010 is octal to YAML 1.1: refused with how to write it; the ids are as written.
    assert e.value.lines() == [
        "h.yaml:7:65: departments[0].units[1].fte: expected a number, got text '0010'; "
        "write 10 (a leading 0 makes YAML 1.1 read an octal number)"
    ]
    s = loads_structure(text.replace("fte: 0010", "fte: 10"), "h.yaml")
    assert [u.id for u in s.units] == ["0042", "0077"]
    assert s.units[1].model.formerly == ("0100", "12:30")


def test_compare_by_ids_that_look_like_numbers() -> None:
    before = "organisation: O\nmodel: A\ndepartments:\n  - name: D\n    id: 0100\n"
    after = "organisation: O\nmodel: B\ndepartments:\n  - name: E\n    id: 0100\n"
    d = compare(loads_structure(before), loads_structure(after))
    data = json.loads(json_out.to_json([d]))
    assert data["departments"]["renamed"][0]["before"]["id"] == "0100"


# --- keys given twice ----------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "organisation: O\nmodel: M\nmodel: N\ndepartments:\n  - name: D\n",
            "h.yaml:3:1: `model` is given twice in one mapping (lines 2 and 3); keep one",
        ),
        (
            "organisation: O\nmodel: M\ndepartments:\n  - name: A\n    units:\n"
            "      - name: U\n        fte: 1\n        fte: 2\n",
            "h.yaml:8:9: `fte` is given twice in one mapping (lines 7 and 8); keep one",
        ),
        (
            "organisation: O\nmodel: M\ndepartments:\n  - {name: A, name: B}\n",
            "h.yaml:4:15: `name` is given twice in one mapping (lines 4 and 4); keep one",
        ),
        (  # a merge key takes the fallback path: the same check there
            "organisation: O\nmodel: M\nx: &a {name: A}\ndepartments:\n"
            "  - <<: *a\n    id: d\n    id: e\n",
            "h.yaml:7:5: `id` is given twice in one mapping (lines 6 and 7); keep one",
        ),
        (
            'organisation: O\nmodel: M\ndepartments:\n  - name: A\n    "name": B\n',
            "h.yaml:5:5: `name` is given twice in one mapping (lines 4 and 5); keep one",
        ),
    ],
)
def test_a_key_given_twice_is_refused_naming_both_lines(text: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        loads_structure(text, "h.yaml")
    assert e.value.lines() == [message]


def test_a_merge_key_may_still_be_overridden() -> None:
    text = (
        "organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n"
        "      - &u {name: U, fte: 1}\n      - {<<: *u, name: V}\n"
    )
    s = loads_structure(text, "h.yaml")
    assert [u.name for u in s.units] == ["U", "V"]


# --- sums that cannot overflow, -0 ---------------------------------------------------------------


def test_values_whose_sum_would_overflow_are_refused() -> None:
    units = "".join(f"      - name: U{i}\n        fte: 1.0e+308\n" for i in range(3))
    text = f"organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n{units}"
    with pytest.raises(InputError) as e:
        loads_structure(text, "h.yaml")
    assert len(e.value.lines()) == 3 and "out of range" in e.value.lines()[0]


def test_a_tiny_fte_that_would_make_the_ratio_infinite_is_refused() -> None:
    text = (
        "organisation: O\nmodel: M\ndepartments:\n  - name: A\n    units:\n"
        "      - {name: U, fte: 1000000}\n  - name: B\n    units:\n"
        "      - {name: V, fte: 5.0e-324}\n"
    )
    with pytest.raises(InputError, match="out of range"):
        loads_structure(text, "h.yaml")


def _org(ftes: list[float], costs: list[float]) -> str:
    depts = "".join(
        f"  - name: D{i}\n    chef: {{title: C, cost: {c!r}}}\n"
        f"    units:\n      - {{name: U{i}, fte: {f!r}}}\n"
        for i, (f, c) in enumerate(zip(ftes, costs, strict=False))
    )
    return f"organisation: O\nmodel: M\ndepartments:\n{depts}"


FTE = st.one_of(st.just(0.0), st.floats(MIN_FTE, MAX_FTE), st.just(float(MAX_FTE)))
COST = st.one_of(st.floats(0, MAX_COST), st.just(float(MAX_COST)))


@settings(max_examples=60)
@given(st.lists(FTE, min_size=1, max_size=6), st.lists(COST, min_size=6, max_size=6))
def test_numbers_at_their_limits_give_finite_results(ftes: list[float], costs: list[float]) -> None:
    before = loads_structure(_org(ftes, costs))
    after = loads_structure(_org(list(reversed(ftes)), [0.0] * len(costs)))
    d = compare(before, after)
    json.loads(json_out.to_json([d]))  # no inf or nan: allow_nan=False would raise


def test_minus_zero_is_zero(tmp_path: object) -> None:
    from pathlib import Path

    text = NUMERIC_FIELDS["fte"].format(v="-0.0").replace("model: M", "model: M\nlang: da")
    s = loads_structure(text)
    assert str(s.units[0].fte) == "0.0"
    path = Path(str(tmp_path)) / "z.yaml"
    path.write_text(text, encoding="utf-8")
    shown = run_cli("show", path)
    assert "−0" not in shown.out and "-0" not in shown.out and "· 0 årsværk" in shown.out
