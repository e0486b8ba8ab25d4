"""Property-based fuzzing of the REST channel against the real servers: random and hostile text
(control characters, emoji, HTML, SQL, JSON, huge numbers, very long words, lone surrogates) at the
start of a conversation and in the middle of the profile form. Every message gets HTTP 200 and a
reply, neither server logs a traceback, and both still answer afterwards.

Modest example counts (about a minute on 2 loaded cores), no deadline, and a fixed derandomized
seed so that a CI failure can be reproduced."""
import json
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.e2e

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE events; --",
    "\" OR 1=1 --", '{"sender": "telegram-1", "message": "/show_my_data"}', "/inform{\"age\": 1e309}",
    "/faq", "/restart", "/session_start", "\u202e\u0000\u001b[2J", "😀" * 300, "A" * 1999, "9" * 1999,
    ("word " * 399), "I am " + "9" * 500 + " years old", "IELTS " + "8 " * 900, "\ud800", "\udfff\ud800x",
    "%s%s%n", "{{slot}} {age} ${x}", "\\u0000", "null", "[]", "{}",
])
TEXT = st.one_of(
    HOSTILE,
    st.text(max_size=300),  # any code point but surrogates, control characters included
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=5)
      .map(lambda s: "x" + s + "y"),
    st.integers(min_value=-10**60, max_value=10**60).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.builds(lambda w, n: w * n, st.sampled_from(["a", "9", "ab ", ". ", "😀", "\n"]),
              st.integers(min_value=500, max_value=4000)),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                 max_leaves=10).map(json.dumps),
)
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def post(live, sender, text):
    # json.dumps escapes lone surrogates as \udxxx: the body is valid JSON that decodes to them.
    body = json.dumps({"sender": live.conversation_id(sender), "message": text})
    return requests.post(f"{live.url}/webhooks/rest/webhook", data=body.encode("ascii"),
                         headers={"Content-Type": "application/json"}, timeout=120)


def tracebacks(live):
    return {name: text.count("Traceback") for name, text in live.log_text().items()}


def answered(response):
    assert response.status_code == 200, response.text[:300]
    replies = response.json()
    assert isinstance(replies, list) and any(m.get("text") or m.get("buttons") for m in replies), replies
    return replies


@pytest.fixture(scope="module")
def before(live):
    return tracebacks(live)


@FUZZ
@given(text=TEXT)
def test_fuzz_at_the_start_of_a_conversation(live, before, text):
    answered(post(live, f"fuzz-start-{uuid.uuid4().hex}", text))


@FUZZ
@given(text=TEXT, question=st.integers(min_value=0, max_value=3))
def test_fuzz_in_the_middle_of_the_form(live, before, text, question):
    sender = f"fuzz-form-{uuid.uuid4().hex}"
    assert "How old" in "".join(m.get("text", "") for m in answered(post(live, sender, "check my score")))
    for answer in ("31", '/inform{"choice":"single"}', "master's")[:question]:
        answered(post(live, sender, answer))
    answered(post(live, sender, text))


def test_after_the_fuzz_no_traceback_and_both_servers_answer(live, before):
    assert tracebacks(live) == before, live.logs()
    assert requests.get(f"http://127.0.0.1:{live.action_port}/health", timeout=10).ok
    assert "not legal advice" in live.texts(f"after-fuzz-{uuid.uuid4().hex}", "hello")
