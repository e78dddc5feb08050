"""Helpers that run real infrastructure on loopback for tests, benchmarks and demos."""
