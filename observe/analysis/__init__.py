"""Responsiveness analysis (DESIGN §5)."""
