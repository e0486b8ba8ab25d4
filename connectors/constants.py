"""Names shared by the Rasa server side (connectors) and the action server (actions).

No imports: the action server reads these without loading Rasa.
"""
# Slot the privacy action sets to ask the tracker store to delete the conversation.
ERASURE_SLOT = "data_erasure"
# Custom message the REST channel passes to the web page after a deletion.
ERASED_CUSTOM = {"privacy": "deleted"}
