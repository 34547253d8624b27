"""Fuzzing the command line with hostile and broken case files, file names and templates."""
