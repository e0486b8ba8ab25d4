"""The action server (rasa_sdk): the profile form, the result, the CEC journey, FAQ, privacy.

Importing the package sets nothing up: it registers the server's start-up (:mod:`actions.start`) with rasa_sdk,
which runs it once when ``rasa run actions`` starts the server.
"""
from actions.start import register as _register_start_up

_register_start_up()
