"""The fast YAML path builds exactly what PyYAML's safe loader builds."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from orgdiff import fastyaml
from orgdiff.load import _Loader, _parse

from .conftest import ORGS, ROOT

# Plain scalars whose type YAML 1.1 guesses from how they look.
TRICKY = [
    "yes",
    "No",
    "on",
    "~",
    "null",
    "0o17",
    "010",
    "0x1F",
    "1:30",
    "1_000",
    ".inf",
    "-.Inf",
    ".nan",
    "2026-05-11",
    "2026-13-01",
    "3.",
    ".5",
    "1e3",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from([*TRICKY, "+12", "-0", "0b101", "Økonomi & Stab", "a: b", "- x", "'q'"]),
)
DATA = st.recursive(
    SCALARS,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=25,
)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def check(text: str) -> None:
    """The same data as PyYAML, or the same kind of error."""
    try:
        expected = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        with pytest.raises(type(e)):
            _parse(text)
        return
    got, _ = _parse(text)
    assert same(got, expected), (text, got, expected)


@given(DATA, st.booleans())
def test_equals_pyyaml_on_dumped_data(data: Any, flow: bool) -> None:
    check(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))


PLAIN = st.one_of(st.text(max_size=20), st.sampled_from(TRICKY))


@given(st.lists(PLAIN, min_size=1, max_size=6))
def test_equals_pyyaml_on_plain_scalars(values: list[str]) -> None:
    check("\n".join(f"k{i}: {v}" for i, v in enumerate(values)) + "\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a key given twice: an error on both paths
        "a: &x hello\nb: *x\n",  # aliases of scalars are fine
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # merge key: PyYAML's constructor
        "a: !!str 123\nb: !!float 1\nc: !!binary aGk=\n",
        "? [a, b]\n: c\n",
        "x: 1:30\ny: 0o17\nz: 010\n",
        "- {a: 1}\n- [1, 2, [3]]\n",
        "",
    ],
)
def test_equals_pyyaml_on_corner_cases(text: str) -> None:
    check(text)


def test_equals_pyyaml_on_the_bundled_files() -> None:
    for path in [*ORGS.glob("*.yaml"), *(ROOT / "tests/invalid").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        try:
            expected = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError:
            continue
        try:
            got, _ = _parse(text)
        except fastyaml.SharedNode:
            assert path.name == "billion_laughs.yaml"
            continue
        assert same(got, expected), path


def test_repeated_containers_are_refused_without_expanding_them() -> None:
    with pytest.raises(fastyaml.SharedNode):
        fastyaml.load("a: &x [1, 2]\nb: *x\n", _Loader)


def test_nesting_is_measured() -> None:
    _, depth = fastyaml.load("a: [[[1]]]\n", _Loader)
    assert depth == 4


def test_unusual_yaml_goes_to_pyyaml() -> None:
    for text in (
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "--- 1\n--- 2\n",
        "a: *nowhere\n",
        "? [1]\n: x\n",
    ):
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text, _Loader)
