"""The decision report's style (screen and A4 print) and its small optional script."""

from __future__ import annotations

from ..i18n import Lang, t
from .text import clean


def css_string(s: str) -> str:
    """Text as a quoted CSS string: everything but letters, digits and spaces hex-escaped."""
    return (
        '"'
        + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}" for ch in clean(s))
        + '"'
    )


def css(organisation: str, date: str | None, lang: Lang) -> str:
    """The page's style; the running header carries the organisation and the date."""
    top_right = css_string(date) if date else '""'
    page_word, of_word = css_string(t("rp_page", lang)), css_string(t("rp_of", lang))
    pages = f'{page_word} " " counter(page) " " {of_word} " " counter(pages)'
    small = "font:8pt 'DejaVu Sans',sans-serif;color:#555"
    return (
        _STYLE
        + "@page{size:A4;margin:18mm 15mm 16mm 15mm;"
        + f"@top-left{{content:{css_string(organisation)};{small}}}"
        + f"@top-right{{content:{top_right};{small}}}"
        + f"@bottom-right{{content:{pages};{small}}}}}"
    )


_STYLE = (
    ":root{color-scheme:light}"
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;font-size:11pt;line-height:1.4;"
    "color:#1a1a1a;background:#fff;max-width:70rem;margin:0 auto;padding:1rem 1.5rem}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin-top:2rem;"
    "border-bottom:2px solid #0072b2;padding-bottom:.2rem}"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}"
    "table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}"
    "caption{text-align:left;font-weight:bold;padding:.2rem 0;color:#333}"
    "th,td{border:1px solid #bbb;padding:.2rem .5rem;vertical-align:top;text-align:left}"
    "thead th{background:#e8f1f8}.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".overview td,.overview thead th{text-align:right}"
    ".summary{font-weight:bold}.what li{margin:.2rem 0}"
    "figure.chart{margin:.5rem 0 1rem;border:1px solid #ddd;padding:.5rem}"
    "figure.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}"
    "figcaption{font-size:.85rem;color:#333;margin-top:.4rem}"
    ".side-by-side{display:flex;flex-wrap:wrap;gap:1.5rem}"
    "details{margin:.5rem 0}summary{cursor:pointer;font-weight:bold}"
    ".search{margin:.5rem 0}.search input{font:inherit;padding:.2rem .4rem}"
    "tr.hit{background:#fff3b0}"
    "a{color:#0050a0}footer{margin-top:2rem;font-size:.8rem;color:#555}"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}"
    ".model{break-before:page}h2,h3{break-after:avoid}"
    ".chart-block,figure.chart{break-inside:avoid}figure.chart{border:0;padding:0}"
    "figure.chart svg{max-height:190mm}"
    "tr{break-inside:avoid}thead{display:table-header-group}"
    ".search,.all-units,footer{display:none}"
    "a{color:inherit;text-decoration:none}}"
)

# Optional: show the search box and filter the unit lists. Without JavaScript the page is whole.
SCRIPT = (
    "(function(){var box=document.getElementById('unit-search');if(!box)return;box.hidden=false;"
    "var q=document.getElementById('unit-query'),out=document.getElementById('unit-hits');"
    "q.addEventListener('input',function(){var s=q.value.trim().toLowerCase(),n=0;"
    "document.querySelectorAll('tr[data-unit]').forEach(function(tr){"
    "var hit=s!==''&&tr.getAttribute('data-unit').indexOf(s)>=0;tr.classList.toggle('hit',hit);"
    "tr.hidden=s!==''&&!hit;if(hit)n++;});"
    "document.querySelectorAll('details.all-units').forEach(function(d){d.open=s!=='';});"
    "out.textContent=s===''?'':String(n);});})();"
)
