"""Project scripts; scripts/local_services.py is imported by the scaled launcher and the tests."""
