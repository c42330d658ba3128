"""Stable pseudonyms for `coach report --anonymize`.

A pseudonym is a keyed hash (HMAC-SHA256) of the name, so the same name always gets the same
pseudonym on this machine, in every format and every run, but nobody can get the name back by hashing
a list of likely names without the key. The key is made once and kept in the config folder
(`report-key`, readable only by you); set COACH_REPORT_KEY to share pseudonyms across machines.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets

from coach.core import paths

KEY_ENV = "COACH_REPORT_KEY"
KEY_FILE = "report-key"

_ADJECTIVES = (
    "Amber", "Azure", "Brave", "Bright", "Calm", "Clever", "Coral", "Crimson", "Eager", "Gentle", "Golden",
    "Happy", "Hazel", "Ivory", "Jade", "Kind", "Lively", "Lucky", "Mellow", "Misty", "Noble", "Olive",
    "Quiet", "Rapid", "Ruby", "Silver", "Steady", "Sunny", "Swift", "Teal", "Velvet", "Witty",
)
_ANIMALS = (
    "Badger", "Bison", "Crane", "Dolphin", "Eagle", "Falcon", "Ferret", "Finch", "Fox", "Gecko", "Heron",
    "Ibis", "Jaguar", "Koala", "Lark", "Lemur", "Lynx", "Marten", "Moose", "Newt", "Otter", "Owl", "Panda",
    "Puffin", "Quail", "Raven", "Robin", "Seal", "Stork", "Tapir", "Walrus", "Wren",
)
_CODE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def normalize(name: str) -> str:
    """Case and spacing do not make a different person: 'Ana  Lee' and 'ana lee' are one participant."""
    return " ".join(name.split()).casefold()


def report_key() -> tuple[bytes, str | None]:
    """The pseudonym key and, when it could not be kept, a warning to show."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8"), None
    path = paths.config_dir() / KEY_FILE
    try:
        paths.private_dir(path.parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key.encode("ascii"), None
            raise OSError("empty key file") from None
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            key = secrets.token_hex(32)
            handle.write(key + "\n")
        return key.encode("ascii"), None
    except (OSError, UnicodeDecodeError) as exc:
        return b"coach-report", f"cannot keep a pseudonym key in {path} ({exc}); pseudonyms are stable but not keyed"


def _digest(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def pseudonym(name: str, key: bytes) -> str:
    """e.g. 'Amber Heron 7KQ': readable in a room, with a code so two people never share one."""
    d = _digest(key, "participant:" + normalize(name))
    n = int.from_bytes(d[2:4], "big")
    code = "".join(_CODE[(n >> shift) & 31] for shift in (10, 5, 0))
    return f"{_ADJECTIVES[d[0] % 32]} {_ANIMALS[d[1] % 32]} {code}"


def session_alias(session_id: str, key: bytes) -> str:
    """A session id that cannot be matched to a saved file (whose name is the real id)."""
    return "s-" + _digest(key, "session:" + session_id).hex()[:10]


def redactor(names: list[str]):
    """A function that replaces each name (whole, or any word of it) in a text with '[name]', in any
    case: a shared report would rather over-redact a participant called Will than leak 'anna'."""
    words: set[str] = set()
    for name in names:
        for part in [" ".join(name.split()), *name.split()]:
            if len(part) >= 2:
                words.add(part.casefold())
    if not words:
        return lambda text: text
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub("[name]", text)
