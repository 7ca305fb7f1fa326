"""The JSON Schema of the mission document, made from the tables (models.mission_document.PARTS)
so that it follows every column a migration adds. The repo keeps it as mission.schema.json for
other tools; a test checks that file against this and every written file against the file.
Run `python -m documents.mission_file.schema` to write it again after a schema change."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from models.mission_document import DOCUMENT_VERSION, PARTS, SENSITIVE, ref_name, value_kind

SCHEMA_FILE = Path(__file__).with_name("mission.schema.json")
_UUID = {"type": "string",
         "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_INSTANT = {"type": "string", "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"}


def _value(column) -> dict:
    kind = value_kind(column)
    schema = {"instant": _INSTANT, "date": _DATE}.get(kind, {"type": kind})
    schema = dict(schema)
    if kind == "string" and getattr(column.type, "length", None):
        schema["maxLength"] = column.type.length
    if column.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _row(part) -> dict:
    columns = part.table.columns
    properties = {"uuid": _UUID}
    for column in part.refs:
        properties[ref_name(column)] = ({"anyOf": [_UUID, {"type": "null"}]}
                                        if columns[column].nullable else _UUID)
    for name in part.fields():
        properties[name] = _value(columns[name])
    optional = SENSITIVE if part.key == "people" else ()
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": [n for n in properties if n not in optional]}


def build_schema() -> dict:
    rows = {part.key: _row(part) for part in PARTS}
    lists = {key: {"type": "array", "items": {"$ref": f"#/$defs/{key}"}}
             for key in rows if key != "mission"}
    header = {
        "format": {"const": "kakehashi-mission"},
        "version": {"const": DOCUMENT_VERSION},
        "schema_revision": {"type": "string"},
        "app_version": {"type": "string"},
        "saved_at": _INSTANT,
        "sensitive": {"type": "boolean",
                      "description": "true: people carry " + ", ".join(SENSITIVE)},
        "mission": {"$ref": "#/$defs/mission"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kakehashi mission document (mission.json in a .kakehashi file)",
        "description": "One mission with everything it holds; every row by its UUID, every "
                       "reference as the UUID of the row it names. A link row's uuid is "
                       "uuid5(6b2f3c1e-5a4d-4f0e-9c1b-6a6b616b6568, 'table:end1:end2'), or "
                       "'table:end' for a row that extends one thing (item_protocol, meeting).",
        "type": "object",
        "additionalProperties": False,
        "required": [*header, *lists],
        "properties": {**header, **lists},
        "$defs": rows,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"{SCHEMA_FILE}\n")
