"""Express Entry rules engine."""
