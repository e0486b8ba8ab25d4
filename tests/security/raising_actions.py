"""An action package for the tests of failing actions: the project's actions, with "show my data" raising an
error whose message quotes the whole conversation (every message and slot value), the worst an action's bug
could do. `rasa run actions --actions tests.security.raising_actions`."""
import importlib
import json
import pkgutil

import actions

for _module in pkgutil.iter_modules(actions.__path__):  # every action of the project, as --actions actions
    importlib.import_module(f"actions.{_module.name}")

from actions.privacy import ActionShowMyData  # noqa: E402

MARK = "cannot show "


async def _raise(self, dispatcher, tracker, domain):
    raise ValueError(MARK + json.dumps({"slots": tracker.current_slot_values(), "events": tracker.events},
                                       default=str))


ActionShowMyData.run = _raise
