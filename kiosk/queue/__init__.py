"""Queue tickets: numbering, printing and the wait estimate, without Qt."""
