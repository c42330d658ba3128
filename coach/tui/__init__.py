"""The Textual app: a thin layer over coach.service.coach; it owns no domain rules."""
