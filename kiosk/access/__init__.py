"""Inclusion: the voice, larger text, high contrast, audio (keypad) navigation, the help call
and the idle countdown, shared by every screen through the window (docs/accessibility.md)."""
