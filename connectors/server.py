"""The Rasa server's one explicit start-up: ``python -m connectors.server run --model ... --endpoints ...`` is
``rasa run ...`` (the same arguments, Rasa's own command line) after :func:`start`.

:func:`start` installs the log filter that keeps message text and profile values out of the logs
(:mod:`common.log_privacy`) and the Rasa speed-up of :mod:`connectors.rasa_speed` (unless ``EE_RASA_PATCH=0``, or the
Rasa version is not 3.6.x: then it says why and Rasa runs as it is). Every launcher of this project starts the
Rasa server this way (scripts/local_services.py, scripts/terminal.py, deploy/, the test servers); ``rasa run``
itself still works and simply runs Rasa unpatched. The action server (``rasa run actions``) needs nothing of it.
"""
import logging
import sys
from typing import List, Optional



# The ``nlg:`` entry of every endpoints file of this project: responses filled with the rule figures of the day
# (connectors/nlg.py). The files written at run time (the test servers, the terminal chat) append it.
NLG_ENDPOINT = "nlg:\n  type: connectors.nlg.RuleFiguresNLG\n"


def command(python: str = sys.executable) -> List[str]:
    """The command that starts the Rasa server, in place of the ``rasa`` executable (followed by ``run ...``)."""
    return [python, "-m", "connectors.server"]


def start() -> bool:
    """What the Rasa server does before Rasa's own start: the log filter that keeps message text and profile
    values out of every log line (common.log_privacy), then the speed-up. True when the speed-up is installed."""
    from common import log_privacy
    from connectors import rasa_speed

    log_privacy.install()
    _say_at_start(logging.getLogger(rasa_speed.__name__))
    return rasa_speed.install()


def _say_at_start(logger: logging.Logger) -> None:
    """Rasa sets up its logging only once it has read its arguments: the start-up line is written to the
    console by the module's own handler (it holds no personal data), once."""
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s  - %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def main(argv: Optional[List[str]] = None) -> None:
    start()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa"] + list(sys.argv[1:] if argv is None else argv)
    rasa_main()


if __name__ == "__main__":
    main()
