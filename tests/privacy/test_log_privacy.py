"""The log filter that keeps slot values out of the Rasa server's JSON logs."""
import io
import json
import logging

from common.log_privacy import RedactValues, install

# A real line written by Rasa 3.6.21 (shortened): a button payload with "{" made the
# interpolator log every slot value.
LINE = {"response": "/inform{\"choice\":\"single\"}", "placeholder_key": "\"choice\":\"single\"",
        "event": "interpolator.interpolate.text", "level": "error",
        "values": "{'age': 47, 'marital_status': 'single'}",
        "exception": [{"exc_type": "KeyError", "frames": [{"name": "interpolate_text",
                                                            "locals": {"values": "{'age': 47}", "text": "x"}}]}]}


def capture(logger_name, message, level=logging.ERROR):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactValues())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        logger.log(level, message)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_values_and_locals_are_removed():
    out = capture("test.redact", json.dumps(LINE))
    assert "47" not in out and "marital_status" not in out
    data = json.loads(out)
    assert data["values"] == "[redacted]"
    assert data["exception"][0]["frames"][0]["locals"] == "[redacted]"
    assert data["placeholder_key"] == LINE["placeholder_key"]  # the useful part stays


def test_other_messages_are_untouched():
    assert capture("test.redact", "Rasa server is up and running.").strip() == "Rasa server is up and running."
    assert capture("test.redact", "values: not json").strip() == "values: not json"


def test_install_filters_the_interpolator_logger_itself():
    install()
    install()  # idempotent
    logger = logging.getLogger("rasa.core.nlg.interpolator")
    assert sum(isinstance(f, RedactValues) for f in logger.filters) == 1
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # a handler added later, without the filter
    logger.addHandler(handler)
    try:
        logger.error(json.dumps(LINE))
    finally:
        logger.removeHandler(handler)
    assert "47" not in stream.getvalue()
