"""Random and mutated tables for `orgdiff import`: a valid org or one clear InputError, never
another exception (issue 10, class 6). FUZZ_EXAMPLES raises the count, as in `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdiff.errors import OrgdiffError
from orgdiff.tabular import Columns, import_table, read_book, to_csv

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEED = (
    "Enhedsnr;Enhedsnavn;Overordnet enhed;Leder;Årsværk;Udgift;Omkostningssted\r\n"
    "1;Økonomi & Stab;;Chef;;1.200.000;4711\r\n"
    "2;Løn;1;Lønchef;12,5;850.000;4712\r\n"
    "3;Kontrol;Løn;;3;;\r\n"
    '4;"Sundhed; vest";1;Leder;1 200,5;0;\r\n'
)
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "1",
            "Løn",
            "=1+2",
            "'=x",
            "1e999",
            "9" * 400,
            "1.200",
            "12,5",
            '"',
            "\x00",
            "\r",
            "-1",
            "x" * 600,
            " Løn ",
            "Økonomi & Stab",
            "2",
            "NaN",
            "inf",
            "0",
            "1,200.5",
        ]
    ),
    st.text(max_size=12),
)


def _import(data: bytes) -> None:
    try:
        book = read_book("x.csv", data)
        import_table(book, "x.csv", Columns(), {}, {"organisation": "O", "model": "M"})
    except OrgdiffError:
        pass


@settings(max_examples=EXAMPLES)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _import(data)


@settings(max_examples=EXAMPLES)
@given(st.data())
def test_mutated_hr_export(data: st.DataObject) -> None:
    raw = bytearray(SEED.encode(data.draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))))
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, max(0, len(raw) - 1)))
        op = data.draw(st.sampled_from(["flip", "cut", "dup"]))
        if op == "flip" and raw:
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[i : i + data.draw(st.integers(1, 20))]
        else:
            raw[i:i] = raw[i : i + data.draw(st.integers(1, 40))]
    _import(bytes(raw))


@settings(max_examples=EXAMPLES)
@given(
    st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=1, max_size=12),
    st.sampled_from([",", ";", "\t", "|"]),
)
def test_random_tables(rows: list[list[str]], sep: str) -> None:
    header = [
        ["id", "navn", "overordnet", "leder", "årsværk", "udgift", "noter", "x"][: len(r)]
        for r in rows[:1]
    ]
    _import(to_csv(header + rows, sep).encode("utf-8"))
