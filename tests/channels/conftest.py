"""Fixtures for the channel tests: fake Telegram and Slack APIs and a channel server.

Everything listens on 127.0.0.1 on free ports; nothing reaches the internet.

- ``fake_telegram`` / ``fake_slack``: aiohttp servers that answer like the Bot API
  and the Slack Web API and record every call.
- ``channel_server(channel)``: a Sanic app with the channel's blueprint mounted
  at ``/webhooks/<name>/`` exactly as ``rasa run`` mounts it
  (``rasa.core.channels.channel.register``), whose "agent" is a small scripted
  bot: it answers a text with a text, two buttons and the chart image, and a
  button payload with a text naming it.
"""
import asyncio
import json
import socket
import threading
import time
from typing import Any, Dict, List

import pytest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopThread:
    """An asyncio loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def stop_sanic(lt: LoopThread, server) -> None:
    """Close a Sanic AsyncioServer started in ``lt``, then stop the loop."""

    async def close():
        task = server.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 5)
            except asyncio.TimeoutError:
                pass

    try:
        lt.run(close())
    finally:
        lt.stop()


class FakeAPI:
    """Records calls: ``calls`` is a list of (method, params)."""

    def __init__(self) -> None:
        self.calls: List[tuple] = []
        self.url = ""

    def methods(self, name: str) -> List[Dict[str, Any]]:
        return [params for method, params in self.calls if method == name]

    def wait_for(self, name: str, count: int = 1, timeout: float = 10.0) -> List[Dict[str, Any]]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.methods(name)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} {name} call(s), got {self.calls!r}")


async def _params(request) -> Dict[str, Any]:
    if request.content_type == "application/json":
        return await request.json()
    if request.method == "POST":
        form = await request.post()
        return {k: (v if isinstance(v, str) else getattr(v, "filename", "<file>")) for k, v in form.items()}
    return dict(request.query)


BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Express Entry", "username": "ee_test_bot"}


def _start_aiohttp(make_app, api: FakeAPI, path_prefix: str):
    from aiohttp import web

    lt = LoopThread()
    port = free_port()

    async def start():
        runner = web.AppRunner(make_app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        return runner

    runner = lt.run(start())
    api.url = f"http://127.0.0.1:{port}{path_prefix}"
    return lt, runner


def start_fake_telegram():
    """A fake Bot API on loopback: (FakeAPI, close function)."""
    from aiohttp import web

    api = FakeAPI()

    async def handle(request):
        method = request.match_info["method"]
        params = await _params(request)
        api.calls.append((method, params))
        if method == "getMe":
            result: Any = BOT_USER
        elif method in ("sendMessage", "sendPhoto"):
            chat_id = int(params.get("chat_id", 0))
            result = {"message_id": len(api.calls), "date": int(time.time()), "from": BOT_USER,
                      "chat": {"id": chat_id, "type": "private"}}
            if method == "sendMessage":
                result["text"] = params.get("text", "")
            else:
                result["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    def make_app():
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", handle)
        return app

    lt, runner = _start_aiohttp(make_app, api, "")
    return api, lambda: (lt.run(runner.cleanup()), lt.stop())


def start_fake_slack():
    """A fake Slack Web API on loopback: (FakeAPI, close function)."""
    from aiohttp import web

    api = FakeAPI()

    async def handle(request):
        method = request.match_info["method"]
        params = await _params(request)
        api.calls.append((method, params))
        return web.json_response({"ok": True, "channel": params.get("channel"), "ts": "1700000000.000100"})

    def make_app():
        app = web.Application()
        app.router.add_route("*", "/api/{method}", handle)
        return app

    lt, runner = _start_aiohttp(make_app, api, "/api/")
    return api, lambda: (lt.run(runner.cleanup()), lt.stop())


@pytest.fixture
def fake_telegram():
    api, close = start_fake_telegram()
    yield api
    close()


@pytest.fixture
def fake_slack():
    api, close = start_fake_slack()
    yield api
    close()


CHART = "/webhooks/web/chart.png?a=366&b=0&c=75&d=0"
FAQ_KEY = "cec_who_can_apply"


def result_replies(channel: str = "rest", language: str = "en") -> List[Dict[str, Any]]:
    """A real result turn as the channel's output receives it: action_assess run on a finished profile in a
    conversation on ``channel`` (on the REST channel the structured result, then the same in words and the chart;
    on Telegram and Slack the structured result alone), the domain's responses filled as Rasa fills them, in the
    conversation's ``language``."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ActionAssess
    from tests.rasa.test_form import SINGLE_DONE
    from tests.sim.drivers import domain, render

    slots = {**SINGLE_DONE, "profile_confirmed": True, "language": language}
    events = [{"event": "user", "text": "yes", "input_channel": channel}]
    d = CollectingDispatcher()
    ActionAssess().run(d, Tracker("t", slots, {}, events, False, None, {}, "action_listen"), domain())
    out = []
    for m in d.messages:
        if m.get("response"):
            out.append({"text": render(m, slots)["text"]})
        else:
            out.append({k: v for k, v in m.items() if k in ("text", "image", "custom") and v})
    return out


def faq_reply() -> Dict[str, Any]:
    """The FAQ answer action_answer_faq sends for FAQ_KEY, filled with the ruleset's figures."""
    from pathlib import Path

    import yaml
    from rasa.core.nlg.interpolator import interpolate

    from actions.faq import today
    from express_entry.facts import faq_facts

    responses = yaml.safe_load((Path(__file__).resolve().parents[2] / "data/nlu/responses/faq.yml").read_text())
    template = responses["responses"][f"utter_faq/{FAQ_KEY}"][0]["text"]
    return {"text": interpolate(template, faq_facts(today()))}


class ScriptedAgent:
    """Stands in for Rasa's Agent: records messages and answers through the output channel."""

    def __init__(self) -> None:
        self.messages: List[Any] = []

    async def handle_message(self, message) -> None:
        self.messages.append(message)
        out, to = message.output_channel, message.sender_id
        if message.text == "education?":
            levels = ["High school", "1-year program", "2-year program", "Bachelor's", "Master's", "PhD"]
            await out.send_response(to, {"text": "Your highest education?", "buttons": [
                {"title": t, "payload": f'/inform{{"choice":"{i}"}}'} for i, t in enumerate(levels)]})
            return
        if message.text == "result?":  # a result turn, as action_assess answers on this channel
            for reply in result_replies(message.input_channel):
                await out.send_response(to, reply)
            return
        if message.text == "faq?":
            await out.send_response(to, faq_reply())
            return
        if message.text.startswith("/"):
            await out.send_response(to, {"text": f"You chose {message.text}"})
            return
        await out.send_response(to, {"text": "Are you married?", "buttons": [
            {"title": "Yes", "payload": '/inform{"marital_status":"married"}'},
            {"title": "No", "payload": '/inform{"marital_status":"single"}'},
        ]})
        await out.send_response(to, {"image": CHART})


class ChannelServer:
    def __init__(self, channel) -> None:
        from rasa.core.channels.channel import register
        from sanic import Sanic

        # Sanic 21.12 rewrites its own methods at start-up; in test mode it can do it for
        # several apps in one process (as sanic-testing does).
        Sanic.test_mode = True
        self.agent = ScriptedAgent()
        self.app = Sanic(f"channel_test_{id(self)}")
        self.app.ctx.agent = self.agent
        register([channel], self.app, route="/webhooks/")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lt = LoopThread()

        async def start():
            server = await self.app.create_server(host="127.0.0.1", port=self.port,
                                                  return_asyncio_server=True, access_log=False)
            await server.startup()
            return server

        self.server = self.lt.run(start())

    def wait_messages(self, count: int, timeout: float = 10.0) -> List[Any]:
        deadline = time.time() + timeout
        while time.time() < deadline and len(self.agent.messages) < count:
            time.sleep(0.05)
        return self.agent.messages

    def close(self) -> None:
        stop_sanic(self.lt, self.server)


@pytest.fixture
def channel_server():
    servers = []

    def start(channel) -> ChannelServer:
        server = ChannelServer(channel)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def dumps(payload: Any) -> bytes:
    return json.dumps(payload).encode("utf-8")
