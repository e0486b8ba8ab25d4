"""Work done once when the action server starts instead of in the first person's result.

rasa_sdk imports every module of this package when the server starts (``rasa_sdk.executor.register_package``),
so importing this one runs :func:`warm_up`. Without it the first assessment of a fresh action server took about
250 ms more than the next ones (SQLAlchemy and the engine's modules imported, the ruleset read, the draws
database opened and seeded the first time); the person who happened to be first waited for it.

A failure is logged (no personal data: the profile is a made-up one) and the server starts anyway: the first
real answer then does the same work, as before.
"""
import logging
import time

logger = logging.getLogger(__name__)

# A made-up, complete profile (slot values as the form fills them), assessed with the draws and categories.
SAMPLE_SLOTS = {
    "age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
    "canadian_education": "none", "first_language_test": "ielts", "first_language_listening": 8,
    "first_language_reading": 7, "first_language_writing": 7, "first_language_speaking": 7,
    "first_language_date_unknown": True, "second_language_test": "none", "canadian_work_years": 1,
    "foreign_work_years": 0, "certificate_of_qualification": False, "provincial_nomination": False,
    "sibling_in_canada": False,
}


def warm_up() -> float:
    """Assesses the sample profile as action_assess does; returns the seconds it took."""
    t0 = time.perf_counter()
    try:
        from actions import fields
        from actions.actions import run_assessment

        run_assessment(fields.build_profile(dict(SAMPLE_SLOTS)))
    except Exception:
        logger.warning("warm-up did not complete; the first answer will do this work", exc_info=True)
    seconds = time.perf_counter() - t0
    logger.info("action server warmed up in %.2f s", seconds)
    return seconds


warm_up()
