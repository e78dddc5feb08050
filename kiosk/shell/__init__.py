"""The kiosk shell: the fullscreen window, its screen stack, idle watch, theme, language."""
