"""Every human-readable word orgdiff prints, in English and Danish, and number formatting."""

from __future__ import annotations

from typing import Literal

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
    "more_units": ("+{n} units", "+{n} enheder"),
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
    "kept_n": ("{n} kept as they are", "{n} uændrede"),
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


def count(n: int, singular: str, plural: str, lang: Lang) -> str:
    """``1 unit`` / ``3 units`` — the word looked up by key."""
    return f"{number(n, lang)} {t(singular if n == 1 else plural, lang)}"


def number(x: float, lang: Lang, decimals: int | None = None) -> str:
    """1234.5 → ``1,234.5`` (en) or ``1.234,5`` (da); whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    s = f"{x:,.{decimals}f}"
    if lang == "da":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s.replace("-", "−")


def money(x: float, currency: str, lang: Lang, signed: bool = False) -> str:
    """A yearly amount the way a memo writes it: ``−1.2 m DKK`` / ``−1,2 mio. DKK``."""
    sign = ("+" if x > 0 else "") if signed else ""
    if abs(x) >= 100_000:
        millions = number(x / 1e6, lang, 2).rstrip("0").rstrip(",.")
        return f"{sign}{millions} {t('million', lang)} {currency}"
    return f"{sign}{number(x, lang, 0)} {currency}"


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
