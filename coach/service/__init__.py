"""The one service the shells talk to: it owns the rules (start, resume, score and save, check, export).

The CLI and the app only show what it returns; features below it never import it.
"""

from coach.service.coach import Coach, CoachError

__all__ = ["Coach", "CoachError"]
