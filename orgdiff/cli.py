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
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from . import __version__, editscript, tabular
from . import report as decision
from . import scenario as scenario_format
from .changelist import change_list
from .changes import OrgDiff
from .charts import (
    ChartOptions,
    format_of,
    render_all,
    write_diff_chart,
    write_flow_chart,
    write_org_chart,
)
from .charts import (
    stem as chart_stem,
)
from .diff import compare as compare_orgs
from .dump import dumps
from .errors import OrgdiffError, UsageError
from .i18n import Lang, choose, count, t
from .load import Limits, loads_structure
from .match import Thresholds
from .model import Org
from .output import write_atomic
from .reading import read_limited
from .render import changelist as changelist_out
from .render import json as json_out
from .render import markdown, terminal
from .render import show as show_tree
from .render.text import SafeStream, clean, clean_lines
from .schema import json_schema
from .source import load_any, load_scenario
from .structure import Structure

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


def _error_lines(e: OrgdiffError) -> list[str]:
    """The error's lines, with user text unable to reach a terminal as control codes."""
    return [clean(line) for line in e.lines()]


def _print_error(e: OrgdiffError) -> None:
    for line in _error_lines(e):
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
MaxBytesOpt = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Refuse files larger than this many bytes."),
]
FileArg = Annotated[Path, typer.Argument(help="An org YAML file.", show_default=False)]
SimilarityOpt = Annotated[
    float,
    typer.Option(
        "--similarity",
        min=0.0,
        max=1.0,
        help="How alike (0–1) two unit names must be to count as a rename when no id says so "
        "(1: only the same name).",
    ),
]
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


class Page(str, enum.Enum):
    a4 = "a4"
    a3 = "a3"
    letter = "letter"


class Level(str, enum.Enum):
    auto = "auto"
    departments = "departments"
    units = "units"


PageOpt = Annotated[
    Page,
    typer.Option(
        "--page",
        help="PDF charts: the paper (landscape). Each page keeps its text at 8 pt or more; a "
        "larger chart is broken over pages (departments first, then unit detail).",
    ),
]
LevelOpt = Annotated[
    Level,
    typer.Option(
        "--level",
        help="Diff chart: one box per department, or every unit. auto: departments above "
        "40 departments, else units.",
    ),
]


def _load(path: Path, limits: Limits | None = None) -> Structure:
    """An org file or a scenario (``*.scenario.yaml``, applied to its base), or ``REV:path``."""
    return load_any(path, limits)


def _lang(option: Lang | None, *orgs: Org) -> Lang:
    return choose(option, *(org.lang for org in orgs))


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
    _safe_streams()


def _safe_streams() -> None:
    """Put the last boundary around standard output and error (once): no control sequence from
    a file or an argument reaches the terminal, whatever path it took."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


# --- commands -------------------------------------------------------------------------------------


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Org YAML files to check.", show_default=False)
    ],
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Check org files: every problem as FILE:LINE:COL: field: message; exit 2 if any."""
    failed = False
    for path in files:
        try:
            s = _load(path, Limits(max_depth=max_depth, max_bytes=max_bytes))
        except OrgdiffError as e:  # a scenario's errors may span its file and its base's
            _print_error(e)
            failed = True
            continue
        lang = _lang(None, s.org)
        depts = count(len(s.depts), "department", "departments", lang)
        typer.echo(
            f"{clean(str(path))}: {t('valid', lang)} "
            f"({depts}, {count(len(s.units), 'unit', 'units', lang)})"
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
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Print the structure as a tree: departments, chef, units with leaders and FTE."""
    s = _load(file, Limits(max_depth=max_depth, max_bytes=max_bytes))
    colour = _stdout().color_system  # None without a colour terminal, or with NO_COLOR
    out = sys.stdout
    for line in show_tree.render(show_tree.tree_lines(s, _lang(lang, s.org), depth), colour):
        out.write(line + "\n")


@app.command()
def schema(
    scenario: Annotated[
        bool, typer.Option("--scenario", help="The schema of scenario files instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the org file format (for editors and yaml-language-server)."""
    data = scenario_format.json_schema() if scenario else json_schema()
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    scenario = "scenario"
    csv = "csv"
    xlsx = "xlsx"


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
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="text (terminal report), json, markdown, scenario (the edit script: a scenario on "
            "BEFORE whose `orgdiff apply` gives AFTER), or the change list as csv or xlsx (a row "
            "per unit and post). Default: from the -o file's extension, else text.",
            show_default=False,
        ),
    ] = None,
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
    delimiter: Annotated[
        str | None,
        typer.Option(
            help="Change list CSV separator. Default: ; in Danish, else a comma.",
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
    page: PageOpt = Page.a4,
    level: LevelOpt = Level.auto,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
    similarity: SimilarityOpt = Thresholds.similarity,
) -> None:
    """Compare BEFORE with each AFTER: moved units, merges, splits, renames, posts, cost, balance.

    With several models, a table of all of them side by side follows.
    """
    if (chart or flow) and len(after) != 1:
        raise UsageError("--chart and --flow draw one comparison: give exactly one AFTER")
    fmt = fmt or _format_from(output)
    if fmt in (Format.csv, Format.xlsx) and len(after) != 1:
        raise UsageError("the change list (csv, xlsx) is of one comparison: give exactly one AFTER")
    if fmt is Format.scenario and len(after) != 1:
        raise UsageError("--format scenario writes one edit script: give exactly one AFTER")
    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    base = _load(before, limits)
    structures = [_load(path, limits) for path in after]
    thresholds = Thresholds(similarity=similarity)
    diffs = [compare_orgs(base, s, thresholds=thresholds) for s in structures]
    language = _lang(lang, base.org, *(s.org for s in structures))
    for path, write in ((chart, "diff"), (flow, "flow")):
        if path is None:
            continue
        opts = ChartOptions(
            format_of(path),
            language,
            depth,
            changed_only,
            weight.value,
            page=page.value,
            level=level.value,
        )
        if write == "diff":
            write_diff_chart(structures[0], diffs[0], language, path, opts, before=base)
        else:
            write_flow_chart(diffs[0], language, path, opts)
    if fmt in (Format.csv, Format.xlsx):
        rows = change_list(diffs[0], base, structures[0])
        if fmt is Format.csv:
            _write_out(output, changelist_out.to_csv(rows, language, delimiter))
        else:
            _write_out(output, changelist_out.to_xlsx(rows, language))
        if exit_code and diffs[0].has_changes:
            raise typer.Exit(1)
        return
    if fmt is Format.scenario:
        report = _edit_script(before, after, output, base, structures, diffs)
    elif fmt is Format.json:
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
        sys.stdout.write(clean_lines(report))
    if exit_code and any(d.has_changes for d in diffs):
        raise typer.Exit(1)


def _edit_script(
    before: Path,
    after: list[Path],
    output: Path | None,
    base: Structure,
    structures: list[Structure],
    diffs: list[OrgDiff],
) -> str:
    """The scenario on BEFORE (its path from where the script is written) that gives AFTER."""
    where = str(before)
    if output is not None and ":" not in where:
        where = os.path.relpath(before.resolve(), output.resolve().parent)
    return editscript.dumps(editscript.editscript(diffs[0], base, structures[0], where))


@app.command("apply")
@guarded
def apply_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="A scenario file (*.scenario.yaml).", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the structure here (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Write the full structure a scenario describes: its changes made to its base, validated."""
    if not scenario_format.is_scenario(str(scenario)):
        raise UsageError(f"{scenario}: a scenario file's name ends in .scenario.yaml")
    _, s = load_scenario(scenario, Limits(max_depth=max_depth, max_bytes=max_bytes))
    text = dumps(s.org)
    loads_structure(text, str(output or scenario))  # the same checks as every org file
    if output is None:
        sys.stdout.write(clean_lines(text))
    else:
        write_atomic(output, text)


def _format_from(output: Path | None) -> Format:
    """The report format an output file's name asks for (``list.xlsx`` → xlsx); else text."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    known = {"csv": Format.csv, "xlsx": Format.xlsx, "json": Format.json, "md": Format.markdown}
    return known.get(suffix, Format.text)


def _write_out(output: Path | None, data: str | bytes) -> None:
    """Write to the file (atomically), else to standard output; binary never to a terminal."""
    if output is not None:
        write_atomic(output, data)
    elif isinstance(data, str):
        sys.stdout.write(clean_lines(data))  # names made visible on a terminal; -o keeps them
    elif sys.stdout.isatty():
        raise UsageError("xlsx is a binary file: write it with -o FILE.xlsx")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


class ReportFormat(str, enum.Enum):
    html = "html"
    pdf = "pdf"


@app.command("report")
@guarded
def report_cmd(
    before: Annotated[Path, typer.Argument(help="The current structure.", show_default=False)],
    models: Annotated[
        list[Path],
        typer.Argument(help="The proposed models, each compared with BEFORE.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The report file (written atomically)."),
    ] = Path("report.html"),
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained file) or pdf (needs the pdf extra: WeasyPrint). "
            "Default: from the file's extension, else html.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="A date for the header (e.g. 2026-05-11); without it the report has none.",
            show_default=False,
        ),
    ] = None,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Write the decision report: every model side by side, then per model what changes, the
    diff and flow charts, departments, moved units, posts and cost, and balance."""
    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    base = _load(before, limits)
    structures = [_load(path, limits) for path in models]
    language = _lang(lang, base.org, *(s.org for s in structures))
    text = decision.report_html(base, structures, language, date)
    pdf = fmt is ReportFormat.pdf or (fmt is None and output.suffix.lower() == ".pdf")
    write_atomic(output, decision.html_to_pdf(text) if pdf else text)
    typer.echo(str(output))


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
    page: PageOpt = Page.a4,
    level: LevelOpt = Level.auto,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Draw org charts of FILES into a folder; with --all, every chart CI needs for a folder."""
    opts = ChartOptions(
        fmt.value, lang, depth, changed_only, weight.value, page=page.value, level=level.value
    )
    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    if all_in is None:
        if not files:
            raise UsageError("give org files to render, or --all FOLDER")
        for path in files:
            target = output / f"{chart_stem(path)}.{opts.fmt}"
            write_org_chart(_load(path, limits), target, opts)
            typer.echo(clean(str(target)))
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
        typer.echo(clean(str(path)))
    for error in errors:
        _print_error(error)
    if errors:
        raise typer.Exit(2)


@app.command("import")
@guarded
def import_cmd(
    table: Annotated[
        Path, typer.Argument(help="A CSV file (or .xlsx), one row per unit.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the org YAML here (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(help="The organisation's name. Default: the file's name.", show_default=False),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="The structure's name. Default: the file's name.", show_default=False),
    ] = None,
    id_col: Annotated[str | None, typer.Option(help="Column with unit ids.")] = None,
    name_col: Annotated[str | None, typer.Option(help="Column with unit names.")] = None,
    parent_col: Annotated[
        str | None, typer.Option(help="Column with the parent's id (empty: a department row).")
    ] = None,
    department_col: Annotated[
        str | None, typer.Option(help="Column with the department of top-level units.")
    ] = None,
    leader_col: Annotated[str | None, typer.Option(help="Column with leader titles.")] = None,
    fte_col: Annotated[str | None, typer.Option(help="Column with FTE (12,5 or 12.5).")] = None,
    cost_col: Annotated[
        str | None, typer.Option(help="Column with the yearly cost of the leader post.")
    ] = None,
    formerly_col: Annotated[
        str | None, typer.Option(help="Column with former ids (space separated).")
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(help="CSV separator. Default: guessed (, ; tab |).", show_default=False),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The .xlsx sheet. Default: the first.", show_default=False)
    ] = None,
    decimal: Annotated[
        Decimal | None,
        typer.Option(
            help="The decimal mark, for numbers like 1.200 that could be either. "
            "Default: what the table's other numbers show.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn a flat table from an HR or payroll system into an org YAML file, validated.

    Columns are found by their header in Danish or English (id, navn/name, overordnet/parent,
    afdeling/department, leder/leader, årsværk/fte, ...); name them with the --*-col options.
    A row with an empty parent is a department; its leader is the chef post.
    """
    given = {
        k: v
        for k, v in {
            "id": id_col,
            "name": name_col,
            "parent": parent_col,
            "department": department_col,
            "leader": leader_col,
            "fte": fte_col,
            "cost": cost_col,
            "formerly": formerly_col,
        }.items()
        if v is not None
    }
    rows = tabular.read_table(table, sheet, delimiter)
    mark = None if decimal is None else ("," if decimal is Decimal.comma else ".")
    data = tabular.rows_to_org(
        rows,
        str(table),
        tabular.Columns(given),
        organisation or table.stem,
        model or table.stem,
        mark,
    )
    text = dumps(Org.model_validate(data))
    loads_structure(text, str(output or table))  # the same checks as every org file
    if output is None:
        sys.stdout.write(clean_lines(text))
    else:
        write_atomic(output, text)


class Decimal(str, enum.Enum):
    comma = "comma"
    point = "point"


class TableFormat(str, enum.Enum):
    csv = "csv"


@app.command("export")
@guarded
def export_cmd(
    file: FileArg,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="csv.")] = TableFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    delimiter: Annotated[str, typer.Option(help="CSV separator (; for Danish Excel).")] = ",",
) -> None:
    """Write an org file as a flat table (a row per department and unit) for a spreadsheet."""
    s = _load(file)
    text = tabular.to_csv(tabular.org_to_rows(s), delimiter)
    if output is None:
        sys.stdout.write(clean_lines(text))  # a terminal: names made visible; -o keeps them
    else:
        write_atomic(output, "\ufeff" + text)  # a BOM, so Excel reads æ ø å right


@app.command()
def textconv(file: FileArg) -> None:
    """For git's diff.orgdiff.textconv: the structure as plain text, one line per unit.

    A file that does not load is printed as it is (control characters made visible), so
    `git diff` always works.
    """
    try:
        s = _load(file)
    except OrgdiffError as problem:
        try:
            raw = read_limited(file, Limits.max_bytes)
        except OrgdiffError:
            for line in _error_lines(problem):
                sys.stdout.write(line + "\n")
            return
        sys.stdout.write(clean_lines(raw.decode("utf-8", errors="replace")))
        return
    for line in show_tree.render(show_tree.tree_lines(s, _lang(None, s.org)), None):
        sys.stdout.write(line + "\n")


@app.command("git-diff", context_settings={"ignore_unknown_options": True})
def git_diff(
    args: Annotated[
        list[str],
        typer.Argument(
            help="What git gives an external diff driver: PATH OLD-FILE OLD-HEX "
            "OLD-MODE NEW-FILE NEW-HEX NEW-MODE.",
            show_default=False,
        ),
    ],
    lang: LangOpt = None,
) -> None:
    """For git's diff.orgdiff.command: orgdiff's report in `git diff` and `git log -p`.

    Always exits 0 (git stops at a failing diff driver); problems are printed instead.
    """
    if len(args) < 7:
        _print_error(UsageError("git-diff takes the 7 arguments git gives a diff driver"))
        raise typer.Exit(2)
    path, old, new = args[0], args[1], args[4]
    path = clean(path)
    sys.stdout.write(f"orgdiff {path}\n")
    if old == "/dev/null" or new == "/dev/null":
        word = "new file" if old == "/dev/null" else "deleted file"
        sys.stdout.write(f"{word}\n")
        return
    try:
        before, after = _load(Path(old)), _load(Path(new))
        d = compare_orgs(before, after)
    except OrgdiffError as e:
        for line in _error_lines(e):
            line = line.replace(clean(old), f"a/{path}").replace(clean(new), f"b/{path}")
            sys.stdout.write(line + "\n")
        return
    buffer = io.StringIO()
    colour = _stdout().color_system is not None
    Console(
        file=buffer, width=100, color_system="auto" if colour else None, force_terminal=colour
    ).print(terminal.report([d], _lang(lang, after.org, before.org)))
    sys.stdout.write(buffer.getvalue())


def main() -> None:
    """Entry point of the ``orgdiff`` script."""
    gc.disable()  # a short run that makes millions of acyclic objects: no cycle collection
    _safe_streams()  # before typer and click print anything (usage errors too)
    app()
