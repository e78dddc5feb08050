"""Simulators and emulators of the kiosk's devices (for the demo and the tests)."""
