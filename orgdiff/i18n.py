"""Every human-readable word orgdiff prints, in English and Danish, and number formatting.

One catalogue for the terminal, the reports and the charts (keys ``chart_*``). Plurals and
numbers follow CLDR's rules through Babel: ``plural("n_units", 1, "da")`` is ``1 enhed``, never
``1 enheder``; ``number(1234.5, "da")`` is ``1.234,5``. Babel is loaded on first use only.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "da"]
LANGS: tuple[Lang, ...] = ("en", "da")

_WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Danish)
    "department": ("department", "afdeling"),
    "departments": ("departments", "afdelinger"),
    "unit": ("unit", "enhed"),
    "units": ("units", "enheder"),
    "fte": ("FTE", "årsværk"),
    "chef": ("chef", "chef"),
    "chef_post": ("chef post", "chefstilling"),
    "chef_posts": ("chef posts", "chefstillinger"),
    "leader_post": ("leader post", "lederstilling"),
    "leader_posts": ("leader posts", "lederstillinger"),
    "no_chef": ("no chef post", "ingen chefstilling"),
    "valid": ("OK", "OK"),
    # compare
    "merge": ("merge", "sammenlægning"),
    "merges": ("merges", "sammenlægninger"),
    "split": ("split", "opdeling"),
    "splits": ("splits", "opdelinger"),
    "rename": ("rename", "omdøbning"),
    "renames": ("renames", "omdøbninger"),
    "dept_added": ("department added", "ny afdeling"),
    "depts_added": ("departments added", "nye afdelinger"),
    "dept_removed": ("department removed", "nedlagt afdeling"),
    "depts_removed": ("departments removed", "nedlagte afdelinger"),
    "unit_moved": ("unit moved", "enhed flyttet"),
    "units_moved": ("units moved", "enheder flyttet"),
    "unit_added": ("unit added", "ny enhed"),
    "units_added": ("units added", "nye enheder"),
    "unit_removed": ("unit removed", "nedlagt enhed"),
    "units_removed": ("units removed", "nedlagte enheder"),
    "no_changes": ("no differences", "ingen forskelle"),
    "per_year": ("/year", "/år"),
    "h_departments": ("Departments", "Afdelinger"),
    "h_units": ("Units", "Enheder"),
    "h_posts": ("Posts and cost", "Stillinger og økonomi"),
    "h_balance": ("Balance", "Balance"),
    "h_models": ("Models side by side", "Modellerne side om side"),
    "merged_into": ("merged", "sammenlagt"),
    "split_into": ("split", "opdelt"),
    "renamed": ("renamed", "omdøbt"),
    "kept": ("kept", "uændret"),
    "added": ("added", "ny"),
    "removed": ("removed", "nedlagt"),
    "moved": ("moved", "flyttet"),
    "reparented": ("now under {parent}", "nu under {parent}"),
    "reparented_root": ("now directly under the chef", "nu direkte under chefen"),
    "n_units_in": ("{n} units in {dept}", "{n} enheder i {dept}"),
    "fte_changed": ("FTE changed", "ændrede årsværk"),
    "chef_posts_cap": ("Chef posts", "Chefstillinger"),
    "leader_posts_cap": ("Leader posts", "Lederstillinger"),
    "cost_change": ("Yearly cost change", "Årlig udgiftsændring"),
    "cost_parts": (
        "chef posts {chefs}, leader posts {leaders}",
        "chefstillinger {chefs}, lederstillinger {leaders}",
    ),
    "cost_incomplete": (
        "some added or removed posts have no cost in the files",
        "nogle oprettede eller nedlagte stillinger har ingen udgift i filerne",
    ),
    "no_cost": ("no cost given", "ingen udgift angivet"),
    "before": ("Before", "Før"),
    "after": ("After", "Efter"),
    "col_department": ("Department", "Afdeling"),
    "col_units": ("Units", "Enheder"),
    "col_fte": ("FTE", "Årsværk"),
    "col_span": ("Span", "Ledelsesspænd"),
    "col_depth": ("Depth", "Dybde"),
    "fte_cv": (
        "FTE spread (coefficient of variation)",
        "Spredning i årsværk (variationskoefficient)",
    ),
    "fte_ratio": ("Largest / smallest department (FTE)", "Største / mindste afdeling (årsværk)"),
    "units_cv": (
        "Unit spread (coefficient of variation)",
        "Spredning i enheder (variationskoefficient)",
    ),
    "units_ratio": (
        "Largest / smallest department (units)",
        "Største / mindste afdeling (enheder)",
    ),
    "lower_is_even": ("lower is more even", "lavere er mere jævnt"),
    "row_departments": ("Departments", "Afdelinger"),
    "row_chef_posts": ("Chef posts", "Chefstillinger"),
    "row_leader_posts": ("Leader posts", "Lederstillinger"),
    "row_moved": ("Units moved", "Enheder flyttet"),
    "row_merges": ("Merges", "Sammenlægninger"),
    "row_splits": ("Splits", "Opdelinger"),
    "row_renames": ("Renamed departments", "Omdøbte afdelinger"),
    "row_units_added": ("Units added / removed", "Nye / nedlagte enheder"),
    "row_cost": ("Yearly cost change", "Årlig udgiftsændring"),
    "row_fte_cv": ("FTE spread (CV)", "Spredning i årsværk (CV)"),
    "row_fte_ratio": ("Largest / smallest (FTE)", "Største / mindste (årsværk)"),
    "row_units_cv": ("Unit spread (CV)", "Spredning i enheder (CV)"),
    "compare_title": ("{org}: {before} → {after}", "{org}: {before} → {after}"),
    "flow": ("{n} {units}, {fte} FTE", "{n} {units}, {fte} årsværk"),
    "from": ("from {dept}", "fra {dept}"),
    "via": ("matched by {reason}", "genkendt på {reason}"),
    "year": ("year", "år"),
    # the inference's evidence, one phrase per decision
    "why_declared": (
        "declared in the files (id or formerly)",
        "angivet i filerne (id eller formerly)",
    ),
    "why_name_and_most_units": ("same name, {out} of its units", "samme navn, {out} af enhederne"),
    "why_name_and_largest_share": (
        "{name} name, {out} of its units, {inn} of the new",
        "{name} navn, {out} af enhederne, {inn} af den nye",
    ),
    "why_name_only": ("{name} name", "{name} navn"),
    "why_sole_successor": (
        "its only substantial part ({out} of its units)",
        "dens eneste væsentlige del ({out} af enhederne)",
    ),
    "why_substantial_flows": (
        "substantial parts (the smallest is {out} of the department it leaves)",
        "væsentlige dele (den mindste er {out} af afdelingen, den kommer fra)",
    ),
    "name_same": ("same", "samme"),
    "name_similar": ("similar", "lignende"),
    "name_related": ("related", "beslægtet"),
    "ambiguous": (
        "close call: could also be read as {reading}",
        "tæt afgørelse: kan også læses som {reading}",
    ),
    "read_split": ("a split of {before} into {after}", "en opdeling af {before} i {after}"),
    "read_merged": ("a merge of {before} into {after}", "en sammenlægning af {before} til {after}"),
    "read_renamed": ("{before} continuing as {after}", "{before} videreført som {after}"),
    "read_removed": ("{before} removed and {after} added", "{before} nedlagt og {after} oprettet"),
    "continues_in": ("{name} continues in it", "{name} fortsætter heri"),
    "post_changed": ("changed", "ændret"),
    "million": ("m", "mio."),
    # the command line
    "new_file": ("new file", "ny fil"),
    "deleted_file": ("deleted file", "slettet fil"),
    "read_sheet": (
        "read sheet {sheet}, the first with a table of units",
        "læste arket {sheet}, det første med en tabel over enheder",
    ),
}

# Words with a plural: (one, other) per language, chosen by CLDR's plural rule for ``n``.
_PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    # key: ((English one, English other), (Danish one, Danish other))
    "n_units": (("{n} unit", "{n} units"), ("{n} enhed", "{n} enheder")),
    "n_departments": (("{n} department", "{n} departments"), ("{n} afdeling", "{n} afdelinger")),
    "more_units": (("+{n} unit", "+{n} units"), ("+{n} enhed", "+{n} enheder")),
    "kept_n": (
        ("{n} kept as it is", "{n} kept as they are"),
        ("{n} uændret", "{n} uændrede"),
    ),
    "more_lines": (
        ("… and {n} more (see --format json)", "… and {n} more (see --format json)"),
        ("… og {n} mere (se --format json)", "… og {n} mere (se --format json)"),
    ),
}


def choose(option: Lang | None, *file_langs: Lang | None) -> Lang:
    """The language to report in: the option, else the first file's ``lang:``, else English."""
    if option is not None:
        return option
    return next((lang for lang in file_langs if lang is not None), "en")


def t(key: str, lang: Lang, **fields: object) -> str:
    """The word or phrase ``key`` in ``lang``, with ``{fields}`` filled in."""
    en, da = _WORDS[key]
    text = da if lang == "da" else en
    return text.format(**fields) if fields else text


# CLDR's plural rules and number symbols for our languages, as Babel's locale data has them
# (tests/test_i18n.py holds them equal). Kept here so a run need not load a whole locale
# (~30 ms); Babel's PluralRule evaluates the rules.
CLDR_PLURALS: dict[str, dict[str, str]] = {
    "da": {"one": "n in 1 or t not in 0 and i in 0,1"},
    "en": {"one": "i in 1 and v in 0"},
}
CLDR_SYMBOLS: dict[str, tuple[str, str]] = {"da": (".", ","), "en": (",", ".")}  # group, decimal


def plural_form(n: float, lang: Lang) -> str:
    """CLDR's plural category of ``n`` in ``lang``: ``one`` or ``other`` (for da and en)."""
    key = (n, lang)
    form = _FORMS.get(key)
    if form is None:
        rule = _RULES.get(lang)
        if rule is None:
            from babel.plural import PluralRule

            rule = _RULES[lang] = PluralRule(CLDR_PLURALS[lang])
        form = str(rule(abs(n)))
        if len(_FORMS) < 100_000:
            _FORMS[key] = form
    return form


_FORMS: dict[tuple[float, str], str] = {}
_RULES: dict[str, Any] = {}


def plural(key: str, n: float, lang: Lang, **fields: object) -> str:
    """The phrase ``key`` for ``n`` things, in the plural form ``lang`` uses for ``n``;
    ``{n}`` is the number formatted for ``lang``."""
    en, da = _PLURALS[key]
    one, other = da if lang == "da" else en
    text = one if plural_form(n, lang) == "one" else other
    return text.format(n=number(n, lang), **fields)


def count(n: int, singular: str, plural_key: str, lang: Lang) -> str:
    """``1 unit`` / ``3 units``: the word by key, chosen by the language's plural rule."""
    word = singular if plural_form(n, lang) == "one" else plural_key
    return f"{number(n, lang)} {t(word, lang)}"


def number(x: float, lang: Lang, decimals: int | None = None) -> str:
    """1234.5 → ``1,234.5`` (en) or ``1.234,5`` (da); whole numbers without decimals.

    The group and decimal symbols are the language's CLDR ones (as Babel has them);
    the minus is U+2212. Fast enough for a line per unit of a million-unit organisation.
    """
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    return f"{x:,.{decimals}f}".translate(_symbols(lang))


def _symbols(lang: Lang) -> dict[int, str]:
    """``str.translate`` table from Python's ``,`` ``.`` ``-`` to ``lang``'s symbols."""
    table = _SYMBOLS.get(lang)
    if table is None:
        group, decimal = CLDR_SYMBOLS[lang]
        table = _SYMBOLS[lang] = {ord(","): group, ord("."): decimal, ord("-"): "\u2212"}
    return table


_SYMBOLS: dict[str, dict[int, str]] = {}


def money(x: float, currency: str, lang: Lang, signed: bool = False) -> str:
    """A yearly amount the way a memo writes it: ``−1.2 m DKK`` / ``−1,2 mio. DKK``."""
    sign = ("+" if x > 0 else "") if signed else ""
    if abs(x) >= 100_000:
        millions = number(x / 1e6, lang, 2).rstrip("0").rstrip(",.")
        return f"{sign}{millions} {t('million', lang)} {currency}"
    return f"{sign}{number(x, lang, 0)} {currency}"


# Error messages: orgdiff composes them in English where a problem is found; this table gives
# each its Danish wording where it is printed (``--lang da``, orgdiff.toml, or a Danish locale).
# (English pattern, Danish replacement) — re.sub on the message, first match per pattern.
_ERRORS_DA: tuple[tuple[str, str], ...] = (
    (r"no such file$", "filen findes ikke"),
    (r"permission denied$", "ingen adgang"),
    (r"is a directory, not an org file$", "er en mappe, ikke en org-fil"),
    (r"is a directory, not a file$", "er en mappe, ikke en fil"),
    (r"required field is missing", "feltet mangler"),
    (r"unknown field `(.*)`; did you mean `(.*)`\?", r"ukendt felt `\1`; mente du `\2`?"),
    (r"unknown field `(.*)`; allowed: ", r"ukendt felt `\1`; tilladt: "),
    (r"expected a finite number", "forventede et endeligt tal"),
    (r"expected a number", "forventede et tal"),
    (r"expected text", "forventede tekst"),
    (r"expected a list", "forventede en liste"),
    (r"expected a mapping \(key: value\)", "forventede en mapping (nøgle: værdi)"),
    (r"expected a title or \{title", "forventede en titel eller {title"),
    (r"expected true or false", "forventede true eller false"),
    (r"expected a date like", "forventede en dato som"),
    (
        r"expected a 3-letter currency code like DKK",
        "forventede en valutakode på 3 bogstaver som DKK",
    ),
    (r", got text ", ", fik teksten "),
    (r", got the number ", ", fik tallet "),
    (r", got nothing \(an empty value\)", ", fik ingenting (en tom værdi)"),
    (r", got a mapping", ", fik en mapping"),
    (r", got a list", ", fik en liste"),
    (r"\(put text in quotes\)", "(sæt tekst i anførselstegn)"),
    (r"; write (\S+) \(a decimal point, not a comma\)", r"; skriv \1 (decimalpunktum, ikke komma)"),
    (
        r"is not a valid id: use letters, digits and - _ \. : / \(no spaces\)",
        "er ikke et gyldigt id: brug bogstaver, cifre og - _ . : / (ingen mellemrum)",
    ),
    (r"must not be empty", "må ikke være tom"),
    (r"must not be blank", "må ikke være blank"),
    (
        r": it has no visible character, only invisible or combining ones",
        ": det har intet synligt tegn, kun usynlige eller kombinerende tegn",
    ),
    (r"is too long \(at most (\d+) characters\)", r"er for lang (højst \1 tegn)"),
    (r"must be 0 or more, got", "skal være 0 eller mere, fik"),
    (r"must be one of", "skal være en af"),
    (r"duplicate id '(.*)' \(also at line (\d+)", r"id'et '\1' er brugt to gange (også i linje \2"),
    (r"duplicate id '(.*)'$", r"id'et '\1' er brugt to gange"),
    (
        r"not UTF-8 text \(byte (\S+)\); save the file as UTF-8",
        r"ikke UTF-8-tekst (byte \1); gem filen som UTF-8",
    ),
    (r"needs at least one department", "skal have mindst én afdeling"),
    (
        r"units nested more than (\d+) levels deep \(raise the limit with --max-depth\)",
        r"enheder indlejret mere end \1 niveauer (hæv grænsen med --max-depth)",
    ),
    (
        r"is an id in this same file; `formerly` lists ids of the file this one is compared with",
        "er et id i den samme fil; `formerly` nævner id'er i den fil, denne sammenlignes med",
    ),
    (r": file is empty", ": filen er tom"),
    (r"the unit has no name", "enheden har intet navn"),
    (r"the unit has no id", "enheden har intet id"),
    (r"the table is empty", "tabellen er tom"),
    (
        r"unknown parent '(.*)': no row has that id or name",
        r"ukendt overordnet '\1': ingen række har det id eller navn",
    ),
    (
        r"parent '(.*)' is ambiguous: (\d+) units have that name \(lines (.*)\); give the "
        r"parent's id instead",
        r"overordnet '\1' er tvetydig: \2 enheder har det navn (linje \3); angiv den "
        r"overordnedes id i stedet",
    ),
    (r"parents form a cycle:", "de overordnede danner en kreds:"),
    (r"is not a number \(write 12,5 or 12\.5\)", "er ikke et tal (skriv 12,5 eller 12.5)"),
    (r"is too large to be an FTE or a cost", "er for stort til at være årsværk eller en udgift"),
    (
        r"could be a decimal or a whole number; say which with --decimal comma or --decimal point",
        "kan være et decimaltal eller et heltal; sig hvilket med --decimal comma eller "
        "--decimal point",
    ),
    (
        r"a cost belongs to a leader post, and this row has no leader",
        "en udgift hører til en lederstilling, og denne række har ingen leder",
    ),
    (r"is binary data, not a table", "er binære data, ikke en tabel"),
    (
        r"save it from the spreadsheet as 'CSV UTF-8' or as \.xlsx",
        "gem den fra regnearket som 'CSV UTF-8' eller som .xlsx",
    ),
    (r"the sheets are", "arkene er"),
    (r"pick one with --sheet NAME", "vælg et med --sheet NAVN"),
)


def error_text(line: str, lang: Lang) -> str:
    """An error line (``FILE:LINE:COL: field: message``) in ``lang``: English as composed, or
    Danish through the table above (a message it does not know stays English)."""
    if lang != "da":
        return line
    import re

    for pattern, danish in _ERRORS_DA:
        line = re.sub(pattern, danish, line, count=1)
    return line


def env_lang() -> Lang | None:
    """``da`` when the user's locale is Danish (LC_ALL, LC_MESSAGES, LANG), else None."""
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "da" if value.lower().startswith("da") else None
    return None


# --- the decision report and the change list (issue 13) -----------------------------------------
_WORDS.update(
    {
        # change list: columns
        "cl_kind": ("Kind", "Type"),
        "cl_id": ("Id", "Id"),
        "cl_name": ("Name", "Navn"),
        "cl_change": ("Change", "Ændring"),
        "cl_details": ("Also changed", "Også ændret"),
        "cl_id_before": ("Id before", "Id før"),
        "cl_name_before": ("Name before", "Navn før"),
        "cl_dept_before": ("Department before", "Afdeling før"),
        "cl_parent_before": ("Parent before", "Overordnet før"),
        "cl_dept_after": ("Department after", "Afdeling efter"),
        "cl_parent_after": ("Parent after", "Overordnet efter"),
        "cl_leader_before": ("Leader before", "Leder før"),
        "cl_leader_after": ("Leader after", "Leder efter"),
        "cl_fte_before": ("FTE before", "Årsværk før"),
        "cl_fte_after": ("FTE after", "Årsværk efter"),
        "cl_cost_before": ("Yearly cost before", "Årlig udgift før"),
        "cl_cost_after": ("Yearly cost after", "Årlig udgift efter"),
        "cl_sheet": ("Changes", "Ændringer"),
        # change list: values
        "kind_unit": ("unit", "enhed"),
        "kind_chef_post": ("chef post", "chefstilling"),
        "kind_leader_post": ("leader post", "lederstilling"),
        "ch_kept": ("kept", "uændret"),
        "ch_carried": ("carried", "fulgt med"),
        "ch_moved": ("moved", "flyttet"),
        "ch_added": ("added", "ny"),
        "ch_removed": ("removed", "nedlagt"),
        "ch_retitled": ("retitled", "ny titel"),
        "dt_renamed": ("renamed", "omdøbt"),
        "dt_reparented": ("re-parented", "ny overordnet"),
        "dt_fte_changed": ("FTE changed", "årsværk ændret"),
        "dt_recosted": ("cost changed", "udgift ændret"),
        # report
        "rp_title": ("Decision report: {org}", "Beslutningsgrundlag: {org}"),
        "rp_intro": (
            "{n} models compared with {before}.",
            "{n} modeller sammenlignet med {before}.",
        ),
        "rp_intro_one": (
            "One model compared with {before}.",
            "Én model sammenlignet med {before}.",
        ),
        "rp_contents": ("Contents", "Indhold"),
        "rp_overview": ("Overview", "Overblik"),
        "rp_overview_caption": (
            "The models side by side; the first column is today's organisation.",
            "Modellerne side om side; første kolonne er den nuværende organisering.",
        ),
        "rp_figure": ("Figure", "Nøgletal"),
        "rp_what": ("What changes", "Hvad ændres"),
        "rp_diff_chart": ("Diff chart", "Ændringsdiagram"),
        "rp_flow_chart": ("Flow chart", "Flowdiagram"),
        "rp_diff_alt": (
            "Diff chart of {model}: the new structure with its changes marked.",
            "Ændringsdiagram for {model}: den nye struktur med ændringerne markeret.",
        ),
        "rp_flow_alt": (
            "Flow chart of {model}: units from the departments before (left) to after (right).",
            "Flowdiagram for {model}: enheder fra afdelingerne før (venstre) til efter (højre).",
        ),
        "rp_dept_changes": ("Department changes", "Ændringer i afdelinger"),
        "rp_dept_caption": (
            "What happens to each department of today's organisation",
            "Hvad der sker med hver afdeling i den nuværende organisering",
        ),
        "rp_what_happens": ("What happens", "Hvad sker der"),
        "rp_becomes": ("Becomes", "Bliver til"),
        "rp_moved": ("Moved units", "Flyttede enheder"),
        "rp_moved_caption": ("Units that change department", "Enheder der skifter afdeling"),
        "rp_no_moves": ("No unit changes department.", "Ingen enheder skifter afdeling."),
        "rp_from": ("From", "Fra"),
        "rp_to": ("To", "Til"),
        "rp_unit": ("Unit", "Enhed"),
        "rp_other_units": ("Other unit changes", "Andre ændringer af enheder"),
        "rp_posts_caption": ("Posts added and removed", "Oprettede og nedlagte stillinger"),
        "rp_post": ("Post", "Stilling"),
        "rp_where": ("Where", "Hvor"),
        "rp_cost": ("Yearly cost", "Årlig udgift"),
        "rp_no_posts": (
            "No post is added or removed.",
            "Ingen stillinger oprettes eller nedlægges.",
        ),
        "rp_balance_caption": ("Departments {when}", "Afdelinger {when}"),
        "rp_spread_caption": ("Spread over departments", "Spredning over afdelinger"),
        "rp_search": ("Find a unit", "Find en enhed"),
        "rp_units_list": ("All units of {model} ({n})", "Alle enheder i {model} ({n})"),
        "rp_page": ("Page", "Side"),
        "rp_of": ("of", "af"),
        "rp_units_total": ("Units", "Enheder"),
        "rp_fte_total": ("FTE", "Årsværk"),
        "rp_chef_cost": ("of which chef posts", "heraf chefstillinger"),
        "rp_leader_cost": ("of which leader posts", "heraf lederstillinger"),
        "rp_kept": ("kept", "uændret"),
        "rp_made_with": ("Made with orgdiff", "Lavet med orgdiff"),
    }
)


# --- the charts (orgdiff/render/graphviz*.py) and the "what changes" sentences (summary.py) ------
# Every word a chart prints is here (keys chart_*, and wc_* for the sentences of the "what
# changes" panel, which the HTML report shows too); the chart modules keep no words of their own
# (tests/test_chart_words.py holds them to it).
_WORDS.update(
    {
        # the legend of the diff chart
        "chart_legend": ("Legend", "Signaturforklaring"),
        "chart_lg_moved": ("MOVED → moved here (dotted)", "FLYTTET → flyttet hertil (prikket)"),
        "chart_lg_added": (
            "NEW + new unit or post (thick line)",
            "NY + ny enhed eller stilling (tyk streg)",
        ),
        "chart_lg_removed": (
            "REMOVED − removed (dashed, struck through)",
            "NEDLAGT − nedlagt (stiplet, overstreget)",
        ),
        "chart_lg_changed": ("~ renamed or placed elsewhere", "~ omdøbt eller placeret andetsteds"),
        "chart_lg_carried": (
            "⇐ came with a merge or split (grey bar)",
            "⇐ fulgte med ved sammenlægning eller opdeling (grå bjælke)",
        ),
        "chart_lg_ghost": (
            "dashed box: department that ends, and where its units go",
            "stiplet boks: afdeling der ophører, og hvor dens enheder går hen",
        ),
        "chart_lg_bar": (
            "the bar left of a row repeats the mark",
            "bjælken til venstre gentager mærket",
        ),
        # cards
        "chart_col_unit": ("Unit", "Enhed"),
        "chart_col_fte": ("FTE", "Årsværk"),
        "chart_what_changes": ("What changes", "Hvad ændres"),
        "chart_continued": (" (continued, {n})", " (fortsat, {n})"),
        "chart_tag_moved": ("MOVED", "FLYTTET"),
        "chart_tag_new": ("NEW", "NY"),
        "chart_tag_removed": ("REMOVED", "NEDLAGT"),
        "chart_tag_new_dept": ("NEW DEPARTMENT", "NY AFDELING"),
        "chart_from": ("from {x}", "fra {x}"),
        "chart_merged_from": ("merged from {x}", "sammenlagt af {x}"),
        "chart_formerly": ("formerly {x}", "tidl. {x}"),
        "chart_ends_merged": ("ENDS: merged", "OPHØRER: sammenlagt"),
        "chart_ends_split": ("ENDS: split up", "OPHØRER: opdelt"),
        "chart_ends_removed": ("ENDS: removed", "OPHØRER: nedlagt"),
        "chart_post_removed": ("post removed", "stilling nedlagt"),
        "chart_gives": ("→ {units} to {x}", "→ {units} til {x}"),
        "chart_takes": ("← {units} from {x}", "← {units} fra {x}"),
        "chart_carried": ("⇐ {units} from {x}", "⇐ {units} fra {x}"),
        "chart_unchanged_dept": ("unchanged", "uændret"),
        "chart_units_ba": ("units {b} → {a}", "enheder {b} → {a}"),
        "chart_fte_ba": ("FTE {b} → {a}", "årsværk {b} → {a}"),
        "chart_fte_a": ("{a} FTE", "{a} årsværk"),
        "chart_origin": ("⇐ from {x}", "⇐ fra {x}"),
        # the flow chart
        "chart_renamed_to": ("~ renamed {x}", "~ omdøbt til {x}"),
        "chart_chef_removed": ("− chef post removed", "− chefstilling nedlagt"),
        "chart_chef_added": ("+ new chef post", "+ ny chefstilling"),
        "chart_flow_from": ("← {flow} from {x}", "← {flow} fra {x}"),
        "chart_new_units": ("+ new units", "+ nye enheder"),
        "chart_removed_units": ("− removed units", "− nedlagte enheder"),
        "chart_lg_follow": (
            "solid line: units stay with their department (kept, merged or split)",
            "fuld streg: enhederne følger deres afdeling (uændret, sammenlagt eller opdelt)",
        ),
        "chart_lg_move": (
            "dashed line: units move to another department",
            "stiplet streg: enheder flytter afdeling",
        ),
        "chart_lg_width": ("line width: number of units", "stregens tykkelse: antal enheder"),
        "chart_lg_width_fte": ("line width: FTE", "stregens tykkelse: årsværk"),
        "chart_lg_nodes": (
            "NEW: thick box · ENDS: dashed box, name struck through · ~ renamed",
            "NY: tyk ramme · OPHØRER: stiplet ramme, navn overstreget · ~ omdøbt",
        ),
        # the "what changes" sentences
        "wc_merge": ("{src} are merged into {dst}.", "{src} lægges sammen til {dst}."),
        "wc_merge_into": ("{src} is merged into {dst}.", "{src} lægges ind under {dst}."),
        "wc_split": ("{src} is split: {parts}.", "{src} deles: {parts}."),
        "wc_part": ("{units} to {dst}", "{units} til {dst}"),
        "wc_rename": ("{old} is renamed {new}.", "{old} omdøbes til {new}."),
        "wc_new_dept": ("New department: {x}.", "Ny afdeling: {x}."),
        "wc_closed": ("{x} is closed.", "{x} nedlægges."),
        "wc_move_part": ("{units} from {src} to {dst}", "{units} fra {src} til {dst}"),
        "wc_move_part_1": ("{name} from {src} to {dst}", "{name} fra {src} til {dst}"),
        "wc_units_added_removed": (
            "Units: {added} added and {removed} removed.",
            "Enheder: {added} oprettes og {removed} nedlægges.",
        ),
        "wc_no_cost": ("no cost given", "ingen udgift angivet"),
        "wc_net": ("Net: {sum} = {net} a year.", "Netto: {sum} = {net} om året."),
        "wc_net_one": ("Net: {net} a year.", "Netto: {net} om året."),
        "wc_estimate_note": (
            " (≈: the file's standard chef-post figure, an estimate)",
            " (≈: filens standardsats for en chefstilling, et skøn)",
        ),
        "wc_no_changes": ("Nothing changes.", "Intet ændres."),
        "wc_and": ("and", "og"),
        "wc_recosted": (
            "Posts that cost more or less: {x}, together {d} a year.",
            "Stillinger med ændret udgift: {x}, i alt {d} om året.",
        ),
    }
)
_PLURALS.update(
    {
        "n_chef_posts": (
            ("{n} chef post", "{n} chef posts"),
            ("{n} chefstilling", "{n} chefstillinger"),
        ),
        "n_leader_posts": (
            ("{n} leader post", "{n} leader posts"),
            ("{n} lederstilling", "{n} lederstillinger"),
        ),
        "chart_units_a": (("{n} unit", "{n} units"), ("{n} enhed", "{n} enheder")),
        "chart_added_units": (
            ("+ {n} new unit", "+ {n} new units"),
            ("+ {n} ny enhed", "+ {n} nye enheder"),
        ),
        "chart_went_removed": (
            ("− {n} unit removed", "− {n} units removed"),
            ("− {n} enhed nedlagt", "− {n} enheder nedlagt"),
        ),
        "chart_unchanged_more": (
            ("{n} unchanged unit", "{n} unchanged units"),
            ("{n} uændret enhed", "{n} uændrede enheder"),
        ),
        "chart_carried_more": (
            ("{n} unit from {x}, unchanged", "{n} units from {x}, unchanged"),
            ("{n} enhed fra {x}, uændret", "{n} enheder fra {x}, uændrede"),
        ),
        "chart_small_out": (
            ("→ {n} single-unit move out", "→ {n} single-unit moves out"),
            ("→ {n} enkeltflytning ud", "→ {n} enkeltflytninger ud"),
        ),
        "chart_small_in": (
            ("← {n} single-unit move in", "← {n} single-unit moves in"),
            ("← {n} enkeltflytning ind", "← {n} enkeltflytninger ind"),
        ),
        "chart_lg_grouped": (
            (
                "{n} single-unit move is not drawn as a line; the boxes count it",
                "{n} single-unit moves are not drawn as lines; the boxes count them",
            ),
            (
                "{n} enkeltflytning er ikke tegnet som streg; boksene tæller den",
                "{n} enkeltflytninger er ikke tegnet som streger; boksene tæller dem",
            ),
        ),
        # the "what changes" sentences
        "wc_renames": (
            ("{n} department is renamed.", "{n} departments are renamed."),
            ("{n} afdeling omdøbes.", "{n} afdelinger omdøbes."),
        ),
        "wc_new_depts": (
            ("{n} new department: {x}.", "{n} new departments: {x}."),
            ("{n} ny afdeling: {x}.", "{n} nye afdelinger: {x}."),
        ),
        "wc_closed_n": (
            ("{n} department is closed: {x}.", "{n} departments are closed: {x}."),
            ("{n} afdeling nedlægges: {x}.", "{n} afdelinger nedlægges: {x}."),
        ),
        "wc_moves": (
            (
                "{n} unit moves to another department: {parts}.",
                "{n} units move to another department: {parts}.",
            ),
            ("{n} enhed flytter afdeling: {parts}.", "{n} enheder flytter afdeling: {parts}."),
        ),
        "wc_and_more": (("and {n} more", "and {n} more"), ("og {n} mere", "og {n} flere")),
        "wc_units_added": (
            ("{n} unit is added: {x}.", "{n} units are added: {x}."),
            ("{n} enhed oprettes: {x}.", "{n} enheder oprettes: {x}."),
        ),
        "wc_units_removed": (
            ("{n} unit is removed: {x}.", "{n} units are removed: {x}."),
            ("{n} enhed nedlægges: {x}.", "{n} enheder nedlægges: {x}."),
        ),
        "wc_removed": (("is removed", "are removed"), ("nedlægges", "nedlægges")),
        "wc_added": (("is added", "are added"), ("oprettes", "oprettes")),
        "wc_net_incomplete": (
            (
                "{n} of the posts has no cost in the files, so the net leaves it out.",
                "{n} of the posts have no cost in the files, so the net leaves them out.",
            ),
            (
                "{n} af stillingerne har ingen udgift i filerne; nettoen regner den ikke med.",
                "{n} af stillingerne har ingen udgift i filerne; nettoen regner dem ikke med.",
            ),
        ),
    }
)
