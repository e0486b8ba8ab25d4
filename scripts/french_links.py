"""Point the French responses at the French canada.ca pages (issue 20).

    .venv/bin/python scripts/french_links.py [--check] [FILE ...]      (default: domain.yml data/nlu/responses/faq.yml)

In each file, inside the French variations only (a response variation whose conditions include the slot
``language`` = ``fr``), every English canada.ca URL is replaced with its French page from
express_entry/data/labels/links_fr.yaml (read through actions.sources). The YAML text is edited in place, so comments,
quoting and layout stay as they are; English variations are never touched. Running it again changes nothing.

- A URL of the map whose French address is not confirmed (``fr_url: null``) is left in English, and listed.
- A canada.ca URL that is not in the map (an English page the map lacks, or a French address that is no page of the
  map) is an error: the script names it and exits 1 without writing anything, so the map is completed first.
- ``--check`` writes nothing and exits 1 if a file would change (for CI after a merge).
"""
import argparse
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actions.sources import french_pages  # noqa: E402  (after the path set-up, for a plain `python scripts/...`)

DEFAULT_FILES = ("domain.yml", "data/nlu/responses/faq.yml")
CANADA_URL = re.compile(r"https://www\.canada\.ca/(?:en|fr)/[^\s)\"'<>\]]*")


def _value(mapping: yaml.MappingNode, key: str) -> Optional[yaml.Node]:
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _is_french(variation: yaml.Node) -> bool:
    if not isinstance(variation, yaml.MappingNode):
        return False
    conditions = _value(variation, "condition")
    if not isinstance(conditions, yaml.SequenceNode):
        return False
    for cond in conditions.value:
        if not isinstance(cond, yaml.MappingNode):
            continue
        name, value = _value(cond, "name"), _value(cond, "value")
        if name is not None and name.value == "language" and value is not None and value.value == "fr":
            return True
    return False


def french_spans(text: str) -> List[Tuple[int, int]]:
    """(start, end) character offsets of every French response variation in a domain-format YAML text."""
    root = yaml.compose(text)
    responses = _value(root, "responses") if isinstance(root, yaml.MappingNode) else None
    spans = []
    for _, variations in (responses.value if isinstance(responses, yaml.MappingNode) else ()):
        for variation in (variations.value if isinstance(variations, yaml.SequenceNode) else ()):
            if _is_french(variation):
                spans.append((variation.start_mark.index, variation.end_mark.index))
    return spans


def rewrite(text: str, pages: Dict[str, dict]) -> Tuple[str, List[str], List[str]]:
    """The text with the French variations' canada.ca URLs made French, the URLs left in English (no confirmed
    French page) and the URLs the map lacks."""
    french_urls = {p["fr_url"] for p in pages.values() if p.get("fr_url")}
    kept, unknown = [], []

    def replace(match: "re.Match[str]") -> str:
        url = match.group(0)
        if url in french_urls:
            return url
        page = pages.get(url)
        if page is None:
            unknown.append(url)
            return url
        if not page.get("fr_url"):
            kept.append(url)
            return url
        return page["fr_url"]

    out = text
    for start, end in sorted(french_spans(text), reverse=True):
        out = out[:start] + CANADA_URL.sub(replace, out[start:end]) + out[end:]
    return out, kept, unknown


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    pages = french_pages()
    results, unknown = [], []
    for name in args.files:
        path = Path(name) if Path(name).is_absolute() else ROOT / name
        text = path.read_text(encoding="utf-8")
        new, kept, missing = rewrite(text, pages)
        results.append((path, text, new, kept))
        unknown += [f"{name}: {url}" for url in missing]
    if unknown:
        print("canada.ca URLs in French variations that express_entry/data/labels/links_fr.yaml lacks "
              "(add them to the map, checked, then run again):", *sorted(set(unknown)), sep="\n  ", file=sys.stderr)
        return 1
    changed = False
    for path, text, new, kept in results:
        if kept:
            print(f"{path.name}: kept in English (no confirmed French page): {len(kept)} link(s) to",
                  *sorted(set(kept)), sep="\n  ")
        if new != text:
            changed = True
            print(f"{path.name}: French canada.ca links {'to update' if args.check else 'updated'}")
            if not args.check:
                path.write_text(new, encoding="utf-8")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
