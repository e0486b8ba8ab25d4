"""Names the Rasa server side (connectors) and the action server (actions) exchange.

No imports: the action server reads these without loading Rasa.
"""
# Slot the privacy action sets to ask the tracker store to delete the conversation.
ERASURE_SLOT = "data_erasure"
# Custom message the privacy action sends before its confirmation: the channels hold
# every message after it until the tracker store has committed the deletion
# (connectors/erasure.py), so that "Done" is never said for a deletion that failed.
ERASURE_REQUESTED_CUSTOM = {"privacy": "erasure_requested"}
# Custom message the REST channel passes to the web page after a committed deletion.
ERASED_CUSTOM = {"privacy": "deleted"}
