"""FAQ answers over the REST channel against real servers (Rasa + action server): the figures are filled in
(never a raw {placeholder}), a question naming a program or settlement funds is answered instead of starting
the form, and a question in the middle of the form is answered and the form goes on."""
import datetime as dt
import uuid

import pytest

from express_entry.facts import faq_facts
from tests.e2e.conftest import servers  # noqa: F401  (the e2e suite's fixture: both servers on free ports)

pytestmark = pytest.mark.e2e


def test_program_questions_are_answered_with_the_rulesets_figures(servers):
    facts = faq_facts(dt.date.today())
    sender = "faq-e2e-" + uuid.uuid4().hex[:8]
    reply = servers.texts(sender, "I'm applying under the CEC, do I need to show settlement funds?")
    assert "don't need to show proof of funds" in reply and "{" not in reply, reply + servers.logs()
    reply = servers.texts(sender, "how much money does a single person need")
    assert f"it is {facts['funds_1']};" in reply and "{" not in reply, reply
    reply = servers.texts(sender, "what is the highest possible score")
    assert f"The highest possible CRS score is {facts['crs_max']}." in reply, reply
    assert servers.tracker(sender).get("active_loop", {}).get("name") in (None, ""), "the form was not started"


def test_a_question_in_the_middle_of_the_form_is_answered_and_the_form_goes_on(servers):
    facts = faq_facts(dt.date.today())
    sender = "faq-e2e-form-" + uuid.uuid4().hex[:8]
    assert "How old are you" in servers.texts(sender, "calculate my crs")
    reply = servers.texts(sender, "does a sibling in canada help")
    assert f"you get {facts['sibling_points']} additional CRS points" in reply, reply + servers.logs()
    assert "How old are you" in reply, reply  # the form asks its question again
    assert "marital status" in servers.texts(sender, "29").lower()
