"""The JSON Schema of the org file format, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from .model import Org

SCHEMA_ID = "https://orgdiff.invalid/schema/orgdiff.schema.json"


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema (draft 2020-12), generated from the pydantic models.

    Adds what the models accept before validation: a post given as a plain title, numeric ids,
    and non-negative numbers.
    """
    schema = Org.model_json_schema()
    defs = schema["$defs"]
    title_only = {"type": "string", "minLength": 1, "description": "The post's title."}
    for model, field in (("Unit", "leader"), ("Department", "chef")):
        prop = defs[model]["properties"][field]
        prop["anyOf"].insert(0, title_only)
    number = {"type": "number", "minimum": 0}
    for model, field in (("Unit", "fte"), ("Post", "cost")):
        prop = defs[model]["properties"][field]
        prop["anyOf"] = [number, {"type": "null"}]
    prop = schema["properties"]["chef_post_cost"]
    prop["anyOf"] = [number, {"type": "null"}]
    for model in ("Unit", "Department"):
        prop = defs[model]["properties"]["id"]
        prop["anyOf"].insert(1, {"type": "integer", "minimum": 0})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
