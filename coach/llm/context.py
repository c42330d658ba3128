"""Keep a chat request within the context budget.

The leading system message(s) and the latest turns are never dropped (at least the last four
dialogue messages, and anything after them); when the rest does not fit, the oldest turns go and one
short, deterministic note takes their place, so the model knows that part of the talk happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.llm.tokens import MESSAGE_OVERHEAD, REPLY_PRIMING, TokenCounter

Message = dict[str, Any]
KEEP_LAST = 4
_SNIPPET_WORDS = 12
_SNIPPETS = 4  # per side, the most recent of the dropped ones


def fit(messages: Sequence[Message], budget: int, counter: TokenCounter, keep_last: int = KEEP_LAST) -> list[Message]:
    """The messages to send: `messages` itself when it fits, else with its oldest dialogue replaced."""
    messages = list(messages)
    sizes = [MESSAGE_OVERHEAD + counter.count(str(m.get("content") or "")) for m in messages]
    total = REPLY_PRIMING + sum(sizes)
    if total <= budget:
        return messages
    head = 0
    while head < len(messages) and messages[head].get("role") == "system":
        head += 1
    dialogue_positions = [i for i in range(head, len(messages)) if messages[i].get("role") != "system"]
    if len(dialogue_positions) <= keep_last:
        return messages  # nothing may be dropped; send it and let the server judge
    first_kept = dialogue_positions[-keep_last]
    droppable = list(range(head, first_kept))
    kept_size = REPLY_PRIMING + sum(sizes[:head]) + sum(sizes[first_kept:])
    # Drop the oldest messages until what is left, plus the note, fits (or nothing more may go).
    for cut in range(1, len(droppable) + 1):
        dropped = [messages[i] for i in droppable[:cut]]
        note = summary_note(dropped)
        size = kept_size + sum(sizes[i] for i in droppable[cut:]) + MESSAGE_OVERHEAD + counter.count(note)
        if size <= budget or cut == len(droppable):
            rest = [messages[i] for i in droppable[cut:]]
            return [*messages[:head], {"role": "system", "content": note}, *rest, *messages[first_kept:]]
    return messages  # unreachable: the loop always returns


def summary_note(dropped: Sequence[Message]) -> str:
    """One short note standing in for the dropped turns; the same turns always give the same note."""
    theirs = [_snippet(m) for m in dropped if m.get("role") == "user"][-_SNIPPETS:]
    yours = [_snippet(m) for m in dropped if m.get("role") == "assistant"][-_SNIPPETS:]
    parts = [f"(Earlier part of this conversation, left out to save space: {len(dropped)} messages."]
    if yours:
        parts.append(" You had said, among other things: " + "; ".join(yours) + ".")
    if theirs:
        parts.append(" They had said, among other things: " + "; ".join(theirs) + ".")
    parts.append(" Carry on from where the conversation is now, without repeating points already settled.)")
    return "".join(parts)


def _snippet(message: Message) -> str:
    words = str(message.get("content") or "").split()
    text = " ".join(words[:_SNIPPET_WORDS])
    return f"“{text}{'…' if len(words) > _SNIPPET_WORDS else ''}”"
