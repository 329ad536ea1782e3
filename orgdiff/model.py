"""The org file format (v1) as frozen pydantic models. No I/O here.

One file is one structure: the current organisation or one proposed model. Departments
(afdelinger / chefområder) have an optional chef post and a tree of units (enheder).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1


def _number(value: Any) -> Any:
    """Numbers must be written as numbers: ``fte: four`` and ``fte: "4"`` are errors."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "expected a number", {})
    if isinstance(value, float) and not math.isfinite(value):  # (a huge int is finite)
        raise PydanticCustomError("number_type", "expected a finite number", {})
    return value


def _non_negative(value: int | float) -> int | float:
    if value < 0:
        raise PydanticCustomError("negative", "must be 0 or more, got {value}", {"value": value})
    return value + 0 if isinstance(value, int) else value + 0.0  # -0.0 is 0


# Sane ranges, so that no sum or ratio of a file's numbers can overflow (a file of 1 GiB holds
# at most ~50 million units: 50 million × 1,000,000 FTE is far inside a float's range).
MAX_FTE = 1_000_000  # FTE of one unit
MIN_FTE = 0.001  # the smallest FTE above 0 (0.001 of a full-time post)
MAX_COST = 1_000_000_000_000  # yearly cost of one post


def _range(low: float, high: float) -> Any:
    """A check that a number is 0 or within ``low`` (0: no lower bound) to ``high``."""
    wanted = f"a number from {low:,} to {high:,}, or 0" if low else f"at most {high:,}"

    def check(value: int | float) -> int | float:
        if value > high or 0 < value < low:
            raise PydanticCustomError(
                "out_of_range",
                "{value} is out of range: write {wanted}",
                {"value": _shown(value), "wanted": wanted},
            )
        return value

    return check


def _shown(value: int | float) -> str:
    """A number for a message; a huge integer by its size (Python will not print 4,300+ digits)."""
    if isinstance(value, int) and value >= 10**15:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    return f"{value:g}" if isinstance(value, float) else str(value)


Fte = Annotated[
    int | float,
    BeforeValidator(_number),
    AfterValidator(_non_negative),
    AfterValidator(_range(MIN_FTE, MAX_FTE)),
]
Cost = Annotated[
    int | float,
    BeforeValidator(_number),
    AfterValidator(_non_negative),
    AfterValidator(_range(0, MAX_COST)),
]


Id = Annotated[
    str,
    Field(
        strict=True,
        pattern=r"^[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.:/-]*$",
        max_length=200,
        description="Unique in the file (departments and units together). "
        "Letters, digits and - _ . : /. Default: a slug of the name.",
    ),
]


def _not_blank(value: str) -> str:
    """A name as text: in Unicode's composed form (NFC), not blank, with something visible.

    "Søndergård" typed with a composed å and with a + a combining ring (macOS, some HR
    exports) are the same name; composed, they compare equal, so no unit is "renamed" to
    itself.
    """
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if not value.strip():
        raise PydanticCustomError("blank", "must not be blank", {})
    if not has_visible(value):
        # Only zero-width joiners, bidi controls or combining marks: a reader sees nothing
        # (and a chart would draw an empty box), so it is as blank as spaces are.
        raise PydanticCustomError(
            "blank",
            "must not be blank: it has no visible character, only invisible or combining ones",
            {},
        )
    return value


def has_visible(value: str) -> bool:
    """True when some character shows on its own: a letter, digit, punctuation or symbol."""
    return any(
        "!" <= ch <= "~" or unicodedata.category(ch)[0] in "LNPS" for ch in value if ch > " "
    )


# Every name and title, in org files and in scenario operations: not blank, visibly.
Name = Annotated[str, Field(strict=True, min_length=1, max_length=500), AfterValidator(_not_blank)]
Text = Annotated[str, Field(strict=True)]


def _int_id(value: Any) -> Any:
    """Numeric ids from HR systems (``id: 1234``) are taken as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Post(_Frozen):
    """A leader or chef post: a title and, optionally, its yearly cost."""

    title: Name = Field(description="The post's title, e.g. 'Chef for Økonomi & Stab'.")
    cost: Cost | None = Field(
        default=None, description="Yearly cost of the post in the file's currency."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_title(cls, value: Any) -> Any:
        """``leader: Erhvervschef`` is short for ``leader: {title: Erhvervschef}``."""
        return {"title": value} if isinstance(value, str) else value


class Unit(_Frozen):
    """A unit (enhed): a leaf or a node in a department's tree of units."""

    id: Id | None = None
    name: Name
    leader: Post | None = Field(
        default=None, description="A leader post heading this unit: a title or {title, cost}."
    )
    fte: Fte | None = Field(
        default=None, description="Full-time equivalents in this unit, not counting sub-units."
    )
    formerly: tuple[Id, ...] = Field(
        default=(), description="Ids in the compared file that this unit continues."
    )
    notes: Text | None = None
    tags: tuple[Text, ...] = ()
    units: tuple[Unit, ...] = ()

    _ids = field_validator("id", mode="before")(_int_id)


class Department(_Frozen):
    """A department (afdeling / chefområde) with its chef post and its units."""

    id: Id | None = None
    name: Name
    formerly: tuple[Id, ...] = Field(
        default=(), description="Ids in the compared file that this department continues."
    )
    chef: Post | None = Field(default=None, description="The chef post; absent means none.")
    notes: Text | None = None
    tags: tuple[Text, ...] = ()
    units: tuple[Unit, ...] = ()

    _ids = field_validator("id", mode="before")(_int_id)


class Org(_Frozen):
    """One structure: the current organisation or one proposed model."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="orgdiff organisation structure (format v1)",
    )

    organisation: Name = Field(description="The organisation, e.g. 'Albertslund Kommune'.")
    model: Name = Field(description="The name of this structure, e.g. 'Model 1'.")
    date: dt.date | None = Field(default=None, description="The date of the structure.")
    source: Text | None = Field(default=None, description="Where this structure comes from.")
    currency: Annotated[str, Field(strict=True, pattern=r"^[A-Z]{3}$")] = Field(
        default="DKK", description="ISO 4217 code of the currency of all costs."
    )
    chef_post_cost: Cost | None = Field(
        default=None, description="Yearly cost of one chef post, unless a chef gives its own."
    )
    lang: Literal["da", "en"] | None = Field(
        default=None, description="Language of reports about this file (da or en)."
    )
    baseline: StrictBool = Field(
        default=False,
        description="This file is the baseline that models in its folder are compared with.",
    )
    notes: Text | None = None
    departments: tuple[Department, ...] = Field(description="The departments; at least one.")

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        """A quoted date (``date: "2026-05-11"``) is accepted too."""
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        raise PydanticCustomError("date_type", "expected a date like 2026-05-11", {})
