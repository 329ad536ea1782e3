"""``orgdiff compare`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import ORGS, ROOT, run_cli

CUR, M1, M2 = (ORGS / f"{n}.yaml" for n in ("current", "model1", "model2"))


def test_terminal_report_in_danish_by_the_files_lang() -> None:
    result = run_cli("compare", CUR, M1)
    assert result.code == 0, result.err
    summary = (
        "7 → 6 afdelinger · 1 sammenlægning · 1 enhed flyttet · 1 ny enhed · "
        "chefstillinger 7 → 6 · −0,35 mio. DKK/år"
    )
    assert summary in " ".join(result.out.split())
    assert "→ Erhverv: Beskæftigelse, Borger & Ydelser → Økonomi & Stab" in result.out


def test_terminal_report_in_english() -> None:
    result = run_cli("compare", CUR, M1, "--lang", "en")
    assert "7 → 6 departments · 1 merge · 1 unit moved" in result.out
    assert "Yearly cost change: −0.35 m DKK" in result.out


def test_several_models_end_with_a_side_by_side_table() -> None:
    result = run_cli("compare", CUR, M1, M2, "--lang", "en")
    assert result.code == 0
    table = result.out.split("Models side by side")[1]
    assert "Chef posts" in table and "−0.35 m DKK" in table and "0 DKK" in table


def test_exit_code_like_git_diff() -> None:
    assert run_cli("compare", CUR, M1, "--exit-code").code == 1
    assert run_cli("compare", CUR, CUR, "--exit-code").code == 0
    assert run_cli("compare", CUR, M1).code == 0


def test_json_is_the_contract_and_byte_identical() -> None:
    first = run_cli("compare", CUR, M1, "--format", "json")
    second = run_cli("compare", CUR, M1, "--format", "json")
    assert first.code == 0 and first.out == second.out
    data = json.loads(first.out)
    assert data["schema_version"] == 1
    for side in ("before", "after"):
        assert {"organisation", "model", "departments", "units", "chef_posts", "fte"} <= set(
            data[side]
        )
    assert set(data["departments"]) >= {"kept", "renamed", "merged", "split", "added", "removed"}
    assert set(data["units"]) >= {"moved", "added", "removed", "renamed", "reparented"}
    assert data["departments"]["merged"][0]["from"] == ["bf", "bby"]
    assert data["departments"]["merged"][0]["into"] == "bfb"
    moved = data["units"]["moved"][0]
    assert (moved["id"], moved["from"], moved["to"]) == ("erhverv", "bby", "oes")
    assert moved["path_before"] == ["Beskæftigelse, Borger & Ydelser", "Erhverv"]
    chef = data["chef_posts"]
    assert (chef["before"], chef["after"], len(chef["removed"])) == (7, 6, 1)
    assert data["cost"]["yearly_change"] == -350000
    assert len(data["leader_posts"]["added"]) == 1
    assert {"before", "after"} <= set(data["balance"])
    assert "fte_cv" in data["balance"]["after"]["spread"]


def test_json_of_several_models() -> None:
    data = json.loads(run_cli("compare", CUR, M1, M2, "-f", "json").out)
    assert [c["after"]["departments"] for c in data["comparisons"]] == [6, 7]


def test_markdown_to_a_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "notes" / "model1.md"
    result = run_cli("compare", CUR, M1, "-f", "markdown", "-o", out)
    assert result.code == 0 and result.out == ""
    text = out.read_text()
    assert text.startswith("## Albertslund Kommune: Nuværende organisering → Model 1")
    assert text == run_cli("compare", CUR, M1, "-f", "markdown").out
    assert [p.name for p in out.parent.iterdir()] == ["model1.md"]  # no temp file left


def test_text_report_to_a_file_has_no_colour(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = run_cli("compare", CUR, M2, "-o", out, env={"FORCE_COLOR": "1"})
    assert result.code == 0
    assert "\x1b" not in out.read_text() and "Modellerne" not in out.read_text()


def test_a_failed_load_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old")
    result = run_cli(
        "compare", CUR, ROOT / "tests/invalid/wrong_types.yaml", "-f", "json", "-o", out
    )
    assert result.code == 2
    assert "wrong_types.yaml:7:14: departments[0].units[0].fte" in result.err
    assert out.read_text() == "old"


def test_costs_in_different_currencies_are_refused(tmp_path: Path) -> None:
    eur = tmp_path / "eur.yaml"
    eur.write_text(CUR.read_text().replace("currency: DKK", "currency: EUR"))
    result = run_cli("compare", CUR, eur)
    assert result.code == 2
    assert result.err == "cannot compare costs in DKK with costs in EUR: use one currency\n"


def test_compare_needs_two_files() -> None:
    result = run_cli("compare", CUR)
    assert result.code == 2 and "Missing argument" in result.err
