"""Builds the blank English spaCy pipeline that config.yml's SpacyNLP loads.

No pretrained model can be downloaded here, so the NLU uses spacy.blank("en")
(tokenizer and lexical attributes only) saved to build/spacy_en. Rebuilt only
when missing or built by another spaCy version.
"""
import json
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "build" / "spacy_en"


def main() -> int:
    import spacy

    meta = OUT / "meta.json"
    if meta.exists():
        try:
            if json.loads(meta.read_text()).get("spacy_version", "").endswith(spacy.__version__):
                return 0
        except ValueError:
            pass
    nlp = spacy.blank("en")
    nlp.meta["name"] = "blank_en"
    nlp.meta["spacy_version"] = ">=" + spacy.__version__
    OUT.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(OUT)
    print(f"setup: blank spaCy pipeline written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
