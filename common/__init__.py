"""What the Rasa server (``connectors/``) and the action server (``actions/``) share, so that neither imports
the other: plain Python, standard library only (no Rasa, no engine import).

- :mod:`common.names`: the names the two servers exchange (the erasure slot and its custom messages);
- :mod:`common.chart_link`: the chart's route and URL (the action server links it, the web channel serves it);
- :mod:`common.log_privacy`: the log filter that keeps message text and profile values out of the logs,
  installed by each server's start-up (``actions.start``, the Rasa server's connectors).
"""
