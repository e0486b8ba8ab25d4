"""Channels, persistence and privacy plumbing for the Rasa server.

- ``connectors.telegram.TelegramInput``: Rasa's Telegram channel plus a check of
  Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header and a configurable API
  address (a local Bot API server, or a fake one in tests).
- ``connectors.slack.SlackInput``: Rasa's Slack channel with a configurable API
  address; relative chart URLs are made absolute.
- ``connectors.tracker_store.URLSQLTrackerStore``: Rasa's SQL tracker store
  configured by one URL (``TRACKER_STORE_URL``), SQLite file by default, that
  deletes a user's conversation when the privacy action asks for it.
- ``connectors.web.WebChatInput``: serves the web chat page and the CRS chart
  image from the Rasa server.
- ``connectors.chart``: the chart renderer (matplotlib, imported lazily).

Importing this package imports nothing heavy.
"""
