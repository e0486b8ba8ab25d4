"""`draws import URL` follows a redirect only to https (https -> https, or http -> https)."""
import http.server
import threading

import pytest

from express_entry.draws import importer
from express_entry.draws.feed import FeedError


class _Redirect(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):  # noqa: N802
        if self.path == "/feed":
            body = b'{"rounds": []}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(302)
        self.send_header("Location", self.path[len("/to/"):])
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.json", "data:,{}",
                                    "http://127.0.0.1:9/feed"])
def test_a_redirect_to_another_scheme_or_to_plain_http_is_refused(server, target):
    with pytest.raises(FeedError) as e:
        importer.read_source(f"{server}/to/{target}")
    assert "redirect" in str(e.value).lower() and "rounds" not in str(e.value)


def test_a_plain_download_still_works(server):
    assert importer.read_source(f"{server}/feed") == b'{"rounds": []}'


def test_a_redirect_to_https_is_followed(server):
    # nothing listens on port 9 of the loopback: the download fails there, after the redirect was followed
    with pytest.raises(FeedError) as e:
        importer.read_source(f"{server}/to/https://127.0.0.1:9/feed")
    assert "only redirects to https" not in str(e.value)
    assert "cannot download" in str(e.value)


def test_the_opener_cannot_open_files():
    with pytest.raises(FeedError):
        importer.read_source("file:///etc/passwd")
