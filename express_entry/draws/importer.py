"""Import IRCC's rounds feed into the database, idempotently, in one transaction."""
import logging
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Union

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload

from .feed import FeedError, decode, parse_feed
from .models import PoolBand, Round, session
from .pool import BANDS

log = logging.getLogger(__name__)

FIELDS = ["sort_key", "date", "name", "type_id", "size", "crs", "programs", "datetime_text",
          "tie_break_text", "distribution_as_on"]
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 30


class _RedirectRefused(Exception):
    pass


class _HttpsRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an https URL (https -> https, or http -> https); anything else (another
    scheme such as file: or ftp:, or a downgrade to http) ends the download."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() != "https":
            raise _RedirectRefused(f"the server redirects to {newurl!r}; only redirects to https:// are followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# No FileHandler, FTPHandler or DataHandler: only http(s) can be opened, whatever a redirect says.
_OPENER = urllib.request.OpenerDirector()
for _handler in (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(), _HttpsRedirects(),
                 urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler(),
                 urllib.request.ProxyHandler()):
    _OPENER.add_handler(_handler)


def read_source(source: str) -> bytes:
    """The bytes of a local file or an http(s) URL.  Raises FeedError."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "express-entry-assistant"})
        try:
            with _OPENER.open(request, timeout=TIMEOUT) as response:  # http/https only, redirects to https only
                payload = response.read(MAX_BYTES + 1)
        except _RedirectRefused as exc:
            raise FeedError(f"cannot download {source}: {exc}") from None
        except urllib.error.HTTPError as exc:
            raise FeedError(f"cannot download {source}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FeedError(f"cannot download {source}: {reason}") from None
    elif "://" in source:
        raise FeedError(f"{source!r}: only local files and http(s) URLs can be imported")
    else:
        path = Path(source)
        if not path.is_file():
            raise FeedError(f"{source}: no such file")
        try:
            with path.open("rb") as fh:
                payload = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise FeedError(f"cannot read {source}: {exc.strerror}") from None
    if len(payload) > MAX_BYTES:
        raise FeedError(f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB: not a rounds feed")
    return payload


def _bands(counts):
    out = []
    for key, value in counts.items():
        low, high = (BANDS[key][0], BANDS[key][1]) if key in BANDS else (None, None)
        out.append(PoolBand(key=key, low=low, high=high, candidates=value))
    return out


def _differs(row: Round, new: dict) -> bool:
    if any(getattr(row, f) != new[f] for f in FIELDS):
        return True
    return row.counts() != new["distribution"]


def import_feed(payload: Union[bytes, dict, list], engine: Engine, source: str = "the file") -> dict:
    """Add new rounds and update changed ones from a feed, all or nothing.

    ``payload`` is the raw JSON (bytes) or the decoded object.  The feed is fully
    checked first; any problem raises FeedError and nothing is written.  Rounds in
    the database but not in the feed are kept (a feed may hold only recent rounds).
    Returns {"added", "updated", "unchanged", "total", "latest_round", "warnings"}.
    """
    data = decode(payload, source) if isinstance(payload, (bytes, bytearray)) else payload
    rounds = parse_feed(data)
    added = updated = unchanged = 0

    with session(engine) as s, s.begin():
        existing = {
            r.number: r
            for r in s.execute(select(Round).options(selectinload(Round.bands))).scalars()
        }
        for new in rounds:
            row = existing.get(new["number"])
            if row is None:
                row = Round(number=new["number"], **{f: new[f] for f in FIELDS})
                if new["distribution"]:
                    row.bands = _bands(new["distribution"])
                s.add(row)
                added += 1
            elif _differs(row, new):
                for f in FIELDS:
                    setattr(row, f, new[f])
                if row.counts() != new["distribution"]:
                    row.bands.clear()
                    s.flush()  # delete the old bands before inserting rows with the same keys
                    if new["distribution"]:
                        row.bands.extend(_bands(new["distribution"]))
                updated += 1
            else:
                unchanged += 1
        s.flush()
        total = len(existing) + added
    latest = max(rounds, key=lambda r: (r["date"], r["sort_key"]))
    warnings = [w for r in rounds for w in r["warnings"]]
    log.info("imported %s: %d added, %d updated, %d unchanged", source, added, updated, unchanged)
    return {
        "source": source,
        "added": added,
        "updated": updated,
        "unchanged": unchanged,
        "rounds_in_file": len(rounds),
        "rounds_in_database": total,
        "latest_round_in_file": {"number": latest["number"], "date": latest["date"].isoformat()},
        "warnings": warnings,
    }


def import_source(source: str, engine: Engine) -> dict:
    """Import a local file or an http(s) URL."""
    return import_feed(read_source(source), engine, source=source)
