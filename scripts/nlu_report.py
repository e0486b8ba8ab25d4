"""Intent and entity F1 of the trained model on the held-out NLU data (tests/nlu_holdout/*.yml,
never used for training).

    .venv/bin/python scripts/nlu_report.py [--model models/assistant.tar.gz] [--data FOLDER_OR_FILE] [--errors]

--data tests/nlu_holdout/fr_core.yml scores one file (the French held-out sets carry no entity markup: their
entity figures count every entity read as a false positive; entities are scored on the English sets).

Retrieval intents are scored with their key (faq/what_is_clb). Entities are scored by
exact (entity, role, group, start, end) match, micro-averaged: a duration read with the wrong role
(canadian instead of foreign) counts as an error.
"""
import argparse
import asyncio
import glob
import pathlib
import sys
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the model's own component (understanding/) is imported from the repository
    sys.path.insert(0, str(ROOT))
from scripts.quiet import quiet_libraries, quiet_rasa_logs  # noqa: E402

quiet_libraries()  # this report prints figures only


def _key(e: dict):
    """An entity as scored: its type, role and group (None when not set) and its span."""
    return (e["entity"], e.get("role"), e.get("group"), e["start"], e["end"])


def load_examples(folder: pathlib.Path):
    """The examples of every .yml file of the folder, or of the one file given."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    paths = [str(folder)] if folder.is_file() else sorted(glob.glob(str(folder / "*.yml")))
    for path in paths:
        td = load_data(path)
        for m in td.intent_examples:
            intent = m.get("intent")
            key = m.get("intent_response_key") or intent
            ents = {_key(e) for e in m.get("entities") or []}
            examples.append((m.get("text"), key, ents))
    return examples


def f1_table(gold, pred):
    labels = sorted(set(gold) | set(pred))
    rows = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append((label, prec, rec, f1, tp + fn))
    return rows


async def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "models" / "assistant.tar.gz"))
    ap.add_argument("--data", default=str(ROOT / "tests" / "nlu_holdout"))
    ap.add_argument("--errors", action="store_true", help="list the misclassified examples")
    ap.add_argument("--extractor", help="score only the entities of this component (e.g. DIETClassifier or "
                                        "ProfileEntityExtractor); default: every entity of the pipeline")
    args = ap.parse_args(argv)
    if not pathlib.Path(args.model).exists():
        print(f"error: no model at {args.model}; run scripts/train.sh first", file=sys.stderr)
        return 2
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings

    configure_logging_and_warnings(logging.WARNING)
    quiet_rasa_logs()  # no per-message debug lines
    logging.getLogger().setLevel(logging.WARNING)

    examples = load_examples(pathlib.Path(args.data))
    agent = Agent.load(args.model)
    gold, pred, errors = [], [], []
    tp = fp = fn = 0
    for text, key, ents in examples:
        parsed = await agent.parse_message(text)
        intent = parsed["intent"]["name"]
        if intent == "faq" or (key or "").startswith("faq/"):
            sel = (parsed.get("response_selector") or {}).get("faq", {}).get("response", {})
            if intent == "faq":
                intent = sel.get("intent_response_key") or "faq"
        got = {_key(e) for e in parsed.get("entities") or []
               if args.extractor is None or e.get("extractor") == args.extractor}
        if (key or "").startswith("faq/"):
            got = set()  # FAQ examples are not annotated with entities: entities are scored on the rest
        tp += len(got & ents)
        fp += len(got - ents)
        fn += len(ents - got)
        gold.append(key)
        pred.append(intent)
        if intent != key:
            errors.append((text, key, intent, parsed["intent"].get("confidence")))
    rows = f1_table(gold, pred)
    n = len(gold)
    support = Counter(gold)
    macro = sum(r[3] for r in rows if support[r[0]]) / max(1, len([r for r in rows if support[r[0]]]))
    weighted = sum(r[3] * support[r[0]] for r in rows) / max(1, n)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / max(1, n)
    top = sorted({k.split("/")[0] for k in gold})
    grouped_gold = [g.split("/")[0] for g in gold]
    grouped_pred = [p.split("/")[0] for p in pred]
    g_rows = f1_table(grouped_gold, grouped_pred)
    print(f"held-out examples: {n} ({len(support)} intents/keys) from {args.data}")
    print(f"intent accuracy {acc:.3f}  macro F1 {macro:.3f}  weighted F1 {weighted:.3f}")
    faq = [(g, p) for g, p in zip(gold, pred) if g.startswith("faq/")]
    if faq:
        print(f"FAQ questions answered with the right key: {sum(g == p for g, p in faq) / len(faq):.3f} "
              f"(n={len(faq)})")
    print("per intent (retrieval keys grouped):")
    for label, p, r, f, s in g_rows:
        if label in top:
            print(f"  {label:<22} precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}  (n={s})")
    ep = tp / (tp + fp) if tp + fp else 0.0
    er = tp / (tp + fn) if tp + fn else 0.0
    ef = 2 * ep * er / (ep + er) if ep + er else 0.0
    print(f"entities: precision {ep:.3f}  recall {er:.3f}  F1 {ef:.3f}  (gold {tp + fn}, predicted {tp + fp})")
    if args.errors:
        for text, key, intent, conf in errors:
            print(f"  {text!r}: expected {key}, got {intent} ({conf:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
