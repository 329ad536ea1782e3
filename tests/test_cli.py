"""The command line surface: help everywhere, version, show, schema, NO_COLOR."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from orgdiff import __version__

from .conftest import ORGS, ROOT, run_cli


def _commands() -> list[str]:
    from orgdiff.cli import app

    return sorted(
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    )


COMMANDS = _commands()


def test_version() -> None:
    result = run_cli("--version")
    assert (result.code, result.out) == (0, f"orgdiff {__version__}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert "Usage:" in result.out and command in result.out


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    top = run_cli("--help").out
    for command in COMMANDS:
        assert command in top
        assert f"orgdiff {command}" in readme, command


def test_validate_ok_line_per_file() -> None:
    result = run_cli("validate", *(ORGS / f"{n}.yaml" for n in ("current", "model1", "model2")))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert lines[1].endswith("model1.yaml: OK (6 afdelinger, 68 enheder)")


def test_show_prints_the_tree_in_danish_and_english() -> None:
    da = run_cli("show", ORGS / "current.yaml")
    assert da.code == 0, da.err
    assert "7 afdelinger · 67 enheder · 2.031 årsværk · 7 chefstillinger" in da.out
    assert "Erhverv · Erhvervschef · 4 årsværk" in da.out
    en = run_cli("show", ORGS / "current.yaml", "--lang", "en")
    assert "7 departments · 67 units · 2,031 FTE · 7 chef posts" in en.out
    assert "\x1b[" not in da.out + en.out  # NO_COLOR and no terminal: plain text


def test_show_depth_collapses_deeper_levels() -> None:
    result = run_cli("show", ORGS / "current.yaml", "--depth", "1", "--lang", "en")
    assert result.code == 0
    assert "+24 units" in result.out  # Dagtilbud og Skole
    assert "Egelundskolen" not in result.out


def test_show_colours_unless_no_color() -> None:
    coloured = run_cli(
        "show",
        ORGS / "current.yaml",
        env={"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"},
    )
    assert "\x1b[" in coloured.out


def test_names_cannot_inject_markup_or_escapes(tmp_path: object) -> None:
    from pathlib import Path

    f = Path(str(tmp_path)) / "x.yaml"
    f.write_text(
        'organisation: "[bold]A[/bold]"\nmodel: m\ndepartments:\n'
        '  - name: "Evil \\e[31mred\\e[0m [link=x]y[/link]"\n'
    )
    result = run_cli("show", f)
    assert result.code == 0, result.err
    assert "[bold]A[/bold]" in result.out
    assert "\x1b" not in result.out and "\\u001b[31mred" in result.out


def test_schema_matches_the_shipped_file_and_accepts_the_bundled_files() -> None:
    result = run_cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema == json.loads((ROOT / "schema" / "orgdiff.schema.json").read_text())
    for name in ("current", "model1", "model2"):
        data = yaml.safe_load((ORGS / f"{name}.yaml").read_text())
        data["date"] = data["date"].isoformat()
        jsonschema.validate(data, schema)
    bad = {"organisation": "A", "model": "m", "departments": [{"name": "X", "unit": []}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_show_has_a_line_per_department_and_unit() -> None:
    from orgdiff import load_structure
    from orgdiff.render.show import render, tree_lines

    s = load_structure(ORGS / "model1.yaml")
    lines = list(render(tree_lines(s, "en"), None))
    assert len(lines) == 2 + len(s.depts) + len(s.units)
    assert lines[2].startswith("├── Økonomi & Stab") and lines[-1].startswith("    └── ")
    layer = next(i for i, line in enumerate(lines) if "Dagtilbudsområdet" in line)
    assert lines[layer + 1].startswith("│   │   ├── Dagplejen")
    collapsed = list(render(tree_lines(s, "en", depth=2), None))
    assert "│   ├── Dagtilbudsområdet · Dagtilbudschef · 1 FTE" in collapsed
    assert "│   │   └── +16 units" in collapsed
