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
import re
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
from orgdiff.render.show import render as show_render
from orgdiff.render.show import tree_lines as show_lines

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


# --- hostile shapes: tagged and huge scalars, hostile names, streams, symlinks ------------------

TAGS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!timestamp",
    "!!null",
    "!!str",
    "!!binary",
    "!!set",
    "!foo",
    "!",
    "!!python/object:os.system",
    "!<tag:yaml.org,2002:int>",
]
TRICKY_TEXT = [
    "abc",
    "''",
    '""',
    "maybe",
    "0x1F",
    "0o17",
    "0b101",
    "0042",
    "12:30",
    "1_000",
    "-0.0",
    "1e3",
    "1e999",
    ".inf",
    "-.inf",
    ".nan",
    "2026-13-45",
    "2026-05-11",
    "yes",
    "~",
    "=",
    "<<",
    "1.0e+308",
    "5.0e-324",
    "-1",
    "four",
    "4,5",
]
HUGE = st.one_of(
    st.integers(20, 5000).map(lambda n: "9" * n),
    st.integers(20, 5000).map(lambda n: "-" + "1" * n),
    st.integers(100, 2000).map(lambda n: "0x" + "f" * n),
    st.integers(100, 2000).map(lambda n: "0o" + "7" * n),
    st.integers(100, 3000).map(lambda n: "0b" + "1" * n),
    st.integers(100, 2000).map(lambda n: "0" + "7" * n),
    st.integers(300, 5000).map(lambda n: "1" * n + ".5"),
    st.integers(300, 9999).map(lambda n: f"1.0e+{n}"),
    st.integers(300, 9999).map(lambda n: f"1.0e-{n}"),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True).map(repr),
)
# Characters a terminal acts on or hides, as YAML double-quoted escapes.
HOSTILE_CHARS = [
    "\\e",
    "\\a",
    "\\x9b",
    "\\x90",
    "\\x85",
    "\\u202E",
    "\\u2066",
    "\\u2069",
    "\\u200B",
    "\\uFEFF",
    "\\u2028",
    "\\x7f",
    "\\b",
    "\\r",
    "\\0",
    "\\U000E0041",
]
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE_CHARS),
        st.sampled_from(["]52;c;aGk=", "[2J", "[31m", "]0;title", "P", "\\\\"]),
        st.text(alphabet="abcæøå ", max_size=4),
    ),
    min_size=1,
    max_size=8,
).map(lambda parts: '"x' + "".join(parts) + '"')
HOSTILE_SCALAR = st.one_of(
    st.builds(
        lambda tag, x: f"{tag} {x}", st.sampled_from(TAGS), st.sampled_from(TRICKY_TEXT) | HUGE
    ),
    st.sampled_from(TRICKY_TEXT),
    HUGE,
    HOSTILE_TEXT,
)
TEMPLATE_DEFAULTS = {
    "organisation": "O",
    "model": "M",
    "date": "2026-05-11",
    "source": "s",
    "currency": "DKK",
    "chef_post_cost": "1000",
    "lang": "da",
    "baseline": "false",
    "notes": "n",
    "dname": "D",
    "did": "d1",
    "dformerly": "x1",
    "ctitle": "C",
    "ccost": "10",
    "dtag": "t",
    "dnotes": "n",
    "uname": "U",
    "uid": "u1",
    "ltitle": "L",
    "lcost": "5",
    "fte": "2.5",
    "uformerly": "x2",
    "unotes": "n",
    "utag": "t",
    "kname": "K",
    "kid": "0042",
    "kfte": "1",
}
TEMPLATE = (
    "organisation: {organisation}\nmodel: {model}\ndate: {date}\nsource: {source}\n"
    "currency: {currency}\nchef_post_cost: {chef_post_cost}\nlang: {lang}\n"
    "baseline: {baseline}\nnotes: {notes}\ndepartments:\n"
    "  - name: {dname}\n    id: {did}\n    formerly: [{dformerly}]\n"
    "    chef: {{title: {ctitle}, cost: {ccost}}}\n    tags: [{dtag}]\n    notes: {dnotes}\n"
    "    units:\n      - name: {uname}\n        id: {uid}\n"
    "        leader: {{title: {ltitle}, cost: {lcost}}}\n        fte: {fte}\n"
    "        formerly:\n          - {uformerly}\n        notes: {unotes}\n        tags: [{utag}]\n"
    "        units:\n          - name: {kname}\n            id: {kid}\n            fte: {kfte}\n"
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\ufeff\u2028\u2029\ud800-\udfff]|\r(?!\n)"
)


def assert_no_raw(text: str, what: str) -> None:
    # A byte order mark that begins a CSV export is what Excel needs to read æ ø å (issue 14):
    # there, at the very start, it can be nothing else.
    if text.startswith("\ufeff"):
        text = text[1:]
    found = FORBIDDEN.search(text)
    assert found is None, f"{what}: raw {found.group()!r} in {text!r}"


@st.composite
def hostile_files(draw: st.DrawFn) -> str:
    """The template with hostile scalars in one to four of its fields."""
    values = dict(TEMPLATE_DEFAULTS)
    for field in draw(st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=4)):
        values[field] = draw(HOSTILE_SCALAR)
    return TEMPLATE.format(**values)


def rendered_text(s: Structure) -> list[tuple[str, str]]:
    """Every text output of a structure compared with itself reordered: (what, text)."""
    d = compare(s, s)
    check_accounting(d)
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(terminal.report([d], "en"))
    lines = "\n".join(show_render(show_lines(s, "da"), None))
    return [
        ("terminal", buffer.getvalue()),
        ("markdown", markdown.report([d], "da")),
        ("json", json_out.to_json([d])),
        ("show", lines),
    ]


@fuzz(2)
@given(hostile_files())
def test_hostile_scalars_in_every_field(text: str) -> None:
    TRIED["hostile scalars"] += 1
    s = load_or_error(text)
    if s is None:
        return
    assert all(isinstance(u.id, str) for u in s.units)
    for what, out in rendered_text(s):
        assert_no_raw(out, what)


def hostile_names(org: Any, suffix: str) -> Any:
    """The org with ``suffix`` (hostile text) added to every name, title and model."""

    def post(p: Any) -> Any:
        return None if p is None else p.model_copy(update={"title": p.title + suffix})

    def unit(u: Any) -> Any:
        return u.model_copy(
            update={
                "name": u.name + suffix,
                "leader": post(u.leader),
                "tags": (suffix,),
                "notes": suffix,
                "units": tuple(unit(k) for k in u.units),
            }
        )

    depts = tuple(
        d.model_copy(
            update={
                "name": d.name + suffix,
                "chef": post(d.chef),
                "units": tuple(map(unit, d.units)),
            }
        )
        for d in org.departments
    )
    return org.model_copy(
        update={
            "organisation": org.organisation + suffix,
            "model": org.model + suffix,
            "departments": depts,
        }
    )


SUFFIX = st.text(
    alphabet=st.sampled_from(
        list("\x1b\x07\x9b\x90\x85\u202e\u2066\u2069\u200b\ufeff\u2028\x7f\r\t[]52;c:m ")
        + ["\U000e0041", "æ", "→"]
    ),
    min_size=1,
    max_size=12,
)


@fuzz(0.1)
@given(
    reorganisations(),
    SUFFIX,
    SUFFIX,
    st.sampled_from(
        [
            "show",
            "compare",
            "json",
            "markdown",
            "export",
            "validate",
            "git-diff",
            "textconv",
            "stdin",
        ]
    ),
)
def test_hostile_names_reach_no_output_raw(
    case: Any, suffix_before: str, suffix_after: str, command: str
) -> None:
    """Names in every field, and in the file names, never reach the output as control bytes."""
    TRIED["hostile names"] += 1
    import tempfile

    from orgdiff import dumps

    before, after, _ = case
    with tempfile.TemporaryDirectory() as tmp:
        b = Path(tmp) / f"b{suffix_before.replace('/', '')}.yaml"
        a = Path(tmp) / f"a{suffix_after.replace('/', '')}.yaml"
        b.write_text(dumps(hostile_names(before, suffix_before)), encoding="utf-8")
        a.write_text(dumps(hostile_names(after, suffix_after)), encoding="utf-8")
        stdin = None
        if command in ("show", "validate", "export", "textconv"):
            args = [command, str(b)]
        elif command == "stdin":
            args, stdin = ["compare", "-", str(a)], b.read_bytes()
        elif command == "git-diff":
            args = ["git-diff", f"p{suffix_after}", str(b), "1", "100644", str(a), "2", "100644"]
        else:
            fmt = "text" if command == "compare" else command
            args = ["compare", str(b), str(a), "-f", fmt]
        result = RUNNER.invoke(app, args, input=stdin)
    assert result.exit_code == 0, result.output
    assert_no_raw(result.output, command)


@fuzz(0.05)
@given(st.binary(max_size=3000), st.integers(1, 4000), st.sampled_from(["stdin", "pipe"]))
def test_streams_are_read_with_the_limit(data: bytes, limit: int, how: str) -> None:
    """Standard input and pipes: at most the limit is read; more is one clear message."""
    TRIED["streams"] += 1
    data = data or b"x"
    if how == "stdin":
        result = RUNNER.invoke(app, ["validate", "--max-bytes", str(limit), "-"], input=data)
        assert result.exit_code in (0, 2)
        too_long = "<stdin>: input is longer than the limit" in result.output
        assert too_long == (len(data) > limit), result.output
        return
    import threading

    read_end, write_end = os.pipe()

    def feed() -> None:
        with open(write_end, "wb") as f:
            try:
                f.write(data)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        from orgdiff.load import Limits, load_structure

        load_structure(f"/dev/fd/{read_end}", Limits(max_bytes=limit))
        assert len(data) <= limit
    except OrgdiffError as e:
        assert ("input is longer than the limit" in e.lines()[0]) == (len(data) > limit)
    finally:
        os.close(read_end)
        writer.join(timeout=10)


@st.composite
def link_trees(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """Entries of a folder: (kind, name, what) — files, links inside, outside, dangling, loops."""
    entries = [("file", "current.yaml", "org")]
    for i in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                [
                    "file",
                    "bad",
                    "link-in",
                    "link-out",
                    "link-dir-out",
                    "dangling",
                    "loop",
                    "fifo",
                    "link-up",
                ]
            )
        )
        entries.append((kind, f"m{i}.yaml" if kind != "link-dir-out" else f"dir{i}", kind))
    return entries


@fuzz(0.02)
@given(link_trees(), st.sampled_from(["link-to-file", "link-to-new", "plain", "fifo"]))
def test_symlinks_never_lead_outside_and_writes_go_through(
    entries: list[tuple[str, str, str]], output: str
) -> None:
    """render --all stays in its folder and never quotes a foreign file; -o writes through links."""
    TRIED["symlink trees"] += 1
    import tempfile

    from orgdiff import dumps
    from orgdiff.output import write_atomic

    small = (ORGS / "model1.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        outside = root / "outside"
        outside.mkdir()
        (outside / "secret.yaml").write_text("SECRET-42: [\n", encoding="utf-8")
        (outside / "current.yaml").write_text("SECRET-43: x\n", encoding="utf-8")
        tree = root / "tree"
        tree.mkdir()
        for kind, name, _ in entries:
            p = tree / name
            if kind == "file":
                p.write_text(small, encoding="utf-8")
            elif kind == "bad":
                p.write_text("organisation: [\n", encoding="utf-8")
            elif kind == "link-in":
                p.symlink_to(tree / "current.yaml")
            elif kind == "link-out":
                p.symlink_to(outside / "secret.yaml")
            elif kind == "link-up":
                p.symlink_to(Path("..") / "outside" / "secret.yaml")
            elif kind == "link-dir-out":
                p.symlink_to(outside, target_is_directory=True)
            elif kind == "dangling":
                p.symlink_to(tree / "nowhere.yaml")
            elif kind == "loop":
                p.symlink_to(p)
            elif kind == "fifo":
                os.mkfifo(p)
        out = root / "charts"
        result = RUNNER.invoke(app, ["render", "--all", str(tree), "-o", str(out), "-f", "dot"])
        assert result.exit_code in (0, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "SECRET" not in result.output
        for written in out.rglob("*"):
            assert written.resolve().is_relative_to(out.resolve())
        # -o through a link writes the link's target and keeps the link
        target = root / "report.txt"
        if output == "link-to-file":
            target.write_text("old", encoding="utf-8")
        link = root / "link.txt"
        if output == "fifo":
            os.mkfifo(link)
            got: list[bytes] = []
            import threading

            reader = threading.Thread(target=lambda: got.append(link.read_bytes()))
            reader.start()
            write_atomic(link, dumps(loads_structure(small).org))
            reader.join(timeout=10)
            assert got and got[0].startswith(b"organisation")
        elif output == "plain":
            write_atomic(link, "new")
            assert link.read_text(encoding="utf-8") == "new"
        else:
            link.symlink_to(target)
            write_atomic(link, "new")
            assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


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
