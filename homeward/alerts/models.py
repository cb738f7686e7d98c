"""Child alerts: the assessment against the national criteria, the competent authority's
decision, and the CAP 1.2 messages published for it."""
