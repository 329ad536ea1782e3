"""The one way the command line reads a structure: an org file, a scenario, or either from git.

A scenario (``*.scenario.yaml``) is read, its base loaded (which may be a scenario too) and its
changes applied; every problem is reported at its place in the file it comes from.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import check
from .errors import OrgdiffError
from .gitsource import git_blob
from .load import Limits, load_structure, loads_structure, read_file
from .structure import Structure, build

if TYPE_CHECKING:  # the scenario format is imported when a scenario is read: a fast start
    from .scenario import Loaded

SUFFIXES = (".scenario.yaml", ".scenario.yml")


def is_scenario(path: str) -> bool:
    """True for a file named ``*.scenario.yaml`` (or ``.yml``), also as ``REV:path``."""
    return path.endswith(SUFFIXES)


class BaseError(OrgdiffError):
    """A scenario whose base does not load: the scenario's line, then the base's problems."""

    def __init__(self, first: OrgdiffError, cause: OrgdiffError) -> None:
        self.parts = (first, cause)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [line for part in self.parts for line in part.lines()]


@dataclasses.dataclass(frozen=True)
class Defaults:
    """Organisation-level values for files that do not give them (orgdiff.toml's
    ``chef_post_cost`` and ``currency``); what a file says always wins."""

    chef_post_cost: float | int | None = None
    currency: str | None = None

    def fill(self, s: Structure) -> Structure:
        """``s`` with the values its file leaves out filled in (the same ``s`` if none)."""
        given = s.org.model_fields_set
        wanted = (("chef_post_cost", self.chef_post_cost), ("currency", self.currency))
        update = {k: v for k, v in wanted if v is not None and k not in given}
        if not update:
            return s
        return dataclasses.replace(s, org=s.org.model_copy(update=update))


AS_WRITTEN = Defaults()  # nothing filled in


def load_any(
    path: str | Path, limits: Limits | None = None, defaults: Defaults = AS_WRITTEN
) -> Structure:
    """An org file or a scenario (applied to its base), or ``REV:path`` of either from git;
    with ``defaults`` for what the file (or a scenario's final model) leaves out."""
    return defaults.fill(_load(str(path), limits or Limits(), ()))


def load_scenario(path: str | Path, limits: Limits | None = None) -> tuple[Loaded, Structure]:
    """A scenario as written and the structure it gives."""
    return _scenario(str(path), limits or Limits(), ())


def _load(spec: str, limits: Limits, chain: tuple[str, ...]) -> Structure:
    if is_scenario(spec):
        return _scenario(spec, limits, chain)[1]
    blob = git_blob(spec, limits.max_bytes)
    if blob is not None:
        return loads_structure(blob, spec, limits)
    return load_structure(spec, limits)


def _key(spec: str) -> str:
    return spec if ":" in spec and not os.path.exists(spec) else os.path.realpath(spec)


def base_of(spec: str, base: str) -> str:
    """The base's spec: relative to the scenario's folder (in the same git revision)."""
    blob_rev = None
    if ":" in spec and not os.path.exists(spec):
        blob_rev, _, spec_path = spec.partition(":")
    else:
        spec_path = spec
    if Path(base).is_absolute():
        return base
    if blob_rev is not None:
        if ":" in base:
            return base
        return f"{blob_rev}:{Path(spec_path).parent.joinpath(base).as_posix()}"
    local = Path(spec_path).parent / base
    if ":" in base and not os.path.exists(local):
        return base  # REV:path
    return os.path.normpath(local)


def _may_read(spec: str, base: str) -> bool:
    """Whether a scenario's base lies where a scenario may point: below the scenario's folder,
    the top of the git work tree around it, or the working folder (through links, as resolved).

    A git blob (``REV:path``) is read from the repository and always may be. A scenario from
    elsewhere cannot name ``/etc/passwd``, ``~/.git-credentials`` or ``../../../x``: their
    first line would be quoted back in the error that they are not org files.
    """
    if ":" in base and not os.path.exists(base):
        return True
    target = Path(os.path.realpath(base))
    folder = Path(os.path.realpath(spec)).parent
    roots = [folder]
    roots += [p for p in (folder, *folder.parents) if (p / ".git").exists()][:1]
    try:
        roots.append(Path.cwd().resolve())
    except OSError:  # pragma: no cover - the working folder was deleted
        pass
    return any(target == root or root in target.parents for root in roots)


def _scenario(spec: str, limits: Limits, chain: tuple[str, ...]) -> tuple[Loaded, Structure]:
    from .apply import ApplyError, apply
    from .scenario import loads

    blob = git_blob(spec, limits.max_bytes)
    loaded = loads(blob if blob is not None else read_file(spec, limits), spec, limits)
    sc = loaded.scenario
    base = base_of(spec, sc.base)
    if not _may_read(spec, base):
        raise loaded.error(
            [
                (
                    ("base",),
                    f"'{sc.base}' is outside the scenario's folder, its git work tree and the "
                    "working folder; a scenario's base is not read from elsewhere (so that a "
                    "scenario cannot make orgdiff read, and quote, any file)",
                )
            ]
        )
    chain = (*chain, _key(spec))
    if _key(base) in chain:
        names = [*chain[chain.index(_key(base)) :], _key(base)]
        shown = " → ".join(os.path.relpath(n) if os.path.isabs(n) else n for n in names)
        raise loaded.error([(("base",), f"a cycle of bases: {shown}")])
    try:
        s = _load(base, limits, chain)
    except OrgdiffError as e:
        first = loaded.error([(("base",), f"the base '{sc.base}' does not load:")])
        raise BaseError(first, e) from None
    try:
        org = apply(s, sc, sc.base)
    except ApplyError as e:
        raise loaded.error([(("changes", e.index, *e.field), e.msg)]) from None
    result = build(org)
    too_deep = next((u for u in result.units if u.depth > limits.max_depth), None)
    if too_deep is not None:  # units added under units: the same limit as an org file's
        raise loaded.error(
            [
                (
                    ("changes",),
                    f"the model breaks a rule: '{too_deep.name}': units nested more than "
                    f"{limits.max_depth} levels deep (raise the limit with --max-depth)",
                )
            ]
        )
    broken = check(result)
    if broken:
        raise loaded.error(
            [(("changes",), f"the model breaks a rule: {f.loc}: {f.msg}") for f in broken]
        )
    return loaded, result
