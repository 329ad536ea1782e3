"""Small helpers to build structures in tests (no YAML needed)."""

from __future__ import annotations

from typing import Any

from orgdiff import Department, Org, Unit


def org(*depts: Department, model: str = "m", **kw: Any) -> Org:
    return Org(organisation="Test", model=model, departments=depts, **kw)


def dept(
    name: str,
    *units: Unit,
    id: str | None = None,
    chef: str | None = "Chef",
    formerly: tuple[str, ...] = (),
    **kw: Any,
) -> Department:
    return Department(
        id=id,
        name=name,
        units=units,
        formerly=formerly,
        chef={"title": chef} if chef else None,
        **kw,
    )  # type: ignore[arg-type]


def unit(
    name: str,
    *units: Unit,
    id: str | None = None,
    leader: str | dict[str, Any] | None = None,
    fte: float | None = None,
    formerly: tuple[str, ...] = (),
) -> Unit:
    return Unit(
        id=id,
        name=name,
        units=units,
        leader=leader,
        fte=fte,  # type: ignore[arg-type]
        formerly=formerly,
    )


def strip_ids(o: Org) -> Org:
    """The same structure with every id and formerly removed."""

    def u(x: Unit) -> Unit:
        return x.model_copy(update={"id": None, "formerly": (), "units": tuple(map(u, x.units))})

    return o.model_copy(
        update={
            "departments": tuple(
                d.model_copy(update={"id": None, "formerly": (), "units": tuple(map(u, d.units))})
                for d in o.departments
            )
        }
    )


def rename_ids(o: Org, prefix: str) -> Org:
    """The same structure with every id (and formerly entry) consistently renamed."""

    def ids(xs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(prefix + x for x in xs)

    def u(x: Unit) -> Unit:
        return x.model_copy(
            update={
                "id": None if x.id is None else prefix + x.id,
                "formerly": ids(x.formerly),
                "units": tuple(map(u, x.units)),
            }
        )

    return o.model_copy(
        update={
            "departments": tuple(
                d.model_copy(
                    update={
                        "id": None if d.id is None else prefix + d.id,
                        "formerly": ids(d.formerly),
                        "units": tuple(map(u, d.units)),
                    }
                )
                for d in o.departments
            )
        }
    )


def reversed_order(o: Org) -> Org:
    """The same structure typed in the opposite order: departments, and units at every level."""

    def u(x: Unit) -> Unit:
        return x.model_copy(update={"units": tuple(map(u, reversed(x.units)))})

    return o.model_copy(
        update={
            "departments": tuple(
                d.model_copy(update={"units": tuple(map(u, reversed(d.units)))})
                for d in reversed(o.departments)
            )
        }
    )
