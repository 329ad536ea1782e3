"""The ``orgdiff`` command: parse → load → compare → render → write.

This is the only module that prints errors and sets exit codes: 0 success (no differences),
1 differences (``compare --exit-code``), 2 bad input or usage.
"""

from __future__ import annotations

import enum
import functools
import gc
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from . import __version__, cliio
from . import config as configuration
from .errors import InputError, OrgdiffError, Problem, UsageError
from .i18n import Lang, choose, count, env_lang, error_text, t
from .load import Limits, loads_structure
from .render.text import SafeStream, clean, clean_lines

if TYPE_CHECKING:  # a command imports what it needs when it runs: a fast start (make bench)
    from rich.console import Console

    from .changes import OrgDiff
    from .match import Thresholds
    from .model import Org
    from .source import Defaults
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
    """Standard output as rich sees it, with colours as --color/--no-color, NO_COLOR and
    FORCE_COLOR say."""
    from rich.console import Console

    want = cliio.colour_wanted(_COLOUR[0], sys.stdout.isatty())
    if want:
        console = Console(highlight=False, force_terminal=True, color_system="auto")
        if console.color_system is None:  # asked for colours on a terminal rich doesn't know
            console = Console(highlight=False, force_terminal=True, color_system="standard")
        return console
    return Console(highlight=False, color_system=None, no_color=True)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Print any :class:`OrgdiffError` as its plain lines on stderr and exit 2; no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except OrgdiffError as e:
            _print_error(e, kwargs.get("lang"))  # type: ignore[arg-type]
            raise typer.Exit(2) from None

    return wrapper


def _error_lines(e: OrgdiffError, lang: Lang | None = None) -> list[str]:
    """The error's lines in the user's language (the option, orgdiff.toml, the locale), with
    user text unable to reach a terminal as control codes."""
    try:
        configured: Lang | None = _config().lang  # type: ignore[assignment]
    except OrgdiffError:  # a broken orgdiff.toml: its own error is printed in English
        configured = None
    language = lang or configured or env_lang() or "en"
    return [clean(error_text(line, language)) for line in e.lines()]


def _print_error(e: OrgdiffError, lang: Lang | None = None) -> None:
    for line in _error_lines(e, lang):
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
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing but the result and errors.")
]


@functools.lru_cache(maxsize=1)
def _config() -> configuration.Config:
    """orgdiff.toml (or [tool.orgdiff] in pyproject.toml), found upwards; options win."""
    return configuration.load()


FileArg = Annotated[Path, typer.Argument(help="An org YAML file.", show_default=False)]
SimilarityOpt = Annotated[
    float | None,
    typer.Option(
        "--similarity",
        min=0.0,
        max=1.0,
        help="How alike (0–1) two unit names must be to count as a rename when no id says so "
        "(1: only the same name). Default: orgdiff.toml's [inference] similarity, else the "
        "engine's (0.75).",
        show_default=False,
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


def _load(path: Path, limits: Limits | None = None, *, as_written: bool = False) -> Structure:
    """An org file or a scenario (``*.scenario.yaml``, applied to its base), ``REV:path``, or
    ``-`` for standard input; with orgdiff.toml's chef post cost and currency where the file
    gives none, unless ``as_written`` (export writes the file's own fields only)."""
    from .source import AS_WRITTEN, load_any

    limits = limits or Limits()
    defaults = AS_WRITTEN if as_written else _defaults()
    if cliio.is_stdio(path):
        return _from_stdin(cliio.read_bytes(path, limits.max_bytes), limits, defaults)
    return load_any(path, limits, defaults)


def _from_stdin(raw: bytes, limits: Limits, defaults: Defaults) -> Structure:
    """Standard input's bytes (read once by the caller) as a structure."""
    return defaults.fill(loads_structure(raw, "<stdin>", limits))


def _defaults() -> Defaults:
    """orgdiff.toml's organisation-level values for files that leave them out."""
    from .source import Defaults

    config = _config()
    return Defaults(config.chef_post_cost, config.currency)


def _lang(option: Lang | None, *orgs: Org) -> Lang:
    """The option, else the configuration's ``lang``, else the files' ``lang:``, else en."""
    configured: Lang | None = _config().lang  # type: ignore[assignment]
    return choose(option, *(org.lang for org in orgs), configured)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"orgdiff {__version__}")
        raise typer.Exit()


_COLOUR: list[bool | None] = [None]  # --color / --no-color, set once per run
_QUIET: list[bool] = [False]


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colours on or off. Default: on in a terminal, unless NO_COLOR is set "
            "(FORCE_COLOR turns them on anywhere).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only results and errors.")
    ] = False,
) -> None:
    """Compare organisation structures written as YAML files.

    Examples:

      orgdiff compare orgs/current.yaml orgs/model1.yaml

      orgdiff --no-color validate orgs/

      orgdiff import hr-export.xlsx -o orgs/current.yaml
    """
    _COLOUR[0] = color
    _QUIET[0] = quiet
    _safe_streams()


def _safe_streams() -> None:
    """Put the last boundary around standard output and error (once): no control sequence from
    a file or an argument reaches the terminal, whatever path it took."""
    cliio.sane_columns()
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


# --- commands -------------------------------------------------------------------------------------


def _expand(paths: list[Path], outside: list[OrgdiffError] | None = None) -> list[Path]:
    """Files as given; a folder stands for every .yaml/.yml file below it, in sorted order.

    As ``render --all``, a folder's walk stays inside it: a link to a file elsewhere is not
    read (an error in ``outside`` names the link only), so nothing of that file is quoted.
    """
    out: list[Path] = []
    for p in paths:
        if not cliio.is_stdio(p) and os.path.isdir(p):  # False for a name too long to exist
            found = sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
            inside = os.path.realpath(p)
            kept = [f for f in found if os.path.commonpath([inside, os.path.realpath(f)]) == inside]
            for f in sorted(set(found) - set(kept)):
                if outside is not None:
                    why = f"skipped: a link to a file outside {p}"
                    outside.append(InputError(str(f), [Problem(0, 0, "", why)]))
            out += kept or ([] if found else [p])  # no org files: the loader says what it is
        else:
            out.append(p)
    return out


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Org YAML files, folders (every .yaml/.yml below them) or - for standard input.",
            show_default=False,
        ),
    ],
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
    quiet: QuietOpt = False,
    lang: LangOpt = None,
) -> None:
    """Check org files: every problem as FILE:LINE:COL: field: message; exit 2 if any.

    Examples:

      orgdiff validate orgs/albertslund/current.yaml orgs/albertslund/model1.yaml

      orgdiff validate orgs/

      git show HEAD:orgs/current.yaml | orgdiff validate -
    """
    outside: list[OrgdiffError] = []
    expanded = _expand(files, outside)
    failed = bool(outside)
    for error in outside:
        _print_error(error, lang)
    for path in expanded:
        try:
            s = _load(path, Limits(max_depth=max_depth, max_bytes=max_bytes))
        except OrgdiffError as e:  # a scenario's errors may span its file and its base's
            _print_error(e, lang)
            failed = True
            continue
        if quiet or _QUIET[0]:
            continue
        language = _lang(lang, s.org)
        depts = count(len(s.depts), "department", "departments", language)
        units = count(len(s.units), "unit", "units", language)
        typer.echo(clean(f"{path}: {t('valid', language)} ({depts}, {units})"))
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
    """Print the structure as a tree: departments, chef, units with leaders and FTE.

    Examples:

      orgdiff show orgs/albertslund/current.yaml --depth 2

      orgdiff show orgs/albertslund/model1.yaml --lang en

      orgdiff show HEAD~1:orgs/albertslund/current.yaml
    """
    from .render import show as show_tree

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
    """Print the JSON Schema of the org file format (for editors and yaml-language-server).

    Examples:

      orgdiff schema > orgdiff.schema.json

      orgdiff schema --scenario > scenario.schema.json
    """
    from . import scenario as scenario_format
    from .schema import json_schema

    data = scenario_format.json_schema() if scenario else json_schema()
    import json

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
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically); - or nothing: standard output.",
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
    similarity: SimilarityOpt = None,
) -> None:
    """Compare BEFORE with each AFTER: moved units, merges, splits, renames, posts, cost, balance.

    With several models, a table of all of them side by side follows.

    Examples:

      orgdiff compare orgs/albertslund/current.yaml orgs/albertslund/model1.yaml

      orgdiff compare current.yaml model1.yaml model2.yaml -o report.md

      orgdiff compare HEAD~1:orgs/current.yaml orgs/current.yaml --format json --exit-code
    """
    from .diff import compare as compare_orgs

    kind = cliio.report_format(output, fmt.value if fmt else None)
    if kind not in ("text", "json", "markdown", "scenario", "csv", "xlsx"):
        raise UsageError(f"{output}: no {kind} report in this version; use .md, .json or .txt")
    if (chart or flow) and len(after) != 1:
        raise UsageError("--chart and --flow draw one comparison: give exactly one AFTER")
    if kind in ("csv", "xlsx") and len(after) != 1:
        raise UsageError("the change list (csv, xlsx) is of one comparison: give exactly one AFTER")
    if kind == "scenario" and len(after) != 1:
        raise UsageError("--format scenario writes one edit script: give exactly one AFTER")
    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    base = _load(before, limits)
    structures = [_load(path, limits) for path in after]
    thresholds = _thresholds(similarity)
    diffs = [compare_orgs(base, s, thresholds=thresholds) for s in structures]
    language = _lang(lang, base.org, *(s.org for s in structures))
    for path, write in ((chart, "diff"), (flow, "flow")):
        if path is None:
            continue
        from .charts import ChartOptions, format_of, write_diff_chart, write_flow_chart

        depth, changed_only, weight_name = _chart_config(depth, changed_only, weight)
        opts = ChartOptions(
            format_of(path),
            language,
            depth,
            changed_only,
            weight_name,
            page=page.value,
            level=level.value,
        )
        if write == "diff":
            write_diff_chart(structures[0], diffs[0], language, path, opts, before=base)
        else:
            write_flow_chart(diffs[0], language, path, opts)
    if kind in ("csv", "xlsx"):
        from .changelist import change_list
        from .render import changelist as changelist_out

        rows = change_list(diffs[0], base, structures[0])
        if kind == "csv":
            cliio.write_out(output, changelist_out.to_csv(rows, language, delimiter))
        else:
            if output is None and sys.stdout.isatty():
                raise UsageError("xlsx is a binary file: write it with -o FILE.xlsx")
            cliio.write_out(output, changelist_out.to_xlsx(rows, language))
        if exit_code and diffs[0].has_changes:
            raise typer.Exit(1)
        return
    if kind == "scenario":
        target = None if output is None or cliio.is_stdio(output) else Path(output)
        report = _edit_script(before, after, target, base, structures, diffs)
    elif kind == "json":
        from .render import json as json_out

        report = json_out.to_json(diffs)
    elif kind == "markdown":
        from .render import markdown

        report = markdown.report(diffs, language)
    elif len(diffs) == 1 and not diffs[0].has_changes:
        report = t("no_changes", language) + "\n"  # one line, not three balance tables
    else:
        report = _terminal_text(diffs, language, output is None or cliio.is_stdio(output))
    cliio.write_out(output, report, coloured=kind == "text")
    if exit_code and any(d.has_changes for d in diffs):
        raise typer.Exit(1)


def _thresholds(similarity: float | None) -> Thresholds:
    """The inference's thresholds: orgdiff.toml's [inference] table, then the options."""
    import dataclasses

    from .match import Thresholds

    given = dict(_config().inference)
    if similarity is not None:
        given["similarity"] = similarity
    names = {f.name for f in dataclasses.fields(Thresholds)}
    unknown = sorted(set(given) - names)
    if unknown:
        raise UsageError(
            f"{_config().path}: [inference] has no {', '.join(unknown)}; the thresholds are: "
            f"{', '.join(sorted(names))}"
        )
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UsageError(f"{_config().path}: [inference] {key} must be a number, got {value!r}")
    return Thresholds(**given)


def _chart_config(
    depth: int | None, changed_only: bool, weight: Weight
) -> tuple[int | None, bool, str]:
    """Chart options: the command line's, else orgdiff.toml's [charts], else the defaults."""
    charts = _config().charts
    return (
        depth if depth is not None else charts.get("depth"),
        changed_only or bool(charts.get("changed_only", False)),
        weight.value if weight is not Weight.units else str(charts.get("weight", "units")),
    )


def _terminal_text(diffs: list[OrgDiff], language: Lang, to_stdout: bool) -> str:
    """The terminal report as text: coloured for a colour terminal; for a pipe or a file,
    plain, lines never wrapped mid-phrase and without trailing spaces."""
    from rich.console import Console

    from .render import terminal

    colour = _stdout().color_system if to_stdout else None
    width = _stdout().width if to_stdout and sys.stdout.isatty() else 100
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=colour,  # type: ignore[arg-type]
        force_terminal=colour is not None,
        highlight=False,
    )
    console.print(terminal.report(diffs, language), soft_wrap=not sys.stdout.isatty())
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


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
    from . import editscript

    return editscript.dumps(editscript.editscript(diffs[0], base, structures[0], where))


@app.command("apply")
@guarded
def apply_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="A scenario file (*.scenario.yaml).", show_default=False)
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the structure here (atomically); - or nothing: standard output.",
            show_default=False,
        ),
    ] = None,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Write the full structure a scenario describes: its changes made to its base, validated.

    Examples:

      orgdiff apply orgs/albertslund/model1.scenario.yaml -o model1.yaml

      orgdiff apply model1.scenario.yaml | orgdiff compare current.yaml -
    """
    from .dump import dumps, with_schema_line
    from .source import is_scenario, load_scenario

    if not is_scenario(str(scenario)):
        raise UsageError(f"{scenario}: a scenario file's name ends in .scenario.yaml")
    _, s = load_scenario(scenario, Limits(max_depth=max_depth, max_bytes=max_bytes))
    text = with_schema_line(dumps(s.org))
    # the same checks as every org file, with the nesting limit asked for
    loads_structure(text, str(output or scenario), Limits(max_depth=max_depth))
    cliio.write_out(output, text)


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
        typer.Option(
            "--output", "-o", help="The report file (written atomically); - for standard output."
        ),
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
    similarity: SimilarityOpt = None,
) -> None:
    """Write the decision report: every model side by side, then per model what changes, the
    diff and flow charts, departments, moved units, posts and cost, and balance.

    Examples:

      orgdiff report orgs/albertslund/current.yaml orgs/albertslund/model1.yaml -o report.html

      orgdiff report current.yaml model1.yaml model2.yaml -o beslutning.pdf --lang da
    """
    from . import report as decision
    from .output import write_atomic

    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    base = _load(before, limits)
    structures = [_load(path, limits) for path in models]
    language = _lang(lang, base.org, *(s.org for s in structures))
    text = decision.report_html(base, structures, language, date, _thresholds(similarity))
    pdf = fmt is ReportFormat.pdf or (fmt is None and output.suffix.lower() == ".pdf")
    data = decision.html_to_pdf(text) if pdf else text
    if cliio.is_stdio(output):  # -o -: standard output, as everywhere a file is named
        if pdf and sys.stdout.isatty():
            raise UsageError("a PDF is binary: give -o FILE.pdf, or pipe it")
        cliio.write_out(output, data)
        return
    write_atomic(output, data)
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
    similarity: SimilarityOpt = None,
) -> None:
    """Draw org charts of FILES into a folder; with --all, every chart CI needs for a folder.

    Examples:

      orgdiff render orgs/albertslund/current.yaml -o charts/albertslund

      orgdiff render --all orgs -o charts

      orgdiff render --all orgs -o charts --format png --changed-only
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .charts import ChartOptions, render_all, stay_inside, write_org_chart
    from .charts import stem as chart_stem

    depth, changed_only, weight_name = _chart_config(depth, changed_only, weight)
    configured: Lang | None = _config().lang  # type: ignore[assignment]
    opts = ChartOptions(
        fmt.value,
        lang or configured,
        depth,
        changed_only,
        weight_name,
        page=page.value,
        level=level.value,
    )
    limits = Limits(max_depth=max_depth, max_bytes=max_bytes)
    if all_in is None:
        if not files:
            raise UsageError("give org files to render, or --all FOLDER")
        for path in files:
            target = output / f"{chart_stem(path)}.{opts.fmt}"
            stay_inside(output, target)  # no link planted in the folder leads the write out
            write_org_chart(_load(path, limits), target, opts)
            typer.echo(clean(str(target)))
        return
    if files:
        raise UsageError("give either org files or --all FOLDER, not both")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        # Straight to the terminal, past SafeStream, which would show the bar's own cursor
        # codes (hide cursor, erase line) as text; the only user text, the path, is cleaned.
        console=Console(file=sys.__stderr__ or sys.stderr),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("charts", total=None)

        def tick(n: int, total: int, path: Path) -> None:
            bar.update(task, completed=n - 1, total=total, description=clean(str(path)))

        written, errors = render_all(
            all_in, output, opts, limits, tick, _defaults(), _thresholds(similarity)
        )
    for path in written:
        typer.echo(clean(str(path)))
    for error in errors:
        _print_error(error, lang)
    if errors:
        raise typer.Exit(2)


@app.command("import")
@guarded
def import_cmd(
    table: Annotated[
        str,
        typer.Argument(
            help="A CSV file, an .xlsx/.ods/.xls workbook, or - for standard input; one row per "
            "unit.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the org YAML here (atomically); - or nothing: standard output.",
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
    lang: LangOpt = None,
    chef_post_cost: Annotated[
        float | None,
        typer.Option(help="Yearly cost of one chef post (the file's chef_post_cost).", min=0),
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO code of the costs' currency. Default: DKK.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The structure's date, 2026-05-11.", show_default=False)
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Where the structure comes from.", show_default=False)
    ] = None,
    id_col: Annotated[str | None, typer.Option(help="Column with unit ids.")] = None,
    name_col: Annotated[str | None, typer.Option(help="Column with unit names.")] = None,
    parent_col: Annotated[
        str | None,
        typer.Option(help="Column with the parent's id or name (empty: a department row)."),
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
    notes_col: Annotated[str | None, typer.Option(help="Column with notes.")] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            help="CSV separator: one character, or tab. Default: guessed.", show_default=False
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="The CSV file's encoding. Default: detected.", show_default=False),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            help="The workbook's sheet. Default: the first with a table of units.",
            show_default=False,
        ),
    ] = None,
    decimal: Annotated[
        Decimal | None,
        typer.Option(
            help="The decimal mark, for numbers like 1.200 that could be either. "
            "Default: what the table's other numbers show.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOpt = False,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Turn a flat table from an HR or payroll system into an org YAML file, validated.

    Columns are found by their header in Danish or English (enhedsnr/id, enhedsnavn/name,
    overordnet enhed/parent, afdeling/department, leder/leader, årsværk/fte, ...); name them with
    the --*-col options or in orgdiff.toml. Parents may be given by id or by a unique name. A row
    with an empty parent is a department; its leader is the chef post. Other columns become tags.

    Examples:

      orgdiff import hr-export.xlsx -o orgs/current.yaml --organisation "Albertslund Kommune"

      orgdiff import enheder.csv --parent-col "Hører under" --lang da --chef-post-cost 1200000

      cat enheder.csv | orgdiff import - > current.yaml
    """
    from . import tableread, tabular
    from .dump import dumps, with_schema_line

    config = _config()
    given = {k: v for k, v in config.columns.items()}
    given.update(
        {
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
                "notes": notes_col,
            }.items()
            if v is not None
        }
    )
    name = "<stdin>" if table == "-" else table
    stem = "stdin" if table == "-" else Path(table).stem
    book = tabular.read_book(
        name, cliio.read_bytes(table, max_bytes), tableread.delimiter_of(delimiter), encoding
    )
    fields = {
        "organisation": organisation,
        "model": model,
        "lang": lang or config.lang,
        "chef_post_cost": _whole(chef_post_cost)
        if chef_post_cost is not None
        else config.chef_post_cost,
        "currency": currency or config.currency,
        "date": date,
        "source": source,
    }
    result = tabular.import_table(
        book,
        name,
        tabular.Columns(given),
        fields,
        {"organisation": stem, "model": stem},
        sheet=sheet,
        decimal=None if decimal is None else ("," if decimal is Decimal.comma else "."),
        max_depth=max_depth,
    )
    if not quiet:
        for note in result.notes:
            sys.stderr.write(clean(note) + "\n")
    text = with_schema_line(dumps(result.org))
    loads_structure(text, str(output or name), Limits(max_depth=max_depth))  # as every org file
    cliio.write_out(output, text)


def _whole(x: float) -> float | int:
    return int(x) if x.is_integer() else x


class Decimal(str, enum.Enum):
    comma = "comma"
    point = "point"


class TableFormat(str, enum.Enum):
    csv = "csv"
    xlsx = "xlsx"


@app.command("export")
@guarded
def export_cmd(
    file: FileArg,
    fmt: Annotated[
        TableFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv or xlsx. Default: from the output's name, else csv.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (atomically); - or nothing: standard output.",
            show_default=False,
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            help="CSV separator: one character, or tab. Default: ; with --lang da "
            "(Danish Excel), else ,.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    max_depth: MaxDepthOpt = Limits.max_depth,
    max_bytes: MaxBytesOpt = Limits.max_bytes,
) -> None:
    """Write an org file as a flat table (a row per department and unit) for a spreadsheet.

    Cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading '
    (OWASP's advice); `orgdiff import` gives the original names back.

    Examples:

      orgdiff export orgs/albertslund/model1.yaml -o model1.xlsx

      orgdiff export orgs/albertslund/current.yaml --lang da -o current.csv

      orgdiff export orgs/albertslund/current.yaml --delimiter tab
    """
    from . import tableread, tabular

    sep = tableread.delimiter_of(delimiter)
    s = _load(file, Limits(max_depth=max_depth, max_bytes=max_bytes), as_written=True)
    language = _lang(lang or _config().lang, s.org)  # type: ignore[arg-type]
    if fmt is None:
        fmt = TableFormat.xlsx if output and output.lower().endswith(".xlsx") else TableFormat.csv
    if fmt is TableFormat.xlsx:
        if output is None and sys.stdout.isatty():
            raise UsageError("an .xlsx workbook is binary: give -o FILE.xlsx, or pipe it")
        cliio.write_out(output, tabular.to_xlsx(tabular.org_to_rows(s)))
        return
    if sep is None:
        sep = ";" if language == "da" else ","
    rows = tabular.org_to_rows(s, "," if sep == ";" else ".")
    text = tabular.to_csv(rows, sep)
    if (output is None or cliio.is_stdio(output)) and sys.stdout.isatty():
        text = "\r\n".join(clean(line) for line in text.split("\r\n"))  # no escapes on a tty
    cliio.write_out(output, "\ufeff" + text)  # a BOM: Excel reads æ ø å


@app.command()
def textconv(file: FileArg) -> None:
    """For git's diff.orgdiff.textconv: a plain line per department and unit (path, leader,
    FTE), so git's own diff shows one changed line per changed unit.

    A file that does not load is printed as it is (control characters made visible), so
    `git diff` always works.

    Examples:

      git config diff.orgdiff.textconv "orgdiff textconv"

      orgdiff textconv orgs/albertslund/current.yaml
    """
    from .render.plain import plain_lines

    raw: bytes | None = None
    try:
        if cliio.is_stdio(file):  # read once: a failed load must still show what came in
            raw = cliio.read_bytes(file, Limits.max_bytes)
            s = _from_stdin(raw, Limits(), _defaults())
        else:
            s = _load(file)
    except OrgdiffError as problem:
        try:
            if raw is None:
                raw = cliio.read_bytes(file, Limits.max_bytes)  # files, pipes and devices
        except OrgdiffError:
            for line in _error_lines(problem):
                sys.stdout.write(line + "\n")
            return
        sys.stdout.write(clean_lines(raw.decode("utf-8", errors="replace")))
        return
    lang = _lang(None, s.org)
    sys.stdout.write("".join(line + "\n" for line in plain_lines(s, lang)))


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

    Examples:

      git config diff.orgdiff.command "orgdiff git-diff"

      git log -p --ext-diff -- orgs/
    """
    if len(args) < 7:
        _print_error(UsageError("git-diff takes the 7 arguments git gives a diff driver"))
        raise typer.Exit(2)
    from rich.console import Console

    from .diff import compare as compare_orgs
    from .render import terminal

    path, old, new = args[0], args[1], args[4]
    path = clean(path)
    sys.stdout.write(f"orgdiff {path}\n")
    if old == "/dev/null" or new == "/dev/null":
        word = t("new_file" if old == "/dev/null" else "deleted_file", _lang(lang))
        sys.stdout.write(f"{word}\n")
        return
    try:
        before, after = _load(Path(old)), _load(Path(new))
        d = compare_orgs(before, after, thresholds=_thresholds(None))
    except OrgdiffError as e:
        for line in _error_lines(e, lang):
            line = line.replace(clean(old), f"a/{path}").replace(clean(new), f"b/{path}")
            sys.stdout.write(line + "\n")
        return
    buffer = io.StringIO()
    colour = _stdout().color_system is not None
    Console(
        file=buffer, width=100, color_system="auto" if colour else None, force_terminal=colour
    ).print(terminal.report([d], _lang(lang, after.org, before.org)))
    sys.stdout.write(buffer.getvalue())


@app.command()
@guarded
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to write orgdiff.toml and current.yaml.")
    ] = Path("."),
    ci: Annotated[
        bool,
        typer.Option(
            "--ci",
            help="Also write .github/workflows/orgdiff-charts.yml (and, for an installation "
            "from git, .pre-commit-config.yaml) that install this same version in CI.",
        ),
    ] = False,
    orgdiff_req: Annotated[
        str | None,
        typer.Option(
            "--orgdiff",
            help="With --ci: the pip requirement CI installs from. Default: where this "
            "installation came from (its git commit, or its version).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a folder of org files: a commented orgdiff.toml and a starter current.yaml; with
    --ci, the CI files that validate them and render every chart on each push.

    Existing files are left as they are.

    Examples:

      orgdiff init

      orgdiff init orgs/my-kommune

      orgdiff init --ci --orgdiff orgdiff==0.1.0
    """
    from .dump import schema_line
    from .output import make_folder

    files = [
        ("orgdiff.toml", configuration.CONFIG_TEMPLATE),
        ("current.yaml", schema_line() + configuration.CURRENT_TEMPLATE),
    ]
    if ci:
        files += _ci_files(orgdiff_req)
    elif orgdiff_req is not None:
        raise UsageError("--orgdiff goes with --ci")
    written = []
    for name, text in files:
        target = folder / name
        if os.path.lexists(target):  # a dangling link too: never written through
            sys.stderr.write(clean(f"{target}: exists, left as it is") + "\n")
            continue
        make_folder(target.parent)
        cliio.write_out(target, text)
        written.append(target)
    if not _QUIET[0]:
        for target in written:
            typer.echo(clean(str(target)))


def _ci_files(requirement: str | None) -> list[tuple[str, str]]:
    """The workflow (and pre-commit configuration) that install this orgdiff, or the one
    ``requirement`` names."""
    from . import ci as ci_files

    source = ci_files.installed_from()
    if requirement is None and source.requirement is None:
        raise UsageError(
            f"{source.why}, so CI cannot install it from there: give --orgdiff REQUIREMENT "
            "(e.g. 'orgdiff @ git+https://example.org/orgdiff@v0.1.0')"
        )
    out = [
        (
            ".github/workflows/orgdiff-charts.yml",
            ci_files.workflow(requirement or str(source.requirement)),
        )
    ]
    hooks = ci_files.pre_commit(source) if requirement is None else None
    if hooks is not None:
        out.append((".pre-commit-config.yaml", hooks))
    return out


def _invoked(argv: list[str]) -> typer.Typer:
    """The app with only the command ``argv`` names (after the global flags), so typer builds
    one command's parameters rather than all of them: a fast start (make bench). Help, an
    unknown or a missing command get the whole app, as before."""
    import copy

    from typer.main import get_command_name

    word = next((a for a in argv if not a.startswith("-")), None)
    if word is None or "--" in argv[: argv.index(word)]:
        return app
    chosen = [
        c
        for c in app.registered_commands
        if (c.name or get_command_name(getattr(c.callback, "__name__", ""))) == word
    ]
    if not chosen:
        return app
    slim = copy.copy(app)
    slim.registered_commands = chosen
    return slim


def main() -> None:
    """Entry point of the ``orgdiff`` script."""
    gc.disable()  # a short run that makes millions of acyclic objects: no cycle collection
    _safe_streams()  # before typer and click print anything (usage errors too)
    _invoked(sys.argv[1:])()
