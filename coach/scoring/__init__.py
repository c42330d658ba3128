"""Scoring: the offline move detector, the judges and the scorecard."""
