"""How a real model behaves as the counterpart and the judge, through coach's gate and hygiene. Not a test: it talks
to the server you name (a local one: `../shared/tools/local-llm.sh` serves SmolLM2 as `smol` on 127.0.0.1:8766).

    python benchmarks/model_eval.py --base-url http://127.0.0.1:8766/v1 --model smol
    python benchmarks/model_eval.py ... --scripts 6 --turns 5 --judge 4    # a smaller run on a slow server

Plays the blind learner scripts (benchmarks/data/coherence/scripts) through the model counterpart and prints reply
length in words (p50/p95 against the word budget), replies that speak as someone else (a role label left in, or
the learner's lines written), exact repeats within a session, notes (cuts, withheld agreements), and the turn of
the concession per learner kind (mediocre and off-script learners should never get it). Everything is measured on
the text the learner saw (the saved turn, which is what streamed), and a role label is what the app takes off the
start of a line (coach/rehearsal/engines/labels.py), looked for at the start of the reply and of each sentence
in it. Then the LLM judge on the expert-scored sessions (benchmarks/data/scorecard-2): criteria within ±1 of the
coach (all, and those the model judged), how often it fell back to the offline judge (each fallback must say
why), scores outside the rubric's levels (must be none), and seconds per scorecard.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.core.config import Settings  # noqa: E402
from coach.core.events import ReplyDone, ReplyFailed  # noqa: E402
from coach.core.session_file import read_session  # noqa: E402
from coach.moves.detector import Detector  # noqa: E402
from coach.rehearsal.engines import hygiene, labels  # noqa: E402
from coach.rehearsal.engines.openai_chat import ModelCounterpart  # noqa: E402
from coach.rehearsal.rehearsal import Rehearsal  # noqa: E402
from coach.rehearsal.store import SessionStore  # noqa: E402
from coach.scenario import load_catalog  # noqa: E402
from coach.scoring.llm_judge import score_llm  # noqa: E402

SCRIPTS = ROOT / "benchmarks/data/coherence/scripts"
SCORED = ROOT / "benchmarks/data/scorecard-2"
_COLON_OPENING = re.compile(r"[\"“]?(?:\*\*)?[A-Z][\w .'’-]{0,30}:(?:\*\*)?\s")  # the shape, whatever it says
_LEARNER = re.compile(r"(?:^|\n)\s*(?:you|learner|user|human)\s*:", re.IGNORECASE)


async def play(item, script: dict, settings: Settings, store: SessionStore, detector: Detector, turns: int) -> dict:
    engine = ModelCounterpart(settings)
    rehearsal = Rehearsal.begin(item, "realistic", engine, detector, store, token_counting=engine.token_counting)
    out = {"words": [], "prefixed": 0, "learner_lines": 0, "repeats": 0, "notes": [], "failed": 0, "agreed_at": None,
           "prefixes": [], "colon_speech": 0, "spoken": []}
    said: set[str] = set()
    for number, line in enumerate(script["lines"][:turns], start=1):
        if rehearsal.ended:
            break
        async for event in rehearsal.send(line["text"]):
            if isinstance(event, ReplyFailed):
                out["failed"] += 1
                out["notes"].append(f"failed: {event.error.message}")
            elif isinstance(event, ReplyDone):
                text = event.turn.text
                out["words"].append(len(text.split()))
                found = role_label(text)
                out["prefixed"] += bool(found)
                if found:
                    out["prefixes"].append(found)
                spoken = colon_speech(text)
                out["colon_speech"] += bool(spoken)
                if spoken:
                    out["spoken"].append(spoken)
                out["learner_lines"] += bool(_LEARNER.search(text))
                key = " ".join(text.lower().split())
                out["repeats"] += key in said
                said.add(key)
                if event.turn.note:
                    out["notes"].append(event.turn.note)
        if rehearsal.session.outcome == "agreed" and out["agreed_at"] is None:
            out["agreed_at"] = number
    rehearsal.close()
    await engine.aclose()
    return out


def role_label(text: str) -> str | None:
    """Where the reply, or a sentence in it, opens with a role label (by the rule the app cleans with)."""
    for sentence in hygiene.sentences(text):
        if labels.opening(sentence):
            return sentence[:80]
    return None


def colon_speech(text: str) -> str | None:
    """A sentence that opens with a few capitalised words and a colon that the label rule keeps as speech
    ("Here's the thing: ..."): shown so a person can check that rule on real replies."""
    for sentence in hygiene.sentences(text):
        if _COLON_OPENING.match(sentence) and not labels.opening(sentence):
            return sentence[:80]
    return None


async def judge(settings: Settings, limit: int) -> Counter:
    catalog = load_catalog()
    expert = json.loads((SCORED / "expert-scores-2026-12-04-b.json").read_text(encoding="utf-8"))["sessions"]
    out: Counter = Counter()
    for name, entry in sorted(expert.items())[:limit]:
        session = read_session(SCORED / "sessions" / name)
        item = catalog.get(session.scenario_id)
        started = time.monotonic()
        card = await score_llm(session, item.scenario, catalog.library, settings)
        seconds = time.monotonic() - started
        out["cards"] += 1
        out["seconds"] += seconds
        out["slowest"] = max(out["slowest"], seconds)
        for c in card.criteria:
            out["invalid"] += not (type(c.score) is int and 0 <= c.score <= 4)
            out["unexplained"] += c.judge != "llm" and not (c.note or "").startswith("scored by the offline detector")
            if c.id not in entry["criteria"]:
                continue
            close = abs(c.score - int(entry["criteria"][c.id]["score"])) <= 1
            out["n"] += 1
            out["within"] += close
            if c.judge == "llm":
                out["judged"] += 1
                out["judged_within"] += close
            else:
                out["fell_back"] += 1
        print(f"  {name:<58} {card.judge:<8} {seconds:5.0f} s", flush=True)
    return out


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--scripts", type=int, default=26, help="how many learner scripts to play (default all)")
    parser.add_argument("--turns", type=int, default=10, help="learner lines per script")
    parser.add_argument("--judge", type=int, default=16, help="expert-scored sessions for the judge (0: skip)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    settings = Settings(engine="openai", base_url=args.base_url, model=args.model, api_key=args.api_key,
                        timeout=args.timeout, judge_samples=1)
    catalog = load_catalog()
    scripts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCRIPTS.glob("*.json"))]
    # Every kind in turn, so a short run still sees skilled, mediocre and off-script learners.
    kinds: dict[str, list[dict]] = defaultdict(list)
    for script in scripts:
        kinds[script["kind"]].append(script)
    scripts = [s for group in zip(*kinds.values()) for s in group] + [
        s for group in kinds.values() for s in group[min(map(len, kinds.values())):]]
    budget = ModelCounterpart(settings).budget  # the reply's word budget, as the counterpart works it out
    words, notes, by_kind = [], Counter(), defaultdict(list)
    totals, prefixes, spoken = Counter(), [], []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp))
        for script in scripts[: args.scripts]:
            item = catalog.get(script["scenario_id"])
            result = await play(item, script, settings, store, Detector(catalog.library, item.scenario.rubric.custom),
                                args.turns)
            words += result["words"]
            notes.update(n.split(";")[0] for n in result["notes"])
            spoken += result["spoken"]
            for key in ("prefixed", "colon_speech", "learner_lines", "repeats", "failed"):
                totals[key] += result[key]
            prefixes += result["prefixes"]
            by_kind[script["kind"]].append(result["agreed_at"])
            print(f"  {script['scenario_id']:<40} {script['kind']:<11} replies {len(result['words'])}, "
                  f"agreed at {result['agreed_at'] or '-'}", flush=True)
    if words:
        p50, p95 = np.percentile(words, [50, 95])
        print(f"\nreplies {len(words)} in {time.monotonic() - started:.0f} s: words p50 {p50:.0f}, p95 {p95:.0f} "
              f"(budget {budget}); "
              f"role prefixes {totals['prefixed']}, learner lines written {totals['learner_lines']}, "
              f"exact repeats {totals['repeats']}, failed replies {totals['failed']}")
        print(f"  replies with a sentence that opens with words and a colon kept as speech: {totals['colon_speech']}")
        for sample in spoken[:12]:
            print(f"    kept as speech: {sample!r}")
        for sample in prefixes[:3]:
            print(f"  a line that opens like a role label: {sample!r}")
        for note, count in notes.most_common(5):
            print(f"  note x{count}: {note}")
        for kind, agreed in sorted(by_kind.items()):
            got = [a for a in agreed if a]
            print(f"  {kind:<11} agreed {len(got)}/{len(agreed)}" + (f", at turns {got}" if got else ""))
    if args.judge:
        j = await judge(settings, args.judge)
        n = max(j["n"], 1)
        print(f"\njudge on {j['cards']} expert-scored sessions ({j['seconds'] / max(j['cards'], 1):.0f} s a card, "
              f"slowest {j['slowest']:.0f} s): within ±1 {j['within']}/{j['n']} ({j['within'] / n:.0%}); "
              f"on the criteria the model judged {j['judged_within']}/{j['judged']}; fell back to the offline judge "
              f"on {j['fell_back']}/{j['n']} criteria ({j['fell_back'] / n:.0%}), without saying why on "
              f"{j['unexplained']}; scores outside 0-4: {j['invalid']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
