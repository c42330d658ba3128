"""Errors every part of coach may raise or catch; each message is one line the user can act on."""

from __future__ import annotations


class EngineError(Exception):
    """A failure the learner can act on. The message is specific and never contains the API key."""

    def __init__(self, kind: str, message: str, *, retryable: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


class TranscriptError(Exception):
    """A file that is not a readable session; the message names the file."""


class DuplicateSession(TranscriptError):
    """A second file in a sessions folder with the id of another: skipped, and said so."""


class SaveError(Exception):
    """A session could not be written (a read-only or full disk, a file where the folder should be); the
    message says where and why, in one line."""

    def __init__(self, what: str, exc: OSError):
        super().__init__(f"cannot save {what}: {exc.strerror or exc}")


class SessionBusy(Exception):
    """Another process has this session open; the message says so and what to do."""


class SessionEnded(Exception):
    """A line sent to a conversation the counterpart has already closed."""
