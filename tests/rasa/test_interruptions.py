"""The form's interruptions are the domain's: the intents the profile form leaves to Rasa's rules
(actions/dialogue.py INTERRUPTIONS, touched nothing) are exactly the profile form's ignored_intents in domain.yml,
and the intents it may read as an answer or a statement are among them."""
from actions import dialogue
from tests.sim.drivers import domain


def _ignored(form):
    return set(domain()["forms"][form].get("ignored_intents") or [])


def test_the_profile_form_s_interruptions_are_the_domain_s_ignored_intents():
    assert dialogue.INTERRUPTIONS == _ignored("profile_form")


def test_the_intents_read_as_answers_are_interruptions():
    assert dialogue.ANSWERABLE_INTERRUPTIONS <= dialogue.INTERRUPTIONS
    assert dialogue.POST_NOT_QUESTION <= dialogue.INTERRUPTIONS
