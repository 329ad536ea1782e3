"""Names written to run script, opened in a real browser (headless Chromium).

Every name, title, note, the organisation, the model and ``--date`` carry payloads that would
change ``document.title`` or add an element if any of them ran: ``<img onerror>``, ``<svg
onload>``, ``</script><script>``, ``</title>``, comment and CDATA breakouts, a ``javascript:``
link, ``<iframe srcdoc>``, ``<base>`` and ``<meta refresh>``. The decision report (HTML with
inline SVG) and the standalone diff and flow SVGs are loaded with script on; the page's title
stays what orgdiff wrote and no injected element exists in the DOM the browser built.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from .browser import chromium
from .conftest import run_cli

RUN = "document.title='PWNED'"
PAYLOADS = [
    f'<img src=x onerror="{RUN}">',
    f'"><img src=x onerror={RUN}>',
    f"</script><script>{RUN}</script>",
    f'<svg onload="{RUN}"/>',
    f"--><img src=x onerror={RUN}><!--",
    f"]]><img src=x onerror={RUN}>",
    f"<a href=javascript:{RUN}>x</a>",
    f"<iframe srcdoc='<script>parent.{RUN}</script>'></iframe>",
    f"</title><script>{RUN}</script>",
    f"x' onmouseover='{RUN}",
    "<base href='http://evil.invalid/'>",
    "<meta http-equiv=refresh content='0;url=http://evil.invalid/'>",
    f"<math><mtext></table><img src=x onerror={RUN}>",
]


def org(model: str, payloads: list[str]) -> str:
    q = json.dumps
    units = "".join(
        f"      - {{name: {q(p)}, leader: {q(p)}, fte: 1, notes: {q(p)}}}\n" for p in payloads
    )
    return (
        f"organisation: {q(PAYLOADS[0])}\nmodel: {q(model + PAYLOADS[2])}\n"
        f"source: {q(PAYLOADS[3])}\nnotes: {q(PAYLOADS[1])}\nchef_post_cost: 1000\n"
        f"departments:\n  - name: {q(payloads[0])}\n    chef: {q(PAYLOADS[8])}\n"
        f"    notes: {q(PAYLOADS[9])}\n    units:\n{units}"
        f"  - name: {q(PAYLOADS[10])}\n    units:\n      - name: {q(PAYLOADS[11])}\n"
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("inject")
    (tmp / "b.yaml").write_text(org("før", PAYLOADS[:7]), encoding="utf-8")
    (tmp / "a.yaml").write_text(org("efter", PAYLOADS[4:]), encoding="utf-8")
    out = {"report": tmp / "r.html", "diff": tmp / "d.svg", "flow": tmp / "f.svg"}
    result = run_cli(
        "report", tmp / "b.yaml", tmp / "a.yaml", "-o", out["report"], "--date", PAYLOADS[2]
    )
    assert result.code == 0, result.err
    result = run_cli(
        "compare", tmp / "b.yaml", tmp / "a.yaml", "--chart", out["diff"], "--flow", out["flow"]
    )
    assert result.code == 0, result.err
    return out


@pytest.mark.parametrize("page", ["report", "diff", "flow"])
def test_no_name_runs_as_script_in_a_browser(
    pages: dict[str, Path], page: str, tmp_path: Path
) -> None:
    written = pages[page].read_text(encoding="utf-8")
    dom = chromium(pages[page], tmp_path, "--virtual-time-budget=3000", "--dump-dom").stdout
    assert "PWNED" in written  # the payloads are there, as text
    before = re.search(r"<title>(.*?)</title>", written, re.S)
    after = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert before is not None and after is not None
    # A payload that ran would have set the title to exactly PWNED.
    assert html.unescape(after.group(1)) == html.unescape(before.group(1)) != "PWNED"
    for element in ("<img", "<iframe", "<base", "<meta http-equiv", "<math", '<a href="javascript'):
        assert element not in dom, element
    assert dom.count("<script") == written.count("<script")  # only orgdiff's own
