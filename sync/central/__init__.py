"""The reference central one-stop system: contract implementation for dev, demo, pilots, tests."""
