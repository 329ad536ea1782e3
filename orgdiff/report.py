"""The decision report: compare a baseline with each model and present all of it on one page.

The library side of ``orgdiff report``. It computes the comparisons, the change lists and the
charts' SVG (with the real ``dot``), then hands them to :mod:`orgdiff.render.html`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .changelist import change_list
from .diff import compare
from .errors import OrgdiffError
from .i18n import Lang
from .match import DEFAULT, Thresholds
from .render.graphviz import diff_chart, flow_chart, render
from .render.html import ModelPart, Report, page
from .structure import Structure
from .summary import what_changes


class PdfUnavailable(OrgdiffError):
    """``--format pdf`` without the HTML-to-PDF library."""

    def __init__(self) -> None:
        super().__init__(
            "--format pdf needs WeasyPrint: pip install 'orgdiff[pdf]' (it uses the system's "
            "Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0); or write .html "
            "and print it from a browser"
        )


def _svg(source: str) -> str:
    return render(source, "svg").decode("utf-8")


def model_part(
    before: Structure, after: Structure, lang: Lang, thresholds: Thresholds = DEFAULT
) -> ModelPart:
    d = compare(before, after, thresholds=thresholds)
    return ModelPart(
        diff=d,
        sentences=what_changes(d, lang, before, after),
        diff_svg=_svg(diff_chart(after, d, lang, before=before)),
        flow_svg=_svg(flow_chart(d, lang)),
        rows=change_list(d, before, after),
    )


def report_html(
    before: Structure,
    models: Sequence[Structure],
    lang: Lang,
    date: str | None = None,
    thresholds: Thresholds = DEFAULT,
) -> str:
    """The whole report as HTML text (the same inputs give the same bytes); ``thresholds`` are
    the comparison's, as for ``compare``."""
    parts = tuple(model_part(before, s, lang, thresholds) for s in models)
    return page(Report(before.org.organisation, before.org.model, date, parts), lang)


def html_to_pdf(text: str) -> bytes:
    """The report printed to PDF by WeasyPrint (the ``pdf`` extra)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # OSError: the library is there, Pango is not
        raise PdfUnavailable() from None
    pdf: bytes = HTML(string=text).write_pdf()
    return pdf
