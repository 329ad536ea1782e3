"""orgdiff's speed on synthetic organisations of 1,000 to 1,000,000 units: ``make bench``.

For each size it prints, in one table: the file size; the floor (parsing both files with
PyYAML's C loader, the cyclic garbage collector off, in this process); orgdiff's time per phase;
the end-to-end ``orgdiff compare --format json`` wall time and peak memory (a fresh process);
the same without ids (names and unit overlap decide); ``validate`` and ``show --depth 2`` on
one file; the ``--changed-only`` diff chart with the real ``dot``; and DeepDiff as a peer. It
checks that orgdiff found exactly the generated truth, so speed never comes from cutting
corners. Figures only: nothing here passes or fails on time.

    python -m benchmarks.bench [--sizes 1000,10000] [--seed 7] [--data benchmarks/data]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console

from benchmarks.generate import count_units, reorganise, structure, write
from benchmarks.truth import Truth, found
from orgdiff import load_structure
from orgdiff.changes import OrgDiff
from orgdiff.checks import check
from orgdiff.diff import compare
from orgdiff.load import _parse, no_gc
from orgdiff.match import match
from orgdiff.model import Org
from orgdiff.render import graphviz, terminal
from orgdiff.render import json as json_out
from orgdiff.structure import Structure, build

DEEPDIFF_LIMIT = 120  # seconds


def clock(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def files(data: Path, size: int, seed: int) -> tuple[Path, Path, Path, Path, Truth]:
    """Generate (or reuse) the pair with ids and the same pair without ids."""
    data.mkdir(parents=True, exist_ok=True)
    before_ids, after_ids = data / f"{size}-{seed}-before.yaml", data / f"{size}-{seed}-after.yaml"
    before_bare = data / f"{size}-{seed}-before-noids.yaml"
    after_bare = data / f"{size}-{seed}-after-noids.yaml"
    depts = structure(size, seed)
    reorganised, truth = reorganise(depts, seed)
    if not all(p.exists() for p in (before_ids, after_ids, before_bare, after_bare)):
        write(before_ids, "Før", depts)
        write(after_ids, "Efter", reorganised)
        write(before_bare, "Før", depts, ids=False)
        write(after_bare, "Efter", reorganised, ids=False)
    return before_ids, after_ids, before_bare, after_bare, truth


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall time, peak memory (bytes) and exit status of ``python -m orgdiff ARGS``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "orgdiff", *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss * 1024, status


def floor(paths: list[Path]) -> float:
    """Only parsing the files with the C loader, the collector off (text already read)."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    gc.collect()
    with no_gc():
        seconds, data = clock(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
    del data
    return seconds


def phases(before: Path, after: Path) -> tuple[dict[str, float], OrgDiff]:
    """orgdiff's time per phase, in this process, the collector off as in the CLI."""
    t: dict[str, float] = dict.fromkeys(
        ("parse", "validate", "index", "match", "classify", "json", "terminal"), 0.0
    )
    structures = []
    with no_gc():
        for path in (before, after):
            text = path.read_text(encoding="utf-8")
            seconds, (raw, _) = clock(lambda text=text: _parse(text))
            t["parse"] += seconds
            seconds, org = clock(lambda raw=raw: Org.model_validate(raw))
            t["validate"] += seconds
            del raw
            seconds, s = clock(lambda org=org: build(org))
            seconds2, _ = clock(lambda s=s: check(s))
            t["index"] += seconds + seconds2
            structures.append(s)
        t["match"], _ = clock(lambda: match(*structures))
        total, d = clock(lambda: compare(*structures))
        t["classify"] = max(0.0, total - t["match"])
        t["json"], _ = clock(lambda: json_out.to_json([d]))
        buffer = io.StringIO()
        console = Console(file=buffer, width=100, color_system=None)
        t["terminal"], _ = clock(lambda: console.print(terminal.report([d], "en")))
    return t, d


def chart_seconds(before: Path, after: Path) -> float:
    sb, sa = load_structure(before), load_structure(after)
    d = compare(sb, sa)
    seconds, _ = clock(
        lambda: graphviz.render(graphviz.diff_chart(sa, d, "en", changed_only=True), "svg")
    )
    return seconds


def scenario_of(s: Structure, n: int = 1000) -> Any:
    """A scenario of ``n`` operations on ``s``: moves, renames, set FTE, added and removed units."""
    from orgdiff.model import Unit
    from orgdiff.scenario import AddUnitOp, MoveOp, RemoveUnitOp, RenameOp, Scenario, SetOp

    step = max(1, len(s.units) // n)
    picked = [u for u in s.units[::step]][:n]
    ops: list[Any] = []
    removals: list[Any] = []
    for k, u in enumerate(picked):
        dept = s.depts[(u.dept + 1) % len(s.depts)].id
        kind = k % 5
        if kind == 0:
            ops.append(MoveOp(move=u.id, to=dept))
        elif kind == 1:
            ops.append(RenameOp(rename=u.id, to=f"{u.name} (ny)"))
        elif kind == 2:
            ops.append(SetOp(set=u.id, fte=u.fte + 1))
        elif kind == 3:
            ops.append(AddUnitOp(add_unit=Unit(id=f"bench-new-{k}", name=f"Ny {k}"), to=dept))
        elif not s.kids[u.index]:
            removals.append(RemoveUnitOp(remove_unit=u.id))
        else:
            ops.append(SetOp(set=u.id, notes="bench"))
    return Scenario("before.yaml", {"model": "scenario"}, tuple(ops + removals))


def apply_seconds(before: Path) -> tuple[float, float, int]:
    """Applying 1,000 operations to the base vs loading the base (both in this process)."""
    from orgdiff.apply import apply

    gc.collect()
    load_s, s = clock(lambda: load_structure(before))
    scenario = scenario_of(s)
    with no_gc():
        apply_s, _ = clock(lambda: apply(s, scenario))
    return apply_s, load_s, len(scenario.changes)


def deepdiff_seconds(before: Path, after: Path) -> float | None:
    """DeepDiff(ignore_order=True) on the parsed data, in a child process; None past the limit."""
    code = (
        "import sys, time, yaml\n"
        "from deepdiff import DeepDiff\n"
        "a = yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
        "b = yaml.load(open(sys.argv[2], encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
        "t = time.perf_counter(); DeepDiff(a, b, ignore_order=True)\n"
        "print(time.perf_counter() - t)\n"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code, str(before), str(after)],
            capture_output=True,
            text=True,
            timeout=DEEPDIFF_LIMIT + 60,
        )
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    seconds = float(out.stdout.strip())
    return seconds if seconds <= DEEPDIFF_LIMIT else None


def best(args: list[str], repeats: int) -> tuple[float, int]:
    """The fastest of ``repeats`` runs (and its peak memory): the least disturbed measurement."""
    runs = []
    for _ in range(repeats):
        seconds, peak, status = run(args)
        assert status == 0, f"orgdiff {' '.join(args)} failed"
        runs.append((seconds, peak))
    return min(runs)


def measure(
    size: int, seed: int, data: Path, peer: bool, previous: dict[str, Any] | None = None
) -> dict[str, Any]:
    before, after, before_bare, after_bare, truth = files(data, size, seed)
    row: dict[str, Any] = {"size": size}
    row["units"] = count_units(structure(size, seed))
    row["mib"] = (before.stat().st_size + after.stat().st_size) / 2**20
    gc.collect()
    # The commands first, in fresh processes, before this process allocates anything big.
    repeats = 3 if size <= 100_000 else 1
    row["e2e"], row["peak"] = best(["compare", str(before), str(after), "-f", "json"], repeats)
    row["e2e_bare"], row["peak_bare"] = best(
        ["compare", str(before_bare), str(after_bare), "-f", "json"], repeats
    )
    row["validate"], _ = best(["validate", str(after)], repeats)
    row["show"], _ = best(["show", str(after), "--depth", "2"], repeats)
    # Then the floor and the phases, in this process.
    row["floor"] = floor([before, after])
    row["floor_one"] = floor([after])
    row["phases"], d = phases(before, after)
    row["truth"] = found(d) == truth
    del d
    bare = compare(load_structure(before_bare), load_structure(after_bare))
    row["truth_bare"] = found(bare) == truth
    del bare
    gc.collect()
    row["chart"] = chart_seconds(before, after) if size <= 100_000 else None
    row["apply"], row["load"], row["ops"] = apply_seconds(before)
    row["deepdiff"], row["deepdiff_note"] = None, "not run"
    if peer:
        # At least linear growth: past the limit already by the previous size's time, skip.
        if previous and previous.get("deepdiff") is not None:
            estimate = previous["deepdiff"] * size / previous["size"]
        elif previous and previous.get("deepdiff_note", "").startswith(">"):
            estimate = float("inf")
        else:
            estimate = 0.0
        if estimate > DEEPDIFF_LIMIT:
            row["deepdiff_note"] = "> 2 min (skipped)"
        else:
            row["deepdiff"] = deepdiff_seconds(before, after)
            row["deepdiff_note"] = "> 2 min (stopped)" if row["deepdiff"] is None else ""
    return row


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| units | files | floor | parse | validate | index | match | classify | json | "
        "terminal | compare e2e | ÷ floor | peak | no ids e2e | validate ÷ | show ÷ | "
        "chart | apply 1k ops ÷ load | DeepDiff | truth |"
    )
    lines = [head, "|" + "---:|" * (head.count("|") - 1)]
    for r in rows:
        p = r["phases"]
        dd = f"{r['deepdiff']:.2f} s" if r["deepdiff"] is not None else r["deepdiff_note"]
        chart = f"{r['chart']:.2f} s" if r["chart"] is not None else "–"
        lines.append(
            f"| {r['units']:,} | {r['mib']:.1f} MiB | {r['floor']:.2f} s | {p['parse']:.2f} | "
            f"{p['validate']:.2f} | {p['index']:.2f} | {p['match']:.2f} | {p['classify']:.2f} | "
            f"{p['json']:.2f} | {p['terminal']:.2f} | {r['e2e']:.2f} s | "
            f"{r['e2e'] / r['floor']:.2f}× | {r['peak'] / 2**30:.2f} GiB | {r['e2e_bare']:.2f} s | "
            f"{r['validate'] / r['floor_one']:.2f}× | {r['show'] / r['floor_one']:.2f}× | "
            f"{chart} | {r['apply'] / r['load']:.2f}× | {dd} | "
            f"{'✓' if r['truth'] and r['truth_bare'] else '✗'} |"
        )
    return "\n".join(lines)


def targets(rows: list[dict[str, Any]]) -> list[str]:
    """Each target of the performance issue, met or not, with the figure."""
    by = {r["size"]: r for r in rows}
    out = []

    def say(ok: bool, text: str) -> None:
        out.append(f"{'met    ' if ok else 'NOT MET'}  {text}")

    if 100_000 in by:
        r = by[100_000]
        say(
            r["e2e"] <= 1.3 * r["floor"],
            f"100k: compare e2e {r['e2e']:.2f} s ≤ 1.3 × floor "
            f"{r['floor']:.2f} s ({r['e2e'] / r['floor']:.2f}×)",
        )
        if r["chart"] is not None:
            say(r["chart"] < 10, f"100k: --changed-only diff chart {r['chart']:.2f} s < 10 s")
        say(
            r["apply"] <= r["load"],
            f"100k: applying a scenario of {r['ops']:,} operations {r['apply']:.2f} s ≤ "
            f"loading the base {r['load']:.2f} s",
        )
        if r["deepdiff"] is not None:
            say(
                r["e2e"] < r["deepdiff"],
                f"100k: faster than DeepDiff alone ({r['e2e']:.2f} s vs {r['deepdiff']:.2f} s)",
            )
    if 1_000_000 in by:
        r = by[1_000_000]
        say(
            r["e2e"] <= 1.5 * r["floor"],
            f"1M: compare e2e {r['e2e']:.2f} s ≤ 1.5 × floor "
            f"{r['floor']:.2f} s ({r['e2e'] / r['floor']:.2f}×)",
        )
        say(r["peak"] < 4 * 2**30, f"1M: peak memory {r['peak'] / 2**30:.2f} GiB < 4 GiB")
        say(
            r["validate"] <= 1.3 * r["floor_one"],
            f"1M: validate {r['validate']:.2f} s ≤ 1.3 × one-file floor {r['floor_one']:.2f} s",
        )
        say(
            r["show"] <= 1.3 * r["floor_one"],
            f"1M: show --depth 2 {r['show']:.2f} s ≤ 1.3 × one-file floor {r['floor_one']:.2f} s",
        )
        if 100_000 in by:
            small, big = by[100_000], r
            growth = (big["e2e"] / big["units"]) / (small["e2e"] / small["units"])
            say(growth <= 1.3, f"near-linear: time per unit at 1M is {growth:.2f}× that at 100k")
    for r in rows:
        say(
            r["truth"] and r["truth_bare"],
            f"{r['units']:,} units: every merge, split, rename, "
            "move, addition, removal and re-parenting found, with ids and without",
        )
    return out


COLD_START_TARGET = 6.0  # each command's cold start at most this many times `python -c pass`


# What the design card's libraries cost before orgdiff runs a line: PyYAML, typer and pydantic
# with one model built (pydantic imports most of itself when the first model is built).
LIBRARY_FLOOR = (
    "import yaml, typer\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\n"
)


def cold_starts(repeat: int = 7) -> list[str]:
    """Cold start of a few commands on the Albertslund files as a ratio to ``python -c pass``
    (best of ``repeat`` fresh processes each); one line per command, met or not, and the floor
    the libraries alone set. The package's bytecode is compiled first, as ``pip install`` does
    (an editable install under PYTHONDONTWRITEBYTECODE would otherwise compile on every run)."""
    import compileall

    import orgdiff

    compileall.compile_dir(Path(orgdiff.__file__).parent, quiet=1)
    orgs = Path("orgs/albertslund")
    cases = {
        "validate": ["validate", str(orgs / "current.yaml")],
        "compare --format json": [
            "compare",
            str(orgs / "current.yaml"),
            str(orgs / "model1.yaml"),
            "--format",
            "json",
        ],
        "textconv": ["textconv", str(orgs / "current.yaml")],
    }

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    bare = best([sys.executable, "-c", "pass"])
    floor = best([sys.executable, "-c", LIBRARY_FLOOR])
    lines = [
        f"info     cold start floor: yaml + typer + pydantic (one model) {floor:.3f} s = "
        f"{floor / bare:.1f}× python -c pass ({bare:.3f} s)"
    ]
    for name, args in cases.items():
        took = best([sys.executable, "-m", "orgdiff", *args])
        ratio = took / bare
        ok = ratio <= COLD_START_TARGET
        lines.append(
            f"{'met    ' if ok else 'NOT MET'}  cold start: {name} {took:.3f} s = {ratio:.1f}× "
            f"python -c pass, target ≤ {COLD_START_TARGET:g}× (orgdiff's own part: "
            f"{(took - floor) / bare:.1f}×)"
        )
    return lines


# --- many small departments: the chart layout must stay near-linear in departments ---------------

DEPT_SIZES = (1_000, 10_000)


def many_departments(n: int, seed: int) -> tuple[Org, Org]:
    """``n`` departments of one or two units, and a copy where every tenth unit moved on."""
    import random

    from orgdiff.model import Department, Post, Unit

    rng = random.Random(seed)
    sizes = [rng.randint(1, 2) for _ in range(n)]
    units = [[f"u{d}-{k}" for k in range(sizes[d])] for d in range(n)]

    def org(model: str, placed: list[list[str]]) -> Org:
        return Org(
            organisation="Many",
            model=model,
            chef_post_cost=1_000_000,
            departments=tuple(
                Department(
                    id=f"d{d}",
                    name=f"Afdeling {d}",
                    chef=Post(title=f"Chef {d}"),
                    units=tuple(Unit(id=u, name=f"Enhed {u}", fte=3) for u in placed[d]),
                )
                for d in range(n)
                if placed[d]
            ),
        )

    after = [list(us) for us in units]
    for d in range(0, n - 1, 10):
        if len(after[d]) > 1:
            after[d + 1].append(after[d].pop())
    return org("before", units), org("after", after)


def chart_rows(seed: int) -> list[dict[str, Any]]:
    """Seconds to build the diff chart's DOT (Python only: card layout) at unit and department
    level, and for 1,000 departments to draw the department level with ``dot`` too."""
    rows = []
    for n in DEPT_SIZES:
        ob, oa = many_departments(n, seed)
        sb, sa = build(ob), build(oa)
        d = compare(sb, sa)
        units_s, _ = clock(lambda: graphviz.diff_chart(sa, d, "en", level="units"))  # noqa: B023
        depts_s, src = clock(lambda: graphviz.diff_chart(sa, d, "en", level="departments"))  # noqa: B023
        dot_s = clock(lambda: graphviz.render(src, "svg"))[0] if n <= 1_000 else None  # noqa: B023
        rows.append({"departments": n, "units_dot": units_s, "depts_dot": depts_s, "svg": dot_s})
    return rows


def chart_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| departments | diff chart DOT, unit level | DOT, department level | SVG with dot |",
        "|---:|---:|---:|---:|",
    ]
    for r in rows:
        svg = f"{r['svg']:.2f} s" if r["svg"] is not None else "–"
        lines.append(
            f"| {r['departments']:,} | {r['units_dot']:.2f} s | {r['depts_dot']:.2f} s | {svg} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=Path("benchmarks/data"))
    parser.add_argument("--no-deepdiff", action="store_true", help="skip the DeepDiff peer")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    try:
        import deepdiff  # noqa: F401

        peer = not args.no_deepdiff
    except ImportError:
        print("DeepDiff is not installed (pip install '.[bench]'): its column is left out.")
        peer = False
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"measuring {size:,} units ...", file=sys.stderr, flush=True)
        rows.append(
            measure(
                size, args.seed, args.data, peer and size <= 100_000 or (peer and size > 100_000)
            )
        )
    print(
        f"orgdiff benchmark — Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
        f"(libyaml: {yaml.__with_libyaml__}), {os.cpu_count()} cores; seconds"
    )
    print()
    print(table(rows))
    print()
    print("\n".join(targets(rows)))
    print("\n".join(cold_starts()))
    print()
    print("Charts of many small departments (card layout near-linear; was cubic):")
    print(chart_table(chart_rows(args.seed)))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str))


if __name__ == "__main__":
    main()
