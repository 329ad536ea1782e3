"""Golden files per case: tests/cases/<case>/expected.{json,md,txt} and the charts' DOT text.

A case is ``before.yaml`` + ``after.yaml``, or a ``files`` list of paths from the repository root
(baseline first). Regenerate on purpose with ``make golden`` and review the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from orgdiff import build, load
from orgdiff.diff import compare
from orgdiff.i18n import Lang
from orgdiff.render import graphviz, markdown, terminal
from orgdiff.render import json as json_out

from .conftest import ROOT

CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())


def case_files(case: Path) -> list[Path]:
    if (case / "files").exists():
        return [ROOT / line for line in (case / "files").read_text().split()]
    return [case / "before.yaml", case / "after.yaml"]


def rendered(case: Path) -> dict[str, str]:
    base, *models = (load(p) for p in case_files(case))
    diffs = [compare(base, m) for m in models]
    lang: Lang = base.lang or "en"
    charts = {"expected.org.dot": graphviz.org_chart(build(base), lang)}
    if len(models) == 1:
        charts["expected.diff.dot"] = graphviz.diff_chart(
            build(models[0]), diffs[0], lang, before=build(base)
        )
        charts["expected.flow.dot"] = graphviz.flow_chart(diffs[0], lang)
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, legacy_windows=False).print(
        terminal.report(diffs, lang)
    )
    return {
        "expected.json": json_out.to_json(diffs),
        "expected.md": markdown.report(diffs, lang),
        "expected.txt": buffer.getvalue(),
        **charts,
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    for name, text in rendered(case).items():
        expected = case / name
        if os.environ.get("ORGDIFF_REGEN"):
            expected.write_text(text)
        assert expected.exists(), f"{expected} missing: run `make golden`"
        assert text == expected.read_text(), f"{case.name}/{name} differs: run `make golden`"


def test_output_is_deterministic() -> None:
    for case in CASES:
        assert rendered(case) == rendered(case)
