"""The Textual app: a thin layer over coach.service; it owns no domain rules."""
