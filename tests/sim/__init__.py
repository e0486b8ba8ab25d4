"""The conversation simulator. Its model-backed samples are small in `make test` and full-size in `make sim`
(SIM_FULL=1), the guide's split: the full runs take longer than the whole test budget."""
import os


def size(sample: int, full: int = 200) -> int:
    """How many candidates a model-backed simulator test runs: ``full`` under SIM_FULL=1, else ``sample``."""
    return full if os.environ.get("SIM_FULL") == "1" else sample
