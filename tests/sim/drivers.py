"""Two ways to talk to the assistant: real servers over REST (tests/e2e/servers.py), or the Rasa agent
in-process with the real action server (a subprocess on a free loopback port). Both run the trained model,
the rules, the policies and the actions unchanged; in-process only skips the HTTP hop of the REST channel."""
import asyncio
import datetime as dt
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List, Optional, Tuple

import requests

from tests.e2e import servers as e2e
from understanding.answers import DONT_KNOW
from understanding.text import normalise

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

        from scripts.quiet import quiet_rasa_logs

        quiet_rasa_logs()  # Rasa's structured debug log prints slot values

        self.loop = asyncio.new_event_loop()
        self.agent = self.loop.run_until_complete(load_agent(
            model_path=str(model),
            endpoints=AvailableEndpoints(action=EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"),
                                         nlg=EndpointConfig(type="connectors.nlg.RuleFiguresNLG"))))
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


_DOMAIN: Dict[str, Any] = {}


def domain() -> Dict[str, Any]:
    """domain.yml as the action server receives it (read once)."""
    if not _DOMAIN:
        import yaml

        _DOMAIN.update(yaml.safe_load((ROOT / "domain.yml").read_text()))
    return _DOMAIN


def render(message: Dict[str, Any], slots: Dict[str, Any]) -> Dict[str, Any]:
    """A dispatched message as the Rasa server's generator fills it (connectors.nlg): the response's variation the
    generator picks for these slots (its language, its conditions), text and buttons filled by Rasa's own interpolation with the rule figures of the day, the slots and the message's
    placeholders, then the message's buttons."""
    import copy

    from rasa.core.nlg.interpolator import interpolate

    name = message.get("response")
    if not name:
        return {"text": message.get("text") or "", "buttons": message.get("buttons") or []}
    from connectors.nlg import MostSpecificVariationFilter
    from express_entry.facts import faq_facts

    fitting = MostSpecificVariationFilter(domain()["responses"]).responses_for_utter_action(name, "rest", slots)
    template = fitting[0]
    language = slots.get("language") or "en"
    values = {**faq_facts(dt.date.today(), language), **slots,
              **{k: v for k, v in message.items() if k not in ("response", "template", "buttons")}}
    filled = interpolate(copy.deepcopy({"text": template.get("text") or "", "buttons": template.get("buttons") or []}),
                         values)  # a copy: Rasa's interpolate fills dicts in place
    return {"text": filled["text"], "buttons": filled["buttons"] + (message.get("buttons") or [])}


def run_validation(slots: Dict[str, Any], text: str, intent: Optional[str], candidates: Dict[str, Any],
                   active: bool = True) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """validate_profile_form run as Rasa's FormAction runs it: a tracker whose last events are the slot
    candidates (the requested slot's raw text from the from_text mapping, or the prefilled slots at activation).
    Returns (slot events as a dict, the messages rendered with the domain's responses)."""
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ValidateProfileForm
    from understanding.entities import find_entities

    current = {**slots, **candidates}
    events = ([{"event": "user", "text": text}, {"event": "slot", "name": "requested_slot",
                                                  "value": slots.get("requested_slot")},
               {"event": "action", "name": "profile_form"}]
              + [{"event": "slot", "name": k, "value": v} for k, v in candidates.items()])
    # The NLU pipeline's entities, as its rule-based extractor (understanding.component) finds them; a button's
    # payload bypasses the NLU.
    entities = [] if text.startswith("/") else find_entities(text)
    tracker = Tracker("form-driver", current, {"text": text, "intent": {"name": intent, "confidence": 1.0},
                                               "entities": entities},
                      events, False, None, {"name": "profile_form"} if active else {}, "action_listen")
    dispatcher = CollectingDispatcher()
    out = asyncio.run(ValidateProfileForm().run(dispatcher, tracker, domain()))
    changes = {e["name"]: e["value"] for e in out if e["event"] == "slot"}
    after = {**current, **changes}
    return changes, [render(m, after) for m in dispatcher.messages]


class FormDriver:
    """No model, no servers: the form validation action (actions/actions.py ValidateProfileForm, run by rasa_sdk
    as the action server runs it) and the engine, with Rasa's side of the form played here: the from_text
    mapping of the requested slot, the rejection of a turn that sets no slot (a question: a rule answers, then
    the form asks again), the prefilled slots validated at activation, and the assessment when the form ends.
    Every message is taken as an answer (no intent classification): a check of the parser and the form logic
    alone, not of the assistant; the figures of record come from the others."""
    name = "form-only"
    language = None  # "fr": conversations in French (the language slot set from their first message)

    def __init__(self):
        self.convs: Dict[str, Dict[str, Any]] = {}
        self.ignored = set(domain()["forms"]["profile_form"].get("ignored_intents") or [])
        self.form_slots = domain()["forms"]["profile_form"]["required_slots"]

    def say(self, sender: str, text: str) -> List[dict]:
        from actions import fields, parsing
        from actions.actions import run_assessment

        c = self.convs.setdefault(sender, {"slots": {"language": self.language} if self.language else {},
                                           "active": False})
        slots = c["slots"]
        from actions import what_if

        if not c["active"] and slots.get("crs_score") is not None and what_if.is_what_if(text, None):
            return self.what_if(slots, text)  # the rule "what if": action_what_if, outside the form
        p_intent, _ = parsing.payload(text)
        intent = p_intent
        if DONT_KNOW.search(normalise(text)):
            intent = intent or "dont_know"
        if "?" in text:
            intent = "faq"  # the questions of the bank end with "?"; here no model tells them apart
        out: List[dict] = []
        if c["active"]:
            requested = slots.get("requested_slot")
            candidates = {} if intent in self.ignored else {requested: text}
            changes, msgs = run_validation(slots, text, intent, candidates)
            if not candidates and not any(k != "requested_slot" for k in changes):
                # rejected: the rule of the question answers it, then the form runs again with nothing to validate
                out.append({"text": "(a rule answers)"})
                changes, msgs = run_validation(slots, text, intent, {})
        else:
            if re.search(r"[eé]ligib|admissib", text.lower()) and slots.get("crs_score") is None:
                slots["wants_eligibility"] = True  # the slot's from_intent mapping (check_eligibility)
            slots["requested_slot"] = None
            prefilled = {s: slots[s] for s in self.form_slots if slots.get(s) is not None}
            changes, msgs = run_validation(slots, text, p_intent, prefilled, active=False)  # an opening, no FAQ
        slots.update(changes)
        out += msgs
        nxt = slots.get("requested_slot")
        if nxt is None and fields.is_paused(slots):  # action_assess: what the score needs
            from actions import unknown

            c["active"] = False
            out += [render(m, slots) for m in unknown.paused_messages(slots)]
        elif nxt is None:
            from actions import unknown

            c["active"] = False
            a, _, _, _ = run_assessment(fields.build_profile(slots), with_draws=False)
            out += [render(m, slots) for m in unknown.result_lines(slots, a["crs"]["total"])]
            prev = slots.get("crs_score")
            slots["crs_score"] = float(a["crs"]["total"])
            french = slots.get("language") == "fr"  # the result's first words, as utter_result_score has them
            out.append({"text": ("Votre score SCG estimé est de " if french else "Your estimated CRS score is ")
                                + str(a['crs']['total'])
                                + ((" (avant : " if french else " (was ") + f"{int(prev)})" if prev is not None else "")})
        else:
            c["active"] = True
            out.append({"text": f"ask {nxt}: " + render({"response": f"utter_ask_{nxt}"}, slots)["text"]})
        return out

    @staticmethod
    def what_if(slots: Dict[str, Any], text: str) -> List[dict]:
        from rasa_sdk import Tracker
        from rasa_sdk.executor import CollectingDispatcher

        from actions.actions import ActionWhatIf

        dispatcher = CollectingDispatcher()
        tracker = Tracker("form-driver", dict(slots), {"text": text, "intent": {"name": "what_if"}}, [], False, None,
                          {}, "action_listen")
        events = ActionWhatIf().run(dispatcher, tracker, domain())
        slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        return [render(m, slots) for m in dispatcher.messages]

    def state(self, sender: str) -> Dict[str, Any]:
        c = self.convs[sender]
        return {"slots": dict(c["slots"]), "active_loop": "profile_form" if c["active"] else None}

    def stop(self):
        pass
