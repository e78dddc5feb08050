"""Cryptography of eMRTD access control and secure messaging (ICAO Doc 9303 Part 11)."""
