"""Command line: ``python -m express_entry COMMAND ...``.

Each command lives in its own module and is imported only when it is run, so
that ``assess`` stays fast and never pays for SQLAlchemy or spaCy.
"""
import importlib
import os
import sys

COMMANDS = {
    "assess": ("express_entry.cli.assess", "Assess profiles: CRS score, program eligibility (JSON on stdin)."),
    "advise": ("express_entry.cli.advise", "Suggestions that would raise the CRS score, and losses ahead."),
    "draws": ("express_entry.cli.draws", "Rounds of invitations: import IRCC's feed, query cut-offs and the pool."),
    "timeline": ("express_entry.cli.timeline", "When the CEC is met, and the CRS on each date ahead (JSON on stdin)."),
    "noc": ("express_entry.cli.noc", "Find the NOC 2021 code and TEER of a job title; category-based selection."),
}


def usage() -> str:
    lines = ["usage: python -m express_entry COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<8} {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "Run 'python -m express_entry COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}; expected one of: {', '.join(COMMANDS)}", file=sys.stderr)
        print(usage(), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    try:
        return int(module.main(rest) or 0)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours, and no traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
