"""orgdiff import / export: flat tables from HR and payroll systems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdiff import Department, Org, Post, Unit, build, loads
from orgdiff.diff import compare
from orgdiff.tabular import (
    Ambiguous,
    Columns,
    import_table,
    number,
    org_to_rows,
    parse_csv,
    read_book,
    rows_to_org,
    to_csv,
)

from .conftest import ORGS, run_cli

DANISH = (
    "\ufeffEnhedsid;Enhedsnavn;Overordnet;Leder;Årsværk\r\n"
    "A1;Økonomi & Stab;;Chef for Økonomi;\r\n"
    "A2;Løn;A1;Lønchef;12,5\r\n"
    "A3;Kontrol;A2;;3\r\n"
    "B1;Børn;;Chef for Børn;\r\n"
    'B2;"Sundhedspleje; vest";B1;Leder;1.200,5\r\n'
)


def test_danish_csv_with_bom_semicolons_crlf_and_decimal_commas(tmp_path: Path) -> None:
    f = tmp_path / "hr.csv"
    f.write_bytes(DANISH.encode("utf-8"))
    out = tmp_path / "org.yaml"
    result = run_cli("import", f, "-o", out, "--organisation", "Test Kommune", "--model", "I dag")
    assert result.code == 0, result.err
    org = loads(out.read_text())
    assert [d.name for d in org.departments] == ["Økonomi & Stab", "Børn"]
    oes = org.departments[0]
    assert oes.chef == Post(title="Chef for Økonomi")
    (loen,) = oes.units
    assert (loen.id, loen.name, loen.fte, loen.leader) == ("A2", "Løn", 12.5, Post(title="Lønchef"))
    assert loen.units[0].name == "Kontrol" and loen.units[0].fte == 3
    assert org.departments[1].units[0].name == "Sundhedspleje; vest"
    assert org.departments[1].units[0].fte == 1200.5


def test_a_department_column(tmp_path: Path) -> None:
    rows = parse_csv(
        "unit id,unit name,department,reports to,manager,FTE\n"
        "1,Roads,Technical,,Roads manager,20\n"
        "2,Winter service,Technical,1,,4\n"
        "3,Library,Culture,,,18\n"
    )
    data = rows_to_org(rows, "t.csv", Columns(), {}, {"organisation": "Town", "model": "Today"})
    org = Org.model_validate(data)
    assert [(d.name, [u.name for u in d.units]) for d in org.departments] == [
        ("Technical", ["Roads"]),
        ("Culture", ["Library"]),
    ]
    assert org.departments[0].units[0].units[0].name == "Winter service"


def test_columns_can_be_named(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("Kode,Betegnelse,Hører under,Timer\nD,Drift,,\nU,Udvikling,D,37\n")
    result = run_cli(
        "import",
        f,
        "--id-col",
        "Kode",
        "--name-col",
        "Betegnelse",
        "--parent-col",
        "Hører under",
        "--fte-col",
        "Timer",
    )
    assert result.code == 0, result.err
    assert "name: Udvikling" in result.out and "fte: 37" in result.out


@pytest.mark.parametrize(
    ("table", "errors"),
    [
        (
            "id,name,parent\nA,Dept,\nB,u,C\nC,v,B\n",
            ["bad.csv:3:3: parent: parents form a cycle: B → C → B"],
        ),
        (
            "id,name,parent\nA,Dept,\nD,w,Z\n",
            ["bad.csv:3:3: parent: unknown parent 'Z': no row has that id or name"],
        ),
        (
            "id,name,parent\nA,Dept,\nA,Other,\n",
            ["bad.csv:3:1: id: duplicate id 'A' (also at line 2)"],
        ),
        (
            "id,name,parent,fte\nA,Dept,,\nB,u,A,12x\nC,v,A,-3\n",
            [
                "bad.csv:3:4: fte: '12x' is not a number (write 12,5 or 12.5)",
                "bad.csv:4:4: fte: must be 0 or more, got -3",
            ],
        ),
        ("id,name,parent\nA,,\n", ["bad.csv:2:2: name: the unit has no name"]),
        (
            "id,name,parent,cost\nA,Dept,,\nB,u,A,5\n",
            ["bad.csv:3:4: cost: a cost belongs to a leader post, and this row has no leader"],
        ),
        (
            "id,name,parent\nA B,x,\n",
            [
                "bad.csv:2:1: id: 'A B' is not a valid id: use letters, digits and - _ . : / "
                "(no spaces)"
            ],
        ),
        (
            "kode,titel\nA,x\n",
            [
                "bad.csv:1:1: no header row with a column for the unit's name (looked for "
                "navn/name/enhedsnavn/enhed) and one more known column (id, overordnet/parent, "
                "leder/leader, årsværk/fte, ...); the first row's cells are: 'kode', 'titel'; "
                "name the columns with --name-col etc."
            ],
        ),
        ("", ["bad.csv:1:1: the table is empty"]),
    ],
)
def test_bad_tables_get_clear_messages(tmp_path: Path, table: str, errors: list[str]) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(table)
    result = run_cli("import", "bad.csv", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == errors
    assert "Traceback" not in result.err


def test_numbers() -> None:
    assert number("12,5") == 12.5 and number("12.5") == 12.5 and number("1.200.000") == 1200000
    assert number("1 200,5") == 1200.5 and number("") is None and number("7") == 7
    assert number("1,200.5") == 1200.5 and number("0.125") == 0.125 and number("2e-16") == 2e-16
    assert number("1.200", ",") == 1200 and number("1.200", ".") == 1.2
    with pytest.raises(Ambiguous):
        number("850.000")
    for bad in ("tolv", "1.2.3", "1,200,5"):
        with pytest.raises(ValueError):
            number(bad)


def test_the_files_convention_settles_ambiguous_numbers(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("id;navn;overordnet;leder;årsværk;udgift\nD;Drift;;;;\nU;Udv;D;L;12,5;850.000\n")
    org = loads(run_cli("import", f).out)  # 12,5 shows a decimal comma: 850.000 is 850000
    assert org.departments[0].units[0].leader == Post(title="L", cost=850000)
    f.write_text("id;navn;overordnet;leder;udgift\nD;Drift;;;\nU;Udv;D;Leder;850.000\n")
    result = run_cli("import", f)
    assert result.code == 2
    assert result.err == (
        "x.csv:3:5: udgift: '850.000' could be a decimal or a whole number; "
        "say which with --decimal comma or --decimal point\n"
    ).replace("x.csv", str(f))
    ok = run_cli("import", f, "--decimal", "comma")
    assert loads(ok.out).departments[0].units[0].leader == Post(title="Leder", cost=850000)


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in (
        ["id", "navn", "overordnet", "leder", "årsværk"],
        ["D", "Drift", None, "Chef", None],
        ["U", "Udvikling", "D", "Leder", 12.5],
    ):
        ws.append(row)
    f = tmp_path / "hr.xlsx"
    book.save(f)
    result = run_cli("import", f)
    assert result.code == 0, result.err
    org = loads(result.out)
    assert org.departments[0].units[0].fte == 12.5


def test_export_then_import_the_albertslund_files(tmp_path: Path) -> None:
    for name in ("current", "model1", "model2"):
        csv = tmp_path / f"{name}.csv"
        assert run_cli("export", ORGS / f"{name}.yaml", "-o", csv).code == 0
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads æ ø å right
        back = tmp_path / f"{name}.yaml"
        assert run_cli("import", csv, "-o", back).code == 0
        result = run_cli("compare", ORGS / f"{name}.yaml", back, "--exit-code")
        assert result.code == 0, result.out


NAMES = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
NUMBERS = st.one_of(  # 0 or within the models' ranges (FTE from 0.001; costs up to 10**12)
    st.none(), st.integers(0, 10**6), st.floats(0.001, 1e6, allow_nan=False, allow_infinity=False)
)


@st.composite
def orgs(draw: st.DrawFn) -> Org:
    serial = iter(range(10**6))

    def units(depth: int) -> tuple[Unit, ...]:
        if depth > 3:
            return ()
        return tuple(
            Unit(
                id=f"u{next(serial)}",
                name=draw(NAMES),
                leader=draw(st.none() | st.builds(Post, title=NAMES, cost=NUMBERS)),
                fte=draw(NUMBERS),
                units=units(depth + 1),
            )
            for _ in range(draw(st.integers(0, 3)))
        )

    return Org(
        organisation="O",
        model="M",
        departments=tuple(
            Department(
                id=f"d{next(serial)}",
                name=draw(NAMES),
                chef=draw(st.none() | st.builds(Post, title=NAMES)),
                units=units(1),
            )
            for _ in range(draw(st.integers(1, 4)))
        ),
    )


@settings(max_examples=60)
@given(orgs())
def test_export_import_round_trip(org: Org) -> None:
    book = read_book("x.csv", to_csv(org_to_rows(build(org))).encode())
    back = Org.model_validate(import_table(book, "x.csv", Columns(), {}, {}).data)
    assert back == org
    assert not compare(org, back).has_changes
