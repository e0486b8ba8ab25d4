"""Context-free understanding of one message: the facts a message states whatever question was asked.

- :mod:`understanding.text`: normalisation (number words through text2num, typos, units) with a map back to
  the offsets of the message as typed;
- :mod:`understanding.limits`: :func:`~understanding.limits.bounded` and the longest message read;
- :mod:`understanding.rules`: the readers of each kind of fact (age, marital status, education, language test
  and scores, durations of work with their role, money, family size, NOC code, test date);
- :mod:`understanding.answers`: the readers of a short answer to a known kind of question (yes or no, "I don't
  know", a duration, a Canadian credential, a job title, a date, hours a week);
- :mod:`understanding.entities`: :func:`find_entities`, the facts of a message as Rasa entities with roles and
  groups, matched with spaCy's rule-based ``Matcher`` over the blank English pipeline;
- :mod:`understanding.component`: the Rasa NLU graph component that runs :func:`find_entities` in the pipeline
  (the only module here that imports Rasa).

This package imports only the engine (tests/engine/test_layers.py).

The action server imports the same functions (actions/parsing.py, actions/cec.py), so that the form reads a message the same
way whether its entities come from the NLU pipeline or are computed there (unit tests, the form-only simulator).
"""
