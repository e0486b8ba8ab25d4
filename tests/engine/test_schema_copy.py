"""The package's copy of the profile schema lists exactly the fields validate() accepts."""
import json
import os

from express_entry.profile import FIELDS, PROFILE_EXTENSIONS

SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "express_entry", "data", "profile.schema.json")


def test_schema_fields_match_validate():
    with open(SCHEMA, encoding="utf-8") as fh:
        schema = json.load(fh)
    assert set(schema["properties"]) == set(FIELDS)
    assert set(PROFILE_EXTENSIONS) <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    lang = schema["$defs"]["language_result"]
    assert set(lang["properties"]["test"]["enum"]) == {"ielts", "celpip", "pte", "tef", "tcf", "clb", "nclc"}
