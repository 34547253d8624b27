"""The archive: per meeting, an append-only, verified set of the papers, with a manifest (SHA-256, Noark 5)."""
