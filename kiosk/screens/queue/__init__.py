"""Screens of the "take a queue number" journey."""
