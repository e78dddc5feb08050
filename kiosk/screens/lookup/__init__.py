"""The "Tra cứu hồ sơ" screens: the receipt's code on a keypad, then the dossier's status."""
