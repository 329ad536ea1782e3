"""The command line's Unix habits and one configuration (issue 14)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orgdiff import loads
from orgdiff.cli import app

from .conftest import ORGS, ROOT, run_cli

CURRENT, MODEL1 = ORGS / "current.yaml", ORGS / "model1.yaml"


def _stdin(
    *args: str | Path, data: bytes, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        input=data,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=60,
    )


def test_dash_is_standard_input_and_output(tmp_path: Path) -> None:
    data = CURRENT.read_bytes()
    assert b"OK" in _stdin("validate", "-", data=data).stdout
    assert _stdin("compare", "-", MODEL1, "--format", "json", data=data).returncode == 0
    assert b"Erhverv" in _stdin("show", "-", data=data).stdout
    assert b"Erhverv" in _stdin("textconv", "-", data=data).stdout
    csv = _stdin("export", "-", "-o", "-", data=data)
    assert csv.stdout.startswith("\ufeff".encode())
    back = _stdin("import", "-", "-o", "-", data=csv.stdout)
    assert back.returncode == 0, back.stderr
    assert loads(back.stdout).departments == loads(data).departments


def test_version_quiet_and_colour_flags() -> None:
    assert run_cli("-V").out.startswith("orgdiff ")
    assert run_cli("-q", "validate", CURRENT).out == ""
    coloured = run_cli("--color", "show", CURRENT)
    assert "\x1b[" in coloured.out
    forced = run_cli("show", CURRENT, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.out
    assert "\x1b[" not in run_cli("--no-color", "show", CURRENT, env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" not in run_cli("show", CURRENT).out  # NO_COLOR from the test environment


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda t: json.loads(t)["schema_version"] == 1),
        ("r.md", lambda t: t.startswith("#")),
        ("r.txt", lambda t: "→" in t and "\x1b" not in t),
    ],
)
def test_output_format_from_the_extension(tmp_path: Path, name: str, check: object) -> None:
    out = tmp_path / name
    assert run_cli("compare", CURRENT, MODEL1, "-o", out).code == 0
    assert check(out.read_text())  # type: ignore[operator]


def test_unknown_output_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("compare", CURRENT, MODEL1, "-o", tmp_path / "r.doc")
    assert result.code == 2 and "cannot tell the report format" in result.err
    pdf = run_cli("compare", CURRENT, MODEL1, "-o", tmp_path / "r.pdf")
    assert pdf.code == 2 and "the decision report is `orgdiff report" in pdf.err


def test_piped_text_is_not_wrapped_and_has_no_trailing_spaces() -> None:
    out = run_cli("compare", CURRENT, MODEL1, env={"COLUMNS": "80"}).out
    assert not any(line != line.rstrip() for line in out.splitlines())
    # a long phrase stays on its line
    assert any(
        "merged: Børn & Familie + Beskæftigelse, Borger & Ydelser → Børn, Familie & Beskæftigelse"
        in line
        or "sammenlagt: Børn & Familie + Beskæftigelse, Borger & Ydelser → Børn, Familie" in line
        for line in out.splitlines()
    )


@pytest.mark.parametrize(("lang", "line"), [("en", "no differences"), ("da", "ingen forskelle")])
def test_a_file_compared_with_itself_is_one_line(lang: str, line: str) -> None:
    assert run_cli("compare", CURRENT, CURRENT, "--lang", lang).out == line + "\n"


def test_validate_takes_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_bytes(CURRENT.read_bytes())
    (tmp_path / "y.yml").write_text("organisation: A\n")
    result = run_cli("validate", tmp_path)
    assert result.code == 2
    assert f"{tmp_path / 'a' / 'x.yaml'}: OK" in result.out
    assert f"{tmp_path / 'y.yml'}:1:1: model: required field is missing" in result.err


def test_plurals_in_danish() -> None:
    out = run_cli("show", CURRENT, "--depth", "1", "--lang", "da").out
    assert not re.search(r"\b1 enheder\b", out) and "+1 enheder" not in out
    model = run_cli("compare", CURRENT, MODEL1, "--lang", "da").out
    assert "1 uændrede" not in model


COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_and_is_in_the_readme(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    examples = result.out.split("Examples:", 1)
    assert len(examples) == 2, f"{command} --help shows no examples"
    assert 2 <= examples[1].count("orgdiff ") + examples[1].count("git ") <= 6
    assert f"orgdiff {command}" in (ROOT / "README.md").read_text(), f"{command} not in README"


# --- configuration ---


def test_init_writes_a_config_and_a_starter_file(tmp_path: Path) -> None:
    assert run_cli("init", tmp_path).code == 0
    current = (tmp_path / "current.yaml").read_text()
    assert current.startswith("# yaml-language-server: $schema=")
    assert run_cli("validate", tmp_path / "current.yaml").code == 0
    assert "[inference]" in (tmp_path / "orgdiff.toml").read_text()
    again = run_cli("init", tmp_path)
    assert again.code == 0 and "exists, left as it is" in again.err


def test_config_is_found_upwards_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "orgdiff.toml").write_text(
        'lang = "da"\n[import.columns]\nparent = "Hører under"\n'
    )
    below = tmp_path / "a" / "b"
    below.mkdir(parents=True)
    for src, name in ((CURRENT, "c.yaml"), (MODEL1, "m.yaml")):  # without their lang: da
        text = src.read_text(encoding="utf-8").replace("\nlang: da\n", "\n")
        (below / name).write_text(text, encoding="utf-8")
    assert "afdelinger" in run_cli("compare", "c.yaml", "m.yaml", cwd=below).out
    assert "departments" in run_cli("compare", "c.yaml", "m.yaml", "--lang", "en", cwd=below).out
    (below / "t.csv").write_text("id;navn;Hører under\nA;Stab;\nB;Løn;A\n")
    result = run_cli("import", "t.csv", cwd=below)
    assert result.code == 0, result.err
    org = loads(result.out)
    assert org.departments[0].units[0].name == "Løn" and org.lang == "da"


def test_pyproject_tool_section_and_bad_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.orgdiff]\nlang = "fr"\n')
    (tmp_path / "c.yaml").write_bytes(CURRENT.read_bytes())
    result = run_cli("show", "c.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"{tmp_path / 'pyproject.toml'}:2:1: lang: must be da or en")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(CURRENT)],
        ["compare", str(CURRENT), str(MODEL1), "--format", "json"],
        ["textconv", str(CURRENT)],
    ],
)
def test_a_command_loads_only_what_it_needs(args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "orgdiff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        timeout=60,
    )
    assert proc.returncode == 0
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    for heavy in ("rich", "graphviz", "orgdiff.charts", "openpyxl", "charset_normalizer"):
        assert heavy not in modules, heavy
    if args[0] != "compare":  # no comparison engine for checking or printing one file
        assert not {"orgdiff.diff", "orgdiff.match", "orgdiff.changes"} & modules
    # an org file is not a scenario: no scenario format, no applying of changes
    assert not {"orgdiff.scenario", "orgdiff.apply"} & modules


COMMANDS = sorted(
    c.name or c.callback.__name__.replace("_", "-")  # type: ignore[union-attr]
    for c in app.registered_commands
)


@pytest.mark.parametrize("command", COMMANDS)
def test_building_only_the_invoked_command_changes_nothing_it_prints(command: str) -> None:
    """main() gives typer only the command named on the line (a fast start); its help, its
    usage errors and the global flags before it read exactly as with the whole app."""
    from typer.testing import CliRunner

    from orgdiff.cli import _invoked

    runner = CliRunner()
    for args in ([command, "--help"], ["--no-color", command, "--no-such-option"]):
        slim = _invoked(args)
        assert slim is not app and [c.callback for c in slim.registered_commands] == [
            c.callback
            for c in app.registered_commands
            if (c.name or c.callback.__name__.replace("_", "-")) == command  # type: ignore[union-attr]
        ]
        whole, one = runner.invoke(app, args), runner.invoke(slim, args)
        assert (one.exit_code, one.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize("args", [[], ["--help"], ["--no-color"], ["no-such-command"], ["--", "x"]])
def test_help_and_unknown_commands_get_the_whole_app(args: list[str]) -> None:
    from orgdiff.cli import _invoked

    assert _invoked(args) is app
    result = run_cli(*args)
    if args == ["no-such-command"]:
        assert result.code == 2 and "No such command" in result.err


def test_validate_reports_duplicate_ids_with_type_errors(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(
        "organisation: A\nmodel: m\ndepartments:\n  - id: x\n    name: D\n    units:\n"
        '      - {id: u, name: U, fte: "4"}\n      - {id: u, name: V}\n  - id: x\n    name: E\n'
    )
    result = run_cli("validate", f.name, cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "m.yaml:7:31: departments[0].units[0].fte: expected a number, got text '4'",
        "m.yaml:8:14: departments[0].units[1].id: duplicate id 'u' "
        "(also at line 7, departments[0].units[0].id)",
        "m.yaml:9:9: departments[1].id: duplicate id 'x' (also at line 4, departments[0].id)",
    ]


def test_error_messages_in_danish(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(
        "organisation: A\nmodel: m\ndepartments:\n  - id: x\n    name: D\n    unit: []\n"
        '    units:\n      - {id: u, name: U, fte: "4,5"}\n  - id: x\n    name: E\n'
    )
    expected = [
        "m.yaml:6:5: departments[0].unit: ukendt felt `unit`; mente du `units`?",
        "m.yaml:8:31: departments[0].units[0].fte: forventede et tal, fik teksten '4,5'; "
        "skriv 4.5 (decimalpunktum, ikke komma)",
        "m.yaml:9:9: departments[1].id: id'et 'x' er brugt to gange (også i linje 4, "
        "departments[0].id)",
    ]
    result = run_cli("validate", f.name, "--lang", "da", cwd=tmp_path)
    assert result.err.splitlines() == expected
    by_locale = run_cli("validate", f.name, cwd=tmp_path, env={"LANG": "da_DK.UTF-8"})
    assert by_locale.err.splitlines() == expected
    (tmp_path / "t.csv").write_text("id;navn;overordnet\nA;Stab;\nB;;Z\n")
    table = run_cli("import", "t.csv", "--lang", "da", cwd=tmp_path)
    assert table.err.splitlines() == [
        "t.csv:3:2: navn: enheden har intet navn",
        "t.csv:3:3: overordnet: ukendt overordnet 'Z': ingen række har det id eller navn",
    ]
    assert run_cli("show", "nope.yaml", "--lang", "da").err == "nope.yaml: filen findes ikke\n"


def test_inference_thresholds_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "orgdiff.toml").write_text("[inference]\nsimilarity = 1.0\n")
    assert run_cli("compare", CURRENT, MODEL1, "--format", "json", cwd=tmp_path).code == 0
    (tmp_path / "orgdiff.toml").write_text("[inference]\nsimilarty = 0.5\n")
    result = run_cli("compare", CURRENT, MODEL1, cwd=tmp_path)
    assert result.code == 2 and "[inference] has no similarty; the thresholds are:" in result.err


_TWO_CHEFS = (
    "organisation: X\nmodel: {model}\n{own}departments:\n"
    "  - {{name: A, chef: Chef A, units: [{{name: U1}}, {{name: U2}}]}}\n"
    "  - {{name: B, chef: Chef B, units: [{{name: U3}}]}}\n"
)
_ONE_CHEF = (
    "organisation: X\nmodel: Ny\ndepartments:\n"
    "  - {name: A, chef: Chef A, units: [{name: U1}, {name: U2}, {name: U3}]}\n"
)


def _cost(folder: Path) -> dict[str, object]:
    result = run_cli("compare", "a.yaml", "b.yaml", "--format", "json", cwd=folder)
    assert result.code == 0, result.err
    cost: dict[str, object] = json.loads(result.out)["cost"]
    return cost


def test_config_chef_post_cost_and_currency_apply_to_files_that_give_none(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_TWO_CHEFS.format(model="Nu", own=""))
    (tmp_path / "b.yaml").write_text(_ONE_CHEF)
    assert _cost(tmp_path) == {"currency": "DKK", "yearly_change": 0, "complete": False}
    (tmp_path / "orgdiff.toml").write_text('chef_post_cost = 900000\ncurrency = "EUR"\n')
    assert _cost(tmp_path) == {"currency": "EUR", "yearly_change": -900000, "complete": True}
    # the same from standard input, in the terminal report
    data = (tmp_path / "b.yaml").read_bytes()
    piped = _stdin("compare", "a.yaml", "-", "--lang", "en", data=data, cwd=tmp_path)
    assert piped.returncode == 0
    assert "Yearly cost change: −0.9 m EUR" in piped.stdout.decode()


def test_a_files_own_cost_and_currency_win_over_the_config(tmp_path: Path) -> None:
    own = "currency: DKK\nchef_post_cost: 1200000\n"
    (tmp_path / "a.yaml").write_text(_TWO_CHEFS.format(model="Nu", own=own))
    (tmp_path / "b.yaml").write_text(_ONE_CHEF.replace("departments:", own + "departments:"))
    (tmp_path / "orgdiff.toml").write_text('chef_post_cost = 900000\ncurrency = "EUR"\n')
    assert _cost(tmp_path) == {"currency": "DKK", "yearly_change": -1200000, "complete": True}


def test_export_writes_only_what_the_file_says(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_TWO_CHEFS.format(model="Nu", own=""))
    (tmp_path / "orgdiff.toml").write_text('chef_post_cost = 900000\ncurrency = "EUR"\n')
    result = run_cli("export", "a.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "900000" not in result.out and "EUR" not in result.out


@pytest.mark.parametrize(
    "setting",
    [
        "chef_post_cost = nan",
        "chef_post_cost = inf",
        "chef_post_cost = -1",
        "chef_post_cost = 1e300",
        'chef_post_cost = "900000"',
        'currency = "ÆØÅ"',
        'currency = "EU1"',
        'currency = "eur"',
    ],
)
def test_bad_cost_settings_are_refused(tmp_path: Path, setting: str) -> None:
    (tmp_path / "a.yaml").write_text(_TWO_CHEFS.format(model="Nu", own=""))
    (tmp_path / "b.yaml").write_text(_ONE_CHEF)
    (tmp_path / "orgdiff.toml").write_text(setting + "\n")
    result = run_cli("compare", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.code == 2
    key = setting.split(" = ")[0]
    assert result.err.startswith(f"{tmp_path / 'orgdiff.toml'}:1:1: {key}: must be"), result.err
    assert "Traceback" not in result.err


def test_textconv_of_standard_input_that_does_not_load_shows_what_came_in() -> None:
    # git may pipe a blob; standard input can be read only once
    data = b"organisation: [broken\nname: \x1b[31mred\n"
    result = _stdin("textconv", "-", data=data)
    assert result.returncode == 0
    assert result.stdout == b"organisation: [broken\nname: \\u001b[31mred\n"


def _renamed_unit_pair(folder: Path) -> None:
    text = (
        "organisation: O\nmodel: {m}\n{b}departments:\n  - name: Skole\n    chef: Skolechef\n"
        "    units:\n      - name: {u}\n      - name: Kontoret\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.yaml").write_text(
        text.format(m="Nu", b="baseline: true\n", u="Skoleafdelingen Nord")
    )
    (folder / "b.yaml").write_text(text.format(m="Ny", b="", u="Skoleafdeling Nord"))


@pytest.mark.parametrize("command", ["report", "render", "compare"])
def test_the_inference_thresholds_reach_every_comparison(tmp_path: Path, command: str) -> None:
    """orgdiff.toml's [inference] and --similarity apply to compare, the report and the charts
    alike: a slight unit rename is a rename by default and a removal + addition at 1.0."""

    def output(folder: Path, *extra: str) -> bytes:
        args = {
            "report": ["report", "a.yaml", "b.yaml", "-o", "out.html"],
            "render": ["render", "--all", ".", "-o", "charts"],
            "compare": ["compare", "a.yaml", "b.yaml", "--format", "json", "-o", "out.json"],
        }[command]
        result = run_cli(*args, *extra, cwd=folder)
        assert result.code == 0, result.err
        made = folder / ("charts/b.diff.svg" if command == "render" else args[-1])
        return made.read_bytes()

    _renamed_unit_pair(plain := tmp_path / "plain")
    _renamed_unit_pair(configured := tmp_path / "configured")
    (configured / "orgdiff.toml").write_text("[inference]\nsimilarity = 1.0\n")
    default, strict = output(plain), output(plain, "--similarity", "1.0")
    assert default != strict
    assert output(configured) == strict
    assert output(configured, "--similarity", "0.75") == default


def test_the_git_diff_driver_uses_the_configured_thresholds(tmp_path: Path) -> None:
    _renamed_unit_pair(plain := tmp_path / "plain")
    _renamed_unit_pair(configured := tmp_path / "configured")
    (configured / "orgdiff.toml").write_text("[inference]\nsimilarity = 1.0\n")
    args = ("git-diff", "o.yaml", "a.yaml", "0" * 40, "100644", "b.yaml", "1" * 40, "100644")
    default, strict = run_cli(*args, cwd=plain), run_cli(*args, cwd=configured)
    assert default.code == strict.code == 0
    assert "Skoleafdeling Nord" in default.out and default.out != strict.out


def test_report_to_standard_output_is_the_same_report(tmp_path: Path) -> None:
    to_file = run_cli("report", CURRENT, MODEL1, "-o", tmp_path / "r.html")
    assert to_file.code == 0, to_file.err
    piped = subprocess.run(
        [sys.executable, "-m", "orgdiff", "report", str(CURRENT), str(MODEL1), "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert piped.returncode == 0 and not (tmp_path / "-").exists()
    assert piped.stdout == (tmp_path / "r.html").read_bytes()
