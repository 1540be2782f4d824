"""PDF reports for clinicians (DESIGN §7)."""
