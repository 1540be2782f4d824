"""Getting sessions in and out: CSV event import, synthetic demo sessions (DESIGN §9)."""
