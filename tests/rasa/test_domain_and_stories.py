"""The assistant's data: slots follow the contract, `rasa data validate` is clean, the test
stories pass `rasa test core --fail-on-prediction-errors` with the trained model."""
import json
import os
import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
RASA = str(pathlib.Path(sys.executable).parent / "rasa")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}


def domain_slots():
    return (yaml.safe_load((ROOT / "domain.yml").read_text()) or {}).get("slots") or {}


def contract_slot_names():
    schema = json.loads((ROOT / "express_entry" / "data" / "profile.schema.json").read_text())
    names = []
    lang = schema["$defs"]["language_result"]["properties"]
    for field, spec in schema["properties"].items():
        if spec.get("$ref", "").endswith("language_result"):
            # the test date is asked for every test, the partner's too
            names += [f"{field}_{k}" for k in lang]
        else:
            names.append(field)
    return names


def test_every_profile_field_is_a_slot_of_the_same_name():
    slots = domain_slots()
    names = contract_slot_names()
    assert "first_language_taken_on" in names and "spouse_language_taken_on" in names
    missing = [n for n in names if n not in slots]
    assert missing == []
    assert "crs_score" in slots and "eligible_programs" in slots


def test_holdout_examples_are_not_in_training_data():
    def texts(folder):
        out = set()
        for path in folder.rglob("*.yml"):
            for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
                for line in (item.get("examples") or "").splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        out.add(line[2:].strip().lower())
        return out
    assert texts(ROOT / "tests" / "nlu_holdout") & texts(ROOT / "data") == set()


def test_rasa_data_validate():
    r = subprocess.run([RASA, "data", "validate", "--domain", "domain.yml", "--data", "data", "--config", "config.yml"],
                       cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]


def test_stories_pass_with_the_trained_model(tmp_path):
    subprocess.run(["bash", "scripts/train.sh"], cwd=ROOT, check=True, env={**ENV, "VENV": str(pathlib.Path(sys.executable).parents[1])})
    r = subprocess.run([RASA, "test", "core", "--model", "models/assistant.tar.gz", "--stories", "tests/stories",
                        "--fail-on-prediction-errors", "--out", str(tmp_path / "results")],
                       cwd=ROOT, env=ENV, capture_output=True, text=True)
    failed = tmp_path / "results" / "failed_test_stories.yml"
    detail = failed.read_text()[:4000] if failed.exists() else ""
    assert r.returncode == 0, detail + r.stdout[-2000:] + r.stderr[-2000:]
