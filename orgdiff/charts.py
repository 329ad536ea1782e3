"""Writing charts to files: one structure, one comparison, or a whole folder of org files.

The library side of ``orgdiff render`` and ``compare --chart/--flow``. Every file is written
atomically, so a failed render leaves the previous chart in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .changes import OrgDiff
from .diff import compare
from .errors import InputError, OrgdiffError, Problem, UsageError
from .i18n import Lang, choose
from .load import Limits
from .model import Org
from .output import write_atomic
from .render.graphviz import (
    FORMATS,
    diff_chart,
    diff_sources,
    flow_chart,
    flow_sources,
    org_chart,
    org_sources,
    pdf_pages,
    render,
)
from .scenario import SUFFIXES, is_scenario
from .source import load_any
from .structure import Structure


@dataclass(frozen=True)
class ChartOptions:
    fmt: str = "svg"
    lang: Lang | None = None
    depth: int | None = None
    changed_only: bool = False
    weight: str = "units"  # flow edge width by "units" or "fte"
    page: str = "a4"  # PDF paper, landscape: "a4", "a3" or "letter"
    level: str = "auto"  # diff chart: "departments", "units", or "auto" (by size)


def format_of(path: Path) -> str:
    """The chart format a file name asks for: ``diff.svg`` → ``svg``."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(
            f"{path}: cannot tell the chart format; end the name in "
            f"{', '.join('.' + f for f in FORMATS)}"
        )
    return fmt


def _lang(opts: ChartOptions, *orgs: Org) -> Lang:
    return choose(opts.lang, *(org.lang for org in orgs))


def write_org_chart(s: Structure, path: Path, opts: ChartOptions) -> None:
    lang = _lang(opts, s.org)
    if opts.fmt == "pdf":
        write_atomic(path, pdf_pages(org_sources(s, lang, opts.page, opts.depth), opts.page))
        return
    write_atomic(path, render(org_chart(s, lang, opts.depth), opts.fmt))


def write_diff_chart(
    after: Structure,
    d: OrgDiff,
    lang: Lang,
    path: Path,
    opts: ChartOptions,
    before: Structure | None = None,
) -> None:
    """The diff chart; a PDF is fitted to ``opts.page``, over several pages when needed."""
    if opts.fmt == "pdf":
        sources = diff_sources(
            after, d, lang, opts.page, opts.depth, opts.changed_only, before, opts.level
        )
        write_atomic(path, pdf_pages(sources, opts.page))
        return
    source = diff_chart(after, d, lang, opts.depth, opts.changed_only, before, opts.level)
    write_atomic(path, render(source, opts.fmt))


def write_flow_chart(d: OrgDiff, lang: Lang, path: Path, opts: ChartOptions) -> None:
    if opts.fmt == "pdf":
        write_atomic(path, pdf_pages(flow_sources(d, lang, opts.page, opts.weight), opts.page))
        return
    write_atomic(path, render(flow_chart(d, lang, opts.weight), opts.fmt))


# --- a whole folder ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One chart to write: an org chart of ``files[0]``, or a diff/flow of files[1] vs files[0]."""

    kind: str  # "org", "diff" or "flow"
    files: tuple[Path, ...]
    out: Path


def org_files(root: Path) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` below ``root`` (not in hidden folders), in sorted order."""
    return walk(root)[0]


def walk(root: Path) -> tuple[list[Path], list[Path]]:
    """The org files below ``root``, and the ones left out because they lead outside it.

    The walk stays inside ``root``: linked folders are not entered, and a linked file counts
    only when the file it names is inside ``root`` too, so a link never brings in (or quotes
    in an error) a file from elsewhere. Only regular files are read: no FIFO or device.
    """
    if root.is_file():
        return [root], []
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    inside = root.resolve()
    found, outside = [], []
    for folder, dirs, files in os.walk(root):  # does not follow linked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            p = Path(folder) / name
            if name.startswith(".") or p.suffix not in (".yaml", ".yml"):
                continue
            try:
                real = p.resolve()
            except (OSError, RuntimeError):  # a loop of links: reading it says so
                found.append(p)
                continue
            if not real.is_relative_to(inside):
                outside.append(p)
            elif real.is_file():
                found.append(p)
    return sorted(found), sorted(outside)


def plan(root: Path, out: Path, orgs: dict[Path, Org], fmt: str) -> list[Job]:
    """The charts for a folder: an org chart per file, and per folder the diff and flow charts
    of each model against the folder's baseline (``baseline: true``, else ``current.yaml``)."""
    jobs: list[Job] = []
    by_dir: dict[Path, list[Path]] = {}
    for path in orgs:
        by_dir.setdefault(path.parent, []).append(path)
    base_dir = root if root.is_dir() else root.parent
    for folder in sorted(by_dir):
        files = sorted(by_dir[folder])
        target = out / folder.relative_to(base_dir)
        for f in files:
            jobs.append(Job("org", (f,), target / f"{stem(f)}.{fmt}"))
        baseline = _baseline(files, orgs)
        if baseline is None:
            continue
        for f in files:
            if f != baseline:
                jobs.append(Job("diff", (baseline, f), target / f"{stem(f)}.diff.{fmt}"))
                jobs.append(Job("flow", (baseline, f), target / f"{stem(f)}.flow.{fmt}"))
    return jobs


def stem(path: Path) -> str:
    """A chart's name: ``model1.yaml`` and ``model1.scenario.yaml`` both give ``model1``."""
    for suffix in SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def twins(structures: dict[Path, Structure]) -> list[OrgdiffError]:
    """Scenarios beside a full file of the same name (``model1.scenario.yaml`` and
    ``model1.yaml``) are one model: it is drawn once, from the full file, and the scenario must
    give exactly that structure (else an error: the two have drifted apart). Takes the
    scenarios out of ``structures``."""
    errors: list[OrgdiffError] = []
    for path in sorted(structures):
        if not is_scenario(str(path)):
            continue
        full = [path.with_name(stem(path) + ext) for ext in (".yaml", ".yml")]
        twin = next((f for f in full if f in structures), None)
        if twin is None:
            continue
        if structures.pop(path).org != structures[twin].org:
            errors.append(
                UsageError(
                    f"{path}: gives a different structure from {twin.name}, the same model "
                    f"written in full; see `orgdiff compare {twin} {path}`"
                )
            )
    return errors


def _baseline(files: list[Path], orgs: dict[Path, Org]) -> Path | None:
    marked = [f for f in files if orgs[f].baseline]
    if len(marked) > 1:
        names = ", ".join(f.name for f in marked)
        raise UsageError(f"{files[0].parent}: more than one file says `baseline: true` ({names})")
    if marked:
        return marked[0]
    current = [f for f in files if f.stem == "current"]
    return current[0] if current else None


def render_all(
    root: Path,
    out: Path,
    opts: ChartOptions,
    limits: Limits | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> tuple[list[Path], list[OrgdiffError]]:
    """Render every chart of a folder; returns the files written and the errors met.

    A file that fails to load is reported and its charts are skipped; the others are written.
    """
    errors: list[OrgdiffError] = []
    structures: dict[Path, Structure] = {}
    files, outside = walk(root)
    for path in outside:
        errors.append(
            InputError(str(path), [Problem(0, 0, "", f"skipped: a link to a file outside {root}")])
        )
    for path in files:
        try:
            structures[path] = load_any(path, limits or Limits())
        except OrgdiffError as e:
            errors.append(e)
    errors += twins(structures)
    orgs = {p: s.org for p, s in structures.items()}
    jobs = plan(root, out, orgs, opts.fmt)
    diffs: dict[tuple[Path, Path], OrgDiff] = {}
    written: list[Path] = []
    for n, job in enumerate(jobs, 1):
        if progress is not None:
            progress(n, len(jobs), job.out)
        try:
            _run(job, orgs, structures, diffs, opts)
            written.append(job.out)
        except OrgdiffError as e:
            errors.append(e)
    return written, errors


def _run(
    job: Job,
    orgs: dict[Path, Org],
    structures: dict[Path, Structure],
    diffs: dict[tuple[Path, Path], OrgDiff],
    opts: ChartOptions,
) -> None:
    if job.kind == "org":
        write_org_chart(structures[job.files[0]], job.out, opts)
        return
    before, after = job.files
    key = (before, after)
    if key not in diffs:
        diffs[key] = compare(structures[before], structures[after])
    lang = _lang(opts, orgs[after], orgs[before])
    if job.kind == "diff":
        write_diff_chart(structures[after], diffs[key], lang, job.out, opts, structures[before])
    else:
        write_flow_chart(diffs[key], lang, job.out, opts)
