"""CI files for a repository of org files, pinned to where this orgdiff was installed from.

``orgdiff init --ci`` writes a GitHub Actions workflow (and, for a git install, a pre-commit
configuration) whose install line is this very orgdiff: pip records where a package came from
(PEP 610, ``direct_url.json``), so a copy made here installs the same commit in CI. No I/O here
but reading this installation's own metadata.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .errors import UsageError

# What a pip requirement for orgdiff may look like in a workflow: a version pin or a URL, with
# nothing a shell or the workflow's YAML would read as syntax (quotes, $, `, \, spaces, controls).
_SAFE = r"[A-Za-z0-9._~:/?#\[\]@!&()*+,;=%-]+"
_REQUIREMENT = re.compile(rf"orgdiff(?: @ {_SAFE}|[=<>!~]=?{_SAFE})")


@dataclass(frozen=True)
class Source:
    """Where this orgdiff came from: a requirement pip can install it by elsewhere (None: it
    can't, ``why`` says), and for a git install the repository and commit (for pre-commit)."""

    requirement: str | None
    why: str = ""
    repo: str | None = None
    rev: str | None = None


def installed_from() -> Source:
    """This installation's source, from its PEP 610 record (or its version, from an index)."""
    from importlib import metadata

    try:
        dist = metadata.distribution("orgdiff")
    except metadata.PackageNotFoundError:
        return Source(None, "orgdiff is not installed (it runs from a source folder)")
    record = dist.read_text("direct_url.json")
    if record is None:  # installed from an index: the version pins it
        return Source(f"orgdiff=={dist.version}")
    return from_record(record, dist.version)


def from_record(record: str, version: str) -> Source:
    """A :class:`Source` from a PEP 610 ``direct_url.json`` text."""
    try:
        data = json.loads(record)
        url = data["url"]
    except (ValueError, KeyError, TypeError):
        return Source(f"orgdiff=={version}")
    if not isinstance(url, str) or url.startswith("file:") and "vcs_info" not in data:
        return Source(None, f"orgdiff was installed from the local folder {url!s}")
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        commit = str(vcs["commit_id"])
        return Source(f"orgdiff @ git+{url}@{commit}", repo=url, rev=commit)
    if isinstance(data.get("archive_info"), dict):
        return Source(f"orgdiff @ {url}")
    return Source(None, f"orgdiff was installed from {url!s}, which CI cannot install from")


def checked(requirement: str) -> str:
    """``requirement`` if it is one plain requirement for orgdiff, else a usage error."""
    if not _REQUIREMENT.fullmatch(requirement):
        raise UsageError(
            f"--orgdiff {requirement!r}: give a pip requirement for orgdiff without quotes or "
            "spaces around it, e.g. 'orgdiff==0.1.0' or "
            "'orgdiff @ git+https://example.org/orgdiff@v0.1.0'"
        )
    return requirement


_PIN = "@ORGDIFF@"

WORKFLOW = """\
# Validate org files, render every chart and the Markdown report, and commit them on each push.
# Written by `orgdiff init --ci`: ORGDIFF_PIN is the orgdiff that wrote it, so CI draws the
# same charts. Other repositories may call it as a reusable workflow with inputs.
name: org charts
on:
  push:
    paths: ["orgs/**", "orgdiff.toml"]
  pull_request:
    paths: ["orgs/**", "orgdiff.toml"]
  workflow_dispatch:
  workflow_call:
    inputs:
      orgs:
        description: Folder of org files
        type: string
        default: orgs
      charts:
        description: Folder the charts are written to
        type: string
        default: charts
      orgdiff:
        description: pip requirement for orgdiff; empty for ORGDIFF_PIN below
        type: string
        default: ""
permissions:
  contents: write
concurrency:
  group: orgdiff-charts-${{ github.ref }}
  cancel-in-progress: true
env:
  ORGS: ${{ inputs.orgs || 'orgs' }}
  CHARTS: ${{ inputs.charts || 'charts' }}
  ORGDIFF: ${{ inputs.orgdiff }}
  ORGDIFF_PIN: "@ORGDIFF@"
jobs:
  charts:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install Graphviz and orgdiff
        run: |
          sudo apt-get update
          sudo apt-get install -y graphviz fonts-dejavu-core
          python -m pip install "${ORGDIFF:-$ORGDIFF_PIN}"
      - name: Validate the org files and render every chart
        run: |
          orgdiff validate "$ORGS"
          orgdiff render --all "$ORGS" -o "$CHARTS"
          orgdiff render --all "$ORGS" -o "$CHARTS" --format png
          for baseline in $(grep -rl --include='*.yaml' '^baseline: true' "$ORGS" || true); do
            dir=$(dirname "$baseline")
            models=$(find "$dir" -maxdepth 1 -name '*.yaml' ! -path "$baseline" | sort)
            [ -n "$models" ] && orgdiff compare "$baseline" $models \\
              -o "$CHARTS/${dir#"$ORGS"/}/report.md"
          done
      - name: Commit the charts
        if: github.event_name == 'push'
        run: |
          git config user.name "orgdiff charts"
          git config user.email "orgdiff-charts@users.noreply.github.com"
          git add "$CHARTS"
          if ! git diff --cached --quiet; then
            git commit -m "Render org charts"
            git push
          fi
"""

PRE_COMMIT = """\
# orgdiff's hooks, from the repository and commit this orgdiff was installed from.
# Written by `orgdiff init --ci`. The charts hook needs Graphviz's `dot` on the PATH.
repos:
  - repo: "@REPO@"
    rev: "@REV@"
    hooks:
      - id: orgdiff-validate
        files: ^orgs/.*\\.ya?ml$
      - id: orgdiff-charts
        args: [--all, orgs, -o, charts]
"""


def workflow(requirement: str) -> str:
    """The workflow, installing ``requirement`` (checked) unless an input says otherwise."""
    return WORKFLOW.replace(_PIN, checked(requirement))


def pre_commit(source: Source) -> str | None:
    """A pre-commit configuration using orgdiff's hooks at the installed commit (git only)."""
    if source.repo is None or source.rev is None:
        return None
    if not re.fullmatch(_SAFE, source.repo) or not re.fullmatch(r"[0-9a-f]{7,64}", source.rev):
        return None
    return PRE_COMMIT.replace("@REPO@", source.repo).replace("@REV@", source.rev)
