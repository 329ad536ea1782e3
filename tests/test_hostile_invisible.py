"""Names a reader cannot see: only zero-width joiners, bidi controls or combining marks.

Such a name passed validation (it is not spaces) and then broke every chart and the report
(``dot failed: syntax error ... <B></B>``: the chart's escaping rightly drops invisible
characters, leaving an empty label), a valid-looking file that could not be drawn. A name or
title must have at least one visible character — in org files, in scenario operations and in
imported tables, each reported at its own line. Names that mix visible text with joiners and
marks (é as e + U+0301, Devanagari, Arabic, emoji families) stay valid and chart fine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdiff.load import loads_structure

from .conftest import ORGS, run_cli

INVISIBLE = {
    "zero-width joiner": "\\u200d",
    "zero-width space": "\\u200b\\u200b",
    "combining marks": "\\u0301\\u0302\\u0303",
    "bidi override": "\\u202e",
    "bidi isolates": "\\u2066\\u2069",
    "mixed": "\\u200d\\u0301 \\u2060",
}


def org(dept: str, unit: str, title: str = "Chef") -> str:
    return (
        "organisation: O\nmodel: M\ndepartments:\n"
        f'  - name: "{dept}"\n    chef: "{title}"\n    units:\n      - name: "{unit}"\n'
    )


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_name_is_refused_at_its_line(tmp_path: Path, text: str) -> None:
    f = tmp_path / "o.yaml"
    f.write_text(org(text, "Løn", title=text), encoding="utf-8")
    result = run_cli("validate", f.name, cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        "o.yaml:4:11: departments[0].name: must not be blank: it has no visible character, "
        "only invisible or combining ones",
        "o.yaml:5:11: departments[0].chef.title: must not be blank: it has no visible character, "
        "only invisible or combining ones",
    ]
    danish = run_cli("validate", f.name, "--lang", "da", cwd=tmp_path)
    assert "må ikke være blank: det har intet synligt tegn" in danish.err


@pytest.mark.parametrize(
    "name",
    [
        "e\\u0301",
        "हिन्दी",
        "\\u0627\\u0644\\u0639\\u0631\\u0628\\u064a\\u0629",
        "a\\u200db",
        "👨‍👩‍👧",
    ],
)
def test_visible_names_with_joiners_and_marks_stay_valid_and_chart(
    tmp_path: Path, name: str
) -> None:
    before, after = tmp_path / "b.yaml", tmp_path / "a.yaml"
    before.write_text(org("Stab", "Løn"), encoding="utf-8")
    after.write_text(org(name, name), encoding="utf-8")
    loads_structure(after.read_text(encoding="utf-8"), "a.yaml")
    result = run_cli("compare", before, after, "--chart", tmp_path / "c.svg", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "c.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_a_scenario_cannot_rename_to_an_invisible_name(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_bytes((ORGS / "current.yaml").read_bytes())
    sc = tmp_path / "m.scenario.yaml"
    sc.write_text(
        'base: base.yaml\nmodel: M\nchanges:\n  - rename: IT & Digitalisering\n    to: "\\u200d"\n'
    )
    result = run_cli("apply", sc.name, cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("m.scenario.yaml:5:9: changes[0].to: must not be blank")


def test_an_imported_invisible_name_is_refused_at_its_cell(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id;name;parent\nA;Stab;\nB;\u200d;A\n", encoding="utf-8")
    result = run_cli("import", "t.csv", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("t.csv:3:2: name: must not be blank")


def test_composed_and_decomposed_names_are_the_same_name(tmp_path: Path) -> None:
    """Søndergård with a composed å and with a + U+030A (macOS, some HR exports): one name.

    Before, every such unit was reported "renamed" to a name that looks exactly the same, and
    ``--exit-code`` said the structures differ.
    """
    import unicodedata

    composed = org("Børn & Unge", "Børnehaven Søndergård", title="Chef for Børn & Unge")
    (tmp_path / "nfc.yaml").write_text(composed, encoding="utf-8")
    (tmp_path / "nfd.yaml").write_text(unicodedata.normalize("NFD", composed), encoding="utf-8")
    assert composed != unicodedata.normalize("NFD", composed)
    result = run_cli("compare", "nfc.yaml", "nfd.yaml", "--exit-code", cwd=tmp_path)
    assert (result.code, result.out) == (0, "no differences\n"), result.out
    s = loads_structure((tmp_path / "nfd.yaml").read_text(encoding="utf-8"), "nfd.yaml")
    assert s.org.departments[0].units[0].name == "Børnehaven Søndergård"  # composed
