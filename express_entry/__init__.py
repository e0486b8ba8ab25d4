"""Express Entry rules engine: CRS score, language levels and program eligibility.

Public API: ``assess(profile) -> dict`` and ``ProfileError``; modules ``vocabulary``
(the shared words and formats), ``profile``, ``language``, ``rules``, ``crs``,
``programs``, ``advice``, ``categories``, ``noc``, ``draws`` and the command line
``cli`` (see docs/architecture.md).  Importing the package is
cheap: no YAML is read until the first assessment, and nothing heavy (spaCy,
SQLAlchemy, rapidfuzz, Rasa) is imported here.

Note: ``express_entry.assess`` is the *function* (the submodule of the same name
is ``sys.modules["express_entry.assess"]``; import helpers from it with
``from express_entry.assess import assess_validated``).
"""
from .profile import ProfileError
from .assess import assess  # rebinds the package attribute from the submodule to the function

__all__ = ["assess", "ProfileError"]
