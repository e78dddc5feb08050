"""Reusable widgets of the kiosk (the on-screen keyboard, …)."""
