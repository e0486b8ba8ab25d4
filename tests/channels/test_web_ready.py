"""The web channel's readiness route (connectors/web.py), which the launchers, Docker Compose and Kubernetes
ask instead of Rasa's HTTP API."""
import requests

from connectors.web import WebChatInput


def test_ready_only_once_the_model_is_loaded(channel_server):
    server = channel_server(WebChatInput())
    url = f"{server.url}/webhooks/web/ready"
    server.agent.is_ready = lambda: False
    r = requests.get(url, timeout=10)
    assert r.status_code == 503 and r.json() == {"status": "loading"}
    server.agent.is_ready = lambda: True
    r = requests.get(url, timeout=10)
    assert r.status_code == 200 and r.json() == {"status": "ready"}
    del server.app.ctx.agent
    assert requests.get(url, timeout=10).status_code == 503
