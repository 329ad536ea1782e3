"""Every kind of bad input gets one clear message per problem and exit code 2, no traceback.

Each ``tests/invalid/NAME.yaml`` has its exact expected stderr in ``NAME.err``.
Regenerate on purpose with ``make golden`` and review the diff.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from orgdiff import InputError, load

from .conftest import ROOT, golden_refusal, run_cli

INVALID = ROOT / "tests" / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


def test_every_case_has_expected_output() -> None:
    assert len(CASES) >= 12
    for name in CASES:
        assert (INVALID / f"{name}.err").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_invalid_file_message_and_exit_code(name: str) -> None:
    golden_refusal(INVALID, f"{name}.yaml", name)


def test_each_problem_is_file_line_col_field_message() -> None:
    err = (INVALID / "wrong_types.err").read_text().splitlines()
    assert err == [
        "wrong_types.yaml:7:14: departments[0].units[0].fte: expected a number, got text 'four'",
        "wrong_types.yaml:9:14: departments[0].units[1].fte: must be 0 or more, got -2",
        "wrong_types.yaml:11:14: departments[0].units[2].fte: expected a number, got text '4,5';"
        " write 4.5 (a decimal point, not a comma)",
        "wrong_types.yaml:12:15: departments[0].units[3].name: expected text, got the number 2026"
        " (put text in quotes)",
    ]


def test_unknown_key_suggests_the_right_one() -> None:
    err = (INVALID / "unknown_keys.err").read_text()
    assert "unknown field `unit`; did you mean `units`?" in err
    assert "unknown field `chief`; did you mean `chef`?" in err


def test_duplicate_id_names_both_places() -> None:
    err = (INVALID / "duplicate_ids.err").read_text()
    assert err.startswith("duplicate_ids.yaml:12:13: departments[1].units[0].id:")
    assert "also at line 7, departments[0].units[0].id" in err


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.monotonic()
    with pytest.raises(InputError) as e:
        load(INVALID / "billion_laughs.yaml")
    assert time.monotonic() - start < 5
    assert "alias '*l0'" in str(e.value)


def test_self_referencing_alias_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "loop.yaml"
    f.write_text("organisation: A\nmodel: m\nx: &a [*a]\ndepartments: [{name: X}]\n")
    with pytest.raises(InputError, match=r"loop.yaml:3:\d+: YAML alias '\*a'"):
        load(f)


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes("organisation: A\nmodel: m\ndepartments:\n  - name: Børn\n".encode("latin-1"))
    result = run_cli("validate", f.name, cwd=tmp_path)
    assert result.code == 2
    assert result.err == "latin1.yaml:4:12: not UTF-8 text (byte 0xf8); save the file as UTF-8\n"


def test_missing_path_and_directory(tmp_path: Path) -> None:
    result = run_cli("validate", "nope.yaml", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "nope.yaml: no such file\n.: is a directory, not an org file\n"


def test_show_and_compare_load_through_the_same_validation() -> None:
    result = run_cli("show", "wrong_types.yaml", cwd=INVALID)
    assert result.code == 2
    assert result.err == (INVALID / "wrong_types.err").read_text()


def test_validate_reports_every_file_and_fails_if_any_fails() -> None:
    result = run_cli("validate", ROOT / "orgs/albertslund/current.yaml", INVALID / "empty.yaml")
    assert result.code == 2
    assert "current.yaml: OK (7 afdelinger, 67 enheder)" in result.out
    assert "empty.yaml:1:1: file is empty" in result.err


def test_max_depth_can_be_raised() -> None:
    assert run_cli("validate", "too_deep.yaml", cwd=INVALID).code == 2
    result = run_cli("validate", "--max-depth", "100", "too_deep.yaml", cwd=INVALID)
    assert result.code == 0, result.err


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbforganisation: A\r\nmodel: m\r\ndepartments:\r\n  - name: X\r\n")
    assert load(f).departments[0].name == "X"


def test_impossible_date_is_a_field_error(tmp_path: Path) -> None:
    f = tmp_path / "date.yaml"
    f.write_text("organisation: A\nmodel: m\ndate: 2026-13-01\ndepartments: [{name: X}]\n")
    with pytest.raises(InputError) as e:
        load(f)
    assert e.value.lines() == [
        f"{f}:3:7: date: expected a date like 2026-05-11, got text '2026-13-01'"
    ]
