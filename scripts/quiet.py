"""Quiet output for the commands that print figures and load Rasa in their own process (scripts/nlu_report.py,
the simulator `python -m tests.sim.sim`). The servers get the same from their environment (Makefile,
scripts/*.sh)."""
import logging
import os
import warnings


def quiet_libraries() -> None:
    """Call before Rasa or TensorFlow is imported. It keeps TensorFlow's start-up lines, telemetry and library
    deprecation warnings out. Some libraries reset the warning filters while Rasa imports them, and Rasa sends
    warnings through logging, so showwarning and the ``py.warnings`` logger are silenced too."""
    for name, value in {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "LOG_LEVEL": "WARNING",
                        "PYTHONWARNINGS": "ignore", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}.items():
        os.environ.setdefault(name, value)
    warnings.filterwarnings("ignore")
    warnings.showwarning = lambda *args, **kwargs: None
    logging.getLogger("py.warnings").setLevel(logging.ERROR)


def quiet_rasa_logs() -> None:
    """Call before a model is loaded in this process. Rasa then logs warnings and errors only, its structured
    log included. That log's debug lines print slot values."""
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
