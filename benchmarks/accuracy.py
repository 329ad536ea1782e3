"""How well compare() reads real reorganisations: ``make accuracy``.

Each case in the corpus (``tests/corpus/<case>/``) holds ``before.yaml``, ``after.yaml``, a
``truth.yaml`` of what the sources say happened and a ``SOURCE.md`` citing them. For each case
this runs :func:`orgdiff.diff.compare` twice: names only (every ``id`` and ``formerly`` stripped
from both files) and, for cases whose files carry explicit ids, with the ids as written. It turns
the result into the truth's terms (department events: merged, split, renamed, added, removed;
moved subtrees: unit, from, to) and counts per case what it found, missed and got wrong, then
the precision and recall of department events and of moves over the corpus.

    python -m benchmarks.accuracy [--corpus tests/corpus] [--names-only | --ids-only]
                                  [--check P] [--verbose]

It always exits 0 (it reports), except with ``--check P``: 1 when any total precision or
recall is below P %. The output is deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgdiff import load
from orgdiff.changes import OrgDiff
from orgdiff.diff import compare
from orgdiff.errors import OrgdiffError
from orgdiff.model import Department, Org, Unit

CORPUS = Path("tests/corpus")
FILES = ("before.yaml", "after.yaml", "truth.yaml", "SOURCE.md")
TRUTH_KEYS = frozenset({"departments", "moves", "contested"})
EVENT_KINDS = ("merged", "split", "renamed", "added", "removed")
MOVE_KEYS = frozenset({"unit", "from", "to"})

# A department event, by names as written in the files:
#   ("merged", (sorted sources...), target)   ("split", source, (sorted targets...))
#   ("renamed", before, after)   ("added", name)   ("removed", name)
Event = tuple[Any, ...]
Move = tuple[str, str, str]  # unit (as in after.yaml), from department, to department


class TruthError(ValueError):
    """A truth.yaml that does not follow the corpus format."""


@dataclass(frozen=True)
class Truth:
    """What the sources say happened in one case."""

    events: frozenset[Event]
    moves: frozenset[Move]
    contested: str | None = None


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TruthError(f"{where}: expected a name, got {value!r}")
    return value


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise TruthError(f"{where}: expected a list of two or more names, got {value!r}")
    names = tuple(sorted(_text(v, where) for v in value))
    if len(set(names)) != len(names):
        raise TruthError(f"{where}: a name is listed twice: {value!r}")
    return names


def _pair(value: Any, where: str) -> tuple[Any, Any]:
    if not isinstance(value, dict) or set(value) != {"from", "into"}:
        raise TruthError(f"{where}: expected {{from: ..., into: ...}}, got {value!r}")
    return value["from"], value["into"]


def parse_event(item: Any, where: str) -> Event:
    """One entry of ``departments:`` as an :data:`Event`."""
    if not isinstance(item, dict) or len(item) != 1:
        raise TruthError(f"{where}: expected one of {', '.join(EVENT_KINDS)}, got {item!r}")
    kind, value = next(iter(item.items()))
    if kind == "merged":
        src, dst = _pair(value, where)
        return ("merged", _names(src, f"{where}.from"), _text(dst, f"{where}.into"))
    if kind == "split":
        src, dst = _pair(value, where)
        return ("split", _text(src, f"{where}.from"), _names(dst, f"{where}.into"))
    if kind == "renamed":
        src, dst = _pair(value, where)
        return ("renamed", _text(src, f"{where}.from"), _text(dst, f"{where}.into"))
    if kind in ("added", "removed"):
        return (kind, _text(value, where))
    raise TruthError(f"{where}: unknown event {kind!r}; use one of {', '.join(EVENT_KINDS)}")


def parse_move(item: Any, where: str) -> Move:
    """One entry of ``moves:`` as a :data:`Move`."""
    if not isinstance(item, dict) or set(item) != MOVE_KEYS:
        raise TruthError(f"{where}: expected {{unit: ..., from: ..., to: ...}}, got {item!r}")
    return (
        _text(item["unit"], f"{where}.unit"),
        _text(item["from"], f"{where}.from"),
        _text(item["to"], f"{where}.to"),
    )


def parse_truth(raw: Any, where: str = "truth.yaml") -> Truth:
    """A truth.yaml's content, checked: only the allowed keys and event shapes."""
    if not isinstance(raw, dict):
        raise TruthError(f"{where}: expected a mapping with departments, moves, contested")
    unknown = sorted(set(raw) - TRUTH_KEYS)
    if unknown:
        raise TruthError(f"{where}: unknown keys {unknown}; allowed: {sorted(TRUTH_KEYS)}")
    depts = raw.get("departments") or []
    moves = raw.get("moves") or []
    if not isinstance(depts, list) or not isinstance(moves, list):
        raise TruthError(f"{where}: departments and moves must be lists")
    contested = raw.get("contested")
    if contested is not None and not isinstance(contested, str):
        raise TruthError(f"{where}: contested must be text")
    events = [parse_event(e, f"{where}: departments[{i}]") for i, e in enumerate(depts)]
    move_list = [parse_move(m, f"{where}: moves[{i}]") for i, m in enumerate(moves)]
    if len(set(events)) != len(events) or len(set(move_list)) != len(move_list):
        raise TruthError(f"{where}: an event or move is listed twice")
    return Truth(frozenset(events), frozenset(move_list), contested)


def load_truth(path: Path) -> Truth:
    """Read and check one truth.yaml."""
    with path.open(encoding="utf-8") as f:
        return parse_truth(yaml.safe_load(f), str(path))


def found_events(d: OrgDiff) -> frozenset[Event]:
    """compare()'s department events in the truth's terms."""
    depts = d.departments
    events: set[Event] = set()
    events.update(
        ("merged", tuple(sorted(r.name for r in m.sources)), m.target.name) for m in depts.merged
    )
    events.update(
        ("split", s.source.name, tuple(sorted(r.name for r in s.targets))) for s in depts.split
    )
    events.update(("renamed", p.before.name, p.after.name) for p in depts.renamed)
    events.update(("added", r.name) for r in depts.added)
    events.update(("removed", r.name) for r in depts.removed)
    return frozenset(events)


def found_moves(d: OrgDiff) -> frozenset[Move]:
    """compare()'s moved subtrees in the truth's terms."""
    return frozenset((m.after.name, m.before.dept.name, m.after.dept.name) for m in d.units.moved)


def _strip_unit(u: Unit) -> Unit:
    return u.model_copy(
        update={"id": None, "formerly": (), "units": tuple(_strip_unit(k) for k in u.units)}
    )


def _strip_dept(d: Department) -> Department:
    return d.model_copy(
        update={"id": None, "formerly": (), "units": tuple(_strip_unit(u) for u in d.units)}
    )


def names_only(org: Org) -> Org:
    """``org`` without any ``id`` or ``formerly``: ids fall back to slugs of the names."""
    return org.model_copy(update={"departments": tuple(_strip_dept(d) for d in org.departments)})


def _units_have_ids(units: Iterable[Unit]) -> bool:
    return any(u.id is not None or u.formerly or _units_have_ids(u.units) for u in units)


def has_ids(org: Org) -> bool:
    """Whether the file gives any explicit ``id`` or ``formerly``."""
    return any(d.id is not None or d.formerly or _units_have_ids(d.units) for d in org.departments)


@dataclass(frozen=True)
class Score:
    """Found, missed and wrong items of one kind, with what they were."""

    found: int = 0
    missed: int = 0
    wrong: int = 0
    missed_items: tuple[str, ...] = ()
    wrong_items: tuple[str, ...] = ()

    def __add__(self, other: Score) -> Score:
        return Score(
            self.found + other.found,
            self.missed + other.missed,
            self.wrong + other.wrong,
            self.missed_items + other.missed_items,
            self.wrong_items + other.wrong_items,
        )

    @property
    def precision(self) -> float:
        """Share of reported items that are true (100 when nothing was reported)."""
        reported = self.found + self.wrong
        return 100.0 if reported == 0 else 100.0 * self.found / reported

    @property
    def recall(self) -> float:
        """Share of true items that were reported (100 when there was nothing to find)."""
        true = self.found + self.missed
        return 100.0 if true == 0 else 100.0 * self.found / true


def describe_event(e: Event) -> str:
    """One event as a short line: ``merged A + B -> C``."""
    if e[0] == "merged":
        return f"merged {' + '.join(e[1])} -> {e[2]}"
    if e[0] == "split":
        return f"split {e[1]} -> {' + '.join(e[2])}"
    if e[0] == "renamed":
        return f"renamed {e[1]} -> {e[2]}"
    return f"{e[0]} {e[1]}"


def describe_move(m: Move) -> str:
    """One move as a short line: ``moved Unit: A -> B``."""
    return f"moved {m[0]}: {m[1]} -> {m[2]}"


def score(truth: Iterable[str], got: Iterable[str]) -> Score:
    """Compare described items: found in both, missed from the truth, wrong in what was got."""
    t, g = set(truth), set(got)
    return Score(
        len(t & g),
        len(t - g),
        len(g - t),
        tuple(sorted(t - g)),
        tuple(sorted(g - t)),
    )


@dataclass(frozen=True)
class Row:
    """One case's result in one run."""

    case: str
    events: Score
    moves: Score
    error: str | None = None


@dataclass
class Run:
    """All rows of one run (names only, or with ids)."""

    title: str
    rows: list[Row] = field(default_factory=list)

    def total(self) -> tuple[Score, Score]:
        """The sums of department events and of moves over all rows."""
        events, moves = Score(), Score()
        for r in self.rows:
            events, moves = events + r.events, moves + r.moves
        return events, moves


def evaluate(before: Org, after: Org, truth: Truth, case: str) -> Row:
    """Compare one pair and score it against its truth."""
    try:
        d = compare(before, after)
    except OrgdiffError as e:  # e.g. costs in two currencies: reported, not raised
        return Row(
            case,
            score(map(describe_event, truth.events), ()),
            score(map(describe_move, truth.moves), ()),
            f"compare failed: {e}",
        )
    return Row(
        case,
        score(map(describe_event, truth.events), map(describe_event, found_events(d))),
        score(map(describe_move, truth.moves), map(describe_move, found_moves(d))),
    )


def cases(corpus: Path) -> list[Path]:
    """The case folders of the corpus, sorted by name."""
    if not corpus.is_dir():
        return []
    return sorted(p for p in corpus.iterdir() if p.is_dir() and (p / "truth.yaml").is_file())


def run(corpus: Path, names: bool, ids: bool) -> list[Run]:
    """Score every case: names only and/or with ids (only cases whose files carry ids)."""
    runs: list[Run] = []
    names_run, ids_run = Run("names only"), Run("with ids")
    for folder in cases(corpus):
        case = folder.name
        try:
            before, after = load(folder / "before.yaml"), load(folder / "after.yaml")
            truth = load_truth(folder / "truth.yaml")
        except (OrgdiffError, TruthError, OSError, yaml.YAMLError) as e:
            err = Row(case, Score(), Score(), f"cannot read case: {str(e).splitlines()[0]}")
            names_run.rows.append(err)
            continue
        if names:
            names_run.rows.append(evaluate(names_only(before), names_only(after), truth, case))
        if ids and (has_ids(before) or has_ids(after)):
            ids_run.rows.append(evaluate(before, after, truth, case))
    if names:
        runs.append(names_run)
    if ids:
        runs.append(ids_run)
    return runs


def _pct(x: float) -> str:
    return f"{x:5.1f} %"


def report(runs: Sequence[Run], corpus: Path, verbose: bool) -> str:
    """The tables as text: a row per case, then totals with precision and recall."""
    out: list[str] = []
    width = max([len("case"), len("total")] + [len(r.case) for run in runs for r in run.rows])
    head = (
        f"{'case':<{width}}  {'events':>6} {'found':>5} {'missed':>6} {'wrong':>5}"
        f"   {'moves':>5} {'found':>5} {'missed':>6} {'wrong':>5}"
    )

    def line(name: str, e: Score, m: Score) -> str:
        return (
            f"{name:<{width}}  {e.found + e.missed:>6} {e.found:>5} {e.missed:>6} {e.wrong:>5}"
            f"   {m.found + m.missed:>5} {m.found:>5} {m.missed:>6} {m.wrong:>5}"
        )

    out.append(f"orgdiff accuracy on real reorganisations: {corpus.as_posix()}")
    for r in runs:
        out.append("")
        out.append(f"## {r.title} ({len(r.rows)} cases)")
        if not r.rows:
            out.append("(no cases)")
            continue
        out.append(head)
        out.append("-" * len(head))
        for row in r.rows:
            out.append(line(row.case, row.events, row.moves))
        out.append("-" * len(head))
        e, m = r.total()
        out.append(line("total", e, m))
        out.append(f"department events: precision {_pct(e.precision)}, recall {_pct(e.recall)}")
        out.append(f"moves:             precision {_pct(m.precision)}, recall {_pct(m.recall)}")
        for row in r.rows:
            if row.error:
                out.append(f"{row.case}: {row.error}")
            if not verbose:
                continue
            for kind, items in (
                ("missed", row.events.missed_items + row.moves.missed_items),
                ("wrong", row.events.wrong_items + row.moves.wrong_items),
            ):
                for item in items:
                    out.append(f"  {row.case}: {kind}: {item}")
    return "\n".join(out) + "\n"


def below(runs: Sequence[Run], threshold: float) -> list[str]:
    """Which totals fall below ``threshold`` %, as lines for the check's message."""
    low: list[str] = []
    for r in runs:
        low.extend(f"{r.title}: {row.case}: {row.error}" for row in r.rows if row.error)
        if not r.rows:
            continue
        e, m = r.total()
        for what, value in (
            ("department events precision", e.precision),
            ("department events recall", e.recall),
            ("moves precision", m.precision),
            ("moves recall", m.recall),
        ):
            if value < threshold:
                low.append(f"{r.title}: {what} {value:.1f} % < {threshold:g} %")
    return low


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accuracy tables; with --check P, exit 1 when a total is below P %."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    p.add_argument("--corpus", type=Path, default=CORPUS, help="folder of cases")
    only = p.add_mutually_exclusive_group()
    only.add_argument("--names-only", action="store_true", help="only the names-only run")
    only.add_argument("--ids-only", action="store_true", help="only the with-ids run")
    p.add_argument(
        "--check",
        type=float,
        metavar="P",
        help="exit 1 when any total precision or recall is below P %%",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="list what was missed or wrong")
    a = p.parse_args(argv)
    runs = run(a.corpus, names=not a.ids_only, ids=not a.names_only)
    sys.stdout.write(report(runs, a.corpus, a.verbose))
    if a.check is not None:
        low = below(runs, a.check)
        for message in low:
            sys.stdout.write(f"below the threshold: {message}\n")
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
