"""The ``orgdiff`` command: parse → load → compare → render → write.

This is the only module that prints errors and sets exit codes: 0 success (no differences),
1 differences (``compare --exit-code``), 2 bad input or usage.
"""

from __future__ import annotations

import enum
import functools
import gc
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from . import __version__
from .charts import (
    ChartOptions,
    format_of,
    render_all,
    write_diff_chart,
    write_flow_chart,
    write_org_chart,
)
from .diff import compare as compare_orgs
from .errors import InputError, OrgdiffError, UsageError
from .i18n import Lang, count, t
from .load import Limits, load_structure
from .model import Org
from .output import write_atomic
from .render import json as json_out
from .render import markdown, terminal
from .render import show as show_tree
from .schema import json_schema

app = typer.Typer(
    name="orgdiff",
    help="Compare organisation structures: which units moved, which departments were merged, "
    "split or renamed, how many chef posts disappear and what that costs or saves.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")


def _stdout() -> Console:
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Print any :class:`OrgdiffError` as its plain lines on stderr and exit 2; no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except OrgdiffError as e:
            _print_error(e)
            raise typer.Exit(2) from None

    return wrapper


def _print_error(e: OrgdiffError) -> None:
    for line in e.lines():
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


# --- shared options (defined once) ----------------------------------------------------------------

LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of the report: en or da. Default: the file's `lang:`, else en.",
        show_default=False,
    ),
]
MaxDepthOpt = Annotated[
    int,
    typer.Option("--max-depth", min=1, help="Refuse files whose units nest deeper than this."),
]
FileArg = Annotated[Path, typer.Argument(help="An org YAML file.", show_default=False)]
DepthOpt = Annotated[
    int | None,
    typer.Option(
        "--depth",
        min=1,
        help="Draw this many levels (1: departments only); deeper "
        "ones collapse into '+N units' boxes.",
        show_default=False,
    ),
]
ChangedOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--changed-only",
        help="Diff chart: only changed branches (with their "
        "parents); unchanged units and departments collapse.",
    ),
]


class Weight(str, enum.Enum):
    units = "units"
    fte = "fte"


class ChartFormat(str, enum.Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


WeightOpt = Annotated[
    Weight, typer.Option("--weight", help="Flow chart: edge width by units or FTE.")
]


def _lang(option: Lang | None, *orgs: Org) -> Lang:
    if option is not None:
        return option
    for org in orgs:
        if org.lang is not None:
            return org.lang
    return "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"orgdiff {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Compare organisation structures written as YAML files."""


# --- commands -------------------------------------------------------------------------------------


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Org YAML files to check.", show_default=False)
    ],
    max_depth: MaxDepthOpt = Limits.max_depth,
) -> None:
    """Check org files: every problem as FILE:LINE:COL: field: message; exit 2 if any."""
    failed = False
    for path in files:
        try:
            s = load_structure(path, Limits(max_depth=max_depth))
        except InputError as e:
            _print_error(e)
            failed = True
            continue
        lang = _lang(None, s.org)
        depts = count(len(s.depts), "department", "departments", lang)
        typer.echo(
            f"{path}: {t('valid', lang)} ({depts}, {count(len(s.units), 'unit', 'units', lang)})"
        )
    if failed:
        raise typer.Exit(2)


@app.command()
@guarded
def show(
    file: FileArg,
    lang: LangOpt = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=1,
            help="Show this many levels (1: departments only); deeper ones "
            "collapse into '+N units'.",
            show_default=False,
        ),
    ] = None,
    max_depth: MaxDepthOpt = Limits.max_depth,
) -> None:
    """Print the structure as a tree: departments, chef, units with leaders and FTE."""
    s = load_structure(file, Limits(max_depth=max_depth))
    colour = _stdout().color_system  # None without a colour terminal, or with NO_COLOR
    out = sys.stdout
    for line in show_tree.render(show_tree.tree_lines(s, _lang(lang, s.org), depth), colour):
        out.write(line + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the org file format (for editors and yaml-language-server)."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
@guarded
def compare(
    before: Annotated[Path, typer.Argument(help="The current structure.", show_default=False)],
    after: Annotated[
        list[Path],
        typer.Argument(
            help="One or more proposed models, each compared with BEFORE.", show_default=False
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text (terminal report), json or markdown."),
    ] = Format.text,
    lang: LangOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences (like git diff)."),
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also draw the diff chart to this file (.svg, .png, .pdf "
            "or .dot; needs one AFTER).",
            show_default=False,
        ),
    ] = None,
    flow: Annotated[
        Path | None,
        typer.Option(
            "--flow",
            help="Also draw the flow chart (units between departments) to "
            "this file (.svg, .png, .pdf or .dot; needs one AFTER).",
            show_default=False,
        ),
    ] = None,
    depth: DepthOpt = None,
    changed_only: ChangedOnlyOpt = False,
    weight: WeightOpt = Weight.units,
    max_depth: MaxDepthOpt = Limits.max_depth,
) -> None:
    """Compare BEFORE with each AFTER: moved units, merges, splits, renames, posts, cost, balance.

    With several models, a table of all of them side by side follows.
    """
    if (chart or flow) and len(after) != 1:
        raise UsageError("--chart and --flow draw one comparison: give exactly one AFTER")
    limits = Limits(max_depth=max_depth)
    base = load_structure(before, limits)
    structures = [load_structure(path, limits) for path in after]
    diffs = [compare_orgs(base, s) for s in structures]
    language = _lang(lang, base.org, *(s.org for s in structures))
    for path, write in ((chart, "diff"), (flow, "flow")):
        if path is None:
            continue
        opts = ChartOptions(format_of(path), language, depth, changed_only, weight.value)
        if write == "diff":
            write_diff_chart(structures[0], diffs[0], language, path, opts)
        else:
            write_flow_chart(diffs[0], language, path, opts)
    if fmt is Format.json:
        report = json_out.to_json(diffs)
    elif fmt is Format.markdown:
        report = markdown.report(diffs, language)
    elif output is not None:
        buffer = io.StringIO()
        Console(file=buffer, width=100, color_system=None).print(terminal.report(diffs, language))
        report = buffer.getvalue()
    else:
        _stdout().print(terminal.report(diffs, language))
        report = ""
    if output is not None:
        write_atomic(output, report)
    elif report:
        sys.stdout.write(report)
    if exit_code and any(d.has_changes for d in diffs):
        raise typer.Exit(1)


@app.command("render")
@guarded
def render_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Org YAML files: one org chart each.", show_default=False),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to write charts into."),
    ] = Path("charts"),
    fmt: Annotated[
        ChartFormat,
        typer.Option(
            "--format", "-f", help="svg, png, pdf or dot (the DOT source; needs no Graphviz)."
        ),
    ] = ChartFormat.svg,
    all_in: Annotated[
        Path | None,
        typer.Option(
            "--all",
            help="Render every org file below this folder, and in each folder "
            "the diff and flow charts of every model against its baseline "
            "(`baseline: true`, else current.yaml).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    depth: DepthOpt = None,
    changed_only: ChangedOnlyOpt = False,
    weight: WeightOpt = Weight.units,
    max_depth: MaxDepthOpt = Limits.max_depth,
) -> None:
    """Draw org charts of FILES into a folder; with --all, every chart CI needs for a folder."""
    opts = ChartOptions(fmt.value, lang, depth, changed_only, weight.value)
    limits = Limits(max_depth=max_depth)
    if all_in is None:
        if not files:
            raise UsageError("give org files to render, or --all FOLDER")
        for path in files:
            target = output / f"{path.stem}.{opts.fmt}"
            write_org_chart(load_structure(path, limits), target, opts)
            typer.echo(str(target))
        return
    if files:
        raise UsageError("give either org files or --all FOLDER, not both")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("charts", total=None)

        def tick(n: int, total: int, path: Path) -> None:
            bar.update(task, completed=n - 1, total=total, description=str(path))

        written, errors = render_all(all_in, output, opts, limits, tick)
    for path in written:
        typer.echo(str(path))
    for error in errors:
        _print_error(error)
    if errors:
        raise typer.Exit(2)


def main() -> None:
    """Entry point of the ``orgdiff`` script."""
    gc.disable()  # a short run that makes millions of acyclic objects: no cycle collection
    app()
