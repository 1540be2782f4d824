"""Charts for the reports: small functions that each return reportlab ``Drawing``s."""
