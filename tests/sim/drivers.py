"""Two ways to talk to the assistant: real servers over REST (tests/e2e/servers.py), or the Rasa agent
in-process with the real action server (a subprocess on a free loopback port). Both run the trained model,
the rules, the policies and the actions unchanged; in-process only skips the HTTP hop of the REST channel."""
import asyncio
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List

import requests

from tests.e2e import servers as e2e

ROOT = e2e.ROOT


class RestDriver:
    name = "rest"

    def __init__(self):
        self.s = e2e.start_servers()

    def say(self, sender: str, text: str) -> List[dict]:
        return self.s.say(sender, text)

    def state(self, sender: str) -> Dict[str, Any]:
        t = self.s.tracker(sender)
        return {"slots": t.get("slots") or {}, "active_loop": (t.get("active_loop") or {}).get("name")}

    def stop(self):
        self.s.stop()


class InProcessDriver:
    name = "in-process"

    def __init__(self):
        model = e2e.ensure_model()
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="ee-sim-"))
        port = e2e.free_port()
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
        log = open(self.tmp / "actions.log", "wb")
        self.actions = subprocess.Popen([str(e2e.VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                         "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints
        from rasa.utils.endpoints import EndpointConfig

        self.loop = asyncio.new_event_loop()
        self.agent = self.loop.run_until_complete(load_agent(
            model_path=str(model),
            endpoints=AvailableEndpoints(action=EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"))))
        deadline = time.time() + e2e.START_TIMEOUT
        while time.time() < deadline:
            if self.actions.poll() is not None:
                raise RuntimeError("the action server exited: " + (self.tmp / "actions.log").read_text()[-2000:])
            try:
                if requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("the action server did not start")

    def say(self, sender: str, text: str) -> List[dict]:
        return self.loop.run_until_complete(self.agent.handle_text(text, sender_id=sender)) or []

    def state(self, sender: str) -> Dict[str, Any]:
        tr = self.loop.run_until_complete(self.agent.tracker_store.retrieve(sender))
        return {"slots": tr.current_slot_values(), "active_loop": tr.active_loop_name}

    def stop(self):
        if self.actions.poll() is None:
            os.killpg(self.actions.pid, signal.SIGTERM)
            try:
                self.actions.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.actions.pid, signal.SIGKILL)
        self.loop.close()


class FormDriver:
    """No model, no servers: the form's own turn function (actions/dialogue.py) and the engine, with every
    message taken as an answer (no intent classification, no rules). Seconds for 200 candidates: a check of
    the parser and the form logic alone, not of the assistant; the figures of record come from the others."""
    name = "form-only"

    def __init__(self):
        self.convs: Dict[str, Dict[str, Any]] = {}

    def say(self, sender: str, text: str) -> List[dict]:
        from actions import dialogue, fields, parsing
        from actions.actions import run_assessment

        c = self.convs.setdefault(sender, {"slots": {}, "active": False})
        slots = c["slots"]
        p_intent, _ = parsing.payload(text)
        intent = p_intent
        if not c["active"] and slots.get("crs_score") is None:
            c["active"] = True
            if "eligib" in text:
                slots["wants_eligibility"] = True
            slots["requested_slot"] = fields.required_slots(slots)[0]
            return [{"text": f"ask {slots['requested_slot']}"}]
        requested = slots.get("requested_slot") if c["active"] else None
        if parsing.DONT_KNOW.search(parsing.normalise(text)):
            intent = intent or "dont_know"
        if "?" in text:
            intent = "faq"  # the questions of the bank end with "?"; here no model tells them apart
        changes, msgs, nxt = dialogue.form_turn(dict(slots), text, intent, requested)
        slots.update(changes)
        out = [{"text": m if isinstance(m, str) else m["text"]} for m in msgs]
        if nxt is None:
            c["active"] = False
            slots["requested_slot"] = None
            a, _, _, _ = run_assessment(fields.build_profile(slots))
            prev = slots.get("crs_score")
            slots["crs_score"] = float(a["crs"]["total"])
            out.append({"text": f"Your estimated CRS score is {a['crs']['total']}"
                                + (f" (was {int(prev)})" if prev is not None else "")})
        else:
            c["active"] = True
            slots["requested_slot"] = nxt
            out.append({"text": f"ask {nxt}"})
        return out

    def state(self, sender: str) -> Dict[str, Any]:
        c = self.convs[sender]
        return {"slots": dict(c["slots"]), "active_loop": "profile_form" if c["active"] else None}

    def stop(self):
        pass
