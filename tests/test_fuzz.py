"""Fuzzing: random and mutated input may give a result or a clear error, nothing else.

Every input here must end in a result, or in an :class:`OrgdiffError` (which the CLI prints as
``FILE:LINE:COL: field: message`` with exit code 2): never another exception, a hang (the
deadline) or a wrong count (the accounting invariants of compare). ``make test`` runs a short
fuzz; ``make fuzz`` runs at least 100,000 inputs (FUZZ_EXAMPLES per target) and reports how
many it tried. Inputs that once failed are kept in tests/fuzz_regressions/ and run every time.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from orgdiff import OrgdiffError, Structure, loads_structure
from orgdiff.changes import OrgDiff
from orgdiff.cli import app
from orgdiff.diff import compare
from orgdiff.render import graphviz, markdown, terminal
from orgdiff.render import json as json_out

from .conftest import ORGS, ROOT
from .invariants import check_accounting
from .orgs_for_tests import strip_ids
from .reorg import reorganisations

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
TRIED: Counter[str] = Counter()


def fuzz(weight: float) -> settings:
    """Settings for a target: cheap targets get more inputs (``weight`` × FUZZ_EXAMPLES)."""
    return settings(
        max_examples=max(10, int(EXAMPLES * weight)),
        deadline=10_000,  # ms: an input that takes longer is a hang
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        suppress_health_check=list(HealthCheck),
    )


SEEDS = [p.read_text(encoding="utf-8") for p in sorted(ORGS.glob("*.yaml"))]
SEEDS += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/cases").rglob("*.yaml"))]
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"


def load_or_error(data: bytes | str) -> Structure | None:
    """The only outcomes allowed for any input: a structure, or an OrgdiffError."""
    try:
        return loads_structure(data, "fuzz.yaml")
    except OrgdiffError as e:
        assert e.lines() and all(line.startswith("fuzz.yaml") for line in e.lines())
        return None


def render_everything(before: Structure, after: Structure, d: OrgDiff) -> None:
    json_out.to_json([d])
    markdown.report([d], "da")
    Console(file=io.StringIO(), width=80, color_system=None).print(terminal.report([d], "en"))
    graphviz.diff_chart(after, d, "da", changed_only=True)
    graphviz.flow_chart(d, "en")
    graphviz.org_chart(before, "en", depth=2)


# --- the loader ---------------------------------------------------------------------------------


@fuzz(5)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    TRIED["random bytes"] += 1
    load_or_error(data)


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12))
ANY = st.recursive(
    SCALAR,
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=8), kids, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "organisation",
        "model",
        "departments",
        "units",
        "name",
        "id",
        "fte",
        "leader",
        "chef",
        "formerly",
        "cost",
        "title",
        "date",
        "currency",
        "chef_post_cost",
        "lang",
        "baseline",
        "notes",
        "tags",
        "unit",
    ]
)
ORGISH = st.recursive(
    SCALAR | KEYS,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(KEYS, kids, max_size=6)),
    max_leaves=30,
)


@fuzz(3)
@given(st.one_of(ANY, ORGISH), st.booleans())
def test_random_yaml(data: Any, flow: bool) -> None:
    TRIED["random YAML"] += 1
    try:
        text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    except yaml.YAMLError:
        return
    load_or_error(text)


MUTATIONS = ["delete", "duplicate", "swap", "indent", "dedent", "insert", "replace", "truncate"]
TOKENS = [
    ": ",
    "- ",
    "&a ",
    "*a",
    "[",
    "{",
    "]",
    "\t",
    '"',
    "'",
    "!!python/object ",
    "<<: ",
    "~",
    "-1",
    "1e9",
    "four",
    "4,5",
    "\u202e",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "#",
    "|",
    ">",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    original = draw(st.sampled_from(SEEDS))
    lines = original.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        kind = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        elif kind == "insert":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(TOKENS)) + lines[i][pos:]
        elif kind == "replace":
            pos = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            char = draw(st.characters())
            lines[i] = lines[i][:pos] + char + lines[i][pos + 1 :]
        else:
            lines = lines[:i]
    return original, "".join(lines)


@fuzz(3)
@given(mutated())
def test_mutations_of_valid_files(case: tuple[str, str]) -> None:
    TRIED["mutated files"] += 1
    original, text = case
    after = load_or_error(text)
    if after is None:
        return
    before = loads_structure(original, "original.yaml")
    try:
        d = compare(before, after)
    except OrgdiffError:
        return  # e.g. costs in two currencies: a clear error
    check_accounting(d)
    render_everything(before, after, d)


# --- compare --------------------------------------------------------------------------------------


@fuzz(1)
@given(reorganisations(), st.sampled_from(["both", "none", "before", "after"]))
def test_compare_random_reorganisations(case: Any, ids: str) -> None:
    TRIED["reorganisations"] += 1
    before, after, _ = case
    if ids in ("none", "after"):
        before = strip_ids(before)
    if ids in ("none", "before"):
        after = strip_ids(after)
    from orgdiff import build

    sb, sa = build(before), build(after)
    d = compare(sb, sa)
    check_accounting(d)
    check_accounting(compare(sa, sb))
    render_everything(sb, sa, d)


# --- the command line ---------------------------------------------------------------------------

RUNNER = CliRunner()


@fuzz(0.25)
@given(mutated(), st.sampled_from(["validate", "show", "compare", "export"]))
def test_cli_exits_0_1_or_2(case: tuple[str, str], command: str) -> None:
    TRIED["command lines"] += 1
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        good, bad = Path(tmp) / "good.yaml", Path(tmp) / "bad.yaml"
        good.write_text(case[0], encoding="utf-8")
        bad.write_text(case[1], encoding="utf-8", errors="surrogateescape")
        args = [command, str(good), str(bad)] if command == "compare" else [command, str(bad)]
        result = RUNNER.invoke(app, args)
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# --- regressions ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.yaml")), ids=lambda p: p.name)
def test_regressions(path: Path) -> None:
    """Inputs the fuzzer once broke orgdiff with: now a result or a clear error."""
    load_or_error(path.read_bytes())


# Inputs given as text (the library's loads_structure takes str too) that once failed.
TEXT_REGRESSIONS = ["\ud800odel: Nuværende organisering\n"]


@pytest.mark.parametrize("text", TEXT_REGRESSIONS)
def test_text_regressions(text: str) -> None:
    with pytest.raises(OrgdiffError) as e:
        loads_structure(text, "fuzz.yaml")
    assert e.value.lines() == ["fuzz.yaml:1:1: not valid Unicode text (a lone surrogate U+D800)"]


def test_regressions_are_kept() -> None:
    assert list(REGRESSIONS.glob("*.yaml")), "tests/fuzz_regressions/ holds the found cases"
