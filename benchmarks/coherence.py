"""Does the offline counterpart listen? Plays learner scripts through it and checks every reply against rules
code can check, using the scripts' own annotations (written blind, before any run) for what each line did.

    python benchmarks/coherence.py                        # the first blind set: benchmarks/data/coherence/scripts
    python benchmarks/coherence.py --set blind57          # set N: benchmarks/data/coherence-N/scripts
    python benchmarks/coherence.py --set dev              # the development set (tune on this one only)
    python benchmarks/coherence.py --out transcripts.md   # also every conversation, for a person to rate

Set N was written after set N-1 was read, by a writer who saw only the public briefings and the set's FORMAT.md;
each set's README says when and how. `benchmarks/coherence_scripts.py` checks a set's files against the format.

Rules (a violation is one reply that breaks one):
- asked-again: the reply asks for a move the learner made (annotated) in this line or the one before;
- unanswered: the learner asked a direct question and the reply neither answers nor deflects it;
- accepted-early: the reply accepts an answer to an objection that was never raised;
- repeated: the reply says a line (or a sentence of five words or more) said earlier in the session;
- unproposed-terms: an agreeing reply names a day, date, duration or figure the learner never said;
- ungated: the counterpart agreed although the annotated moves do not meet the scenario's gates;
- praised-unmade: the reply credits a move the line did not make (annotated): a reaction to a move not in this
  line, an accepted line for an objection none of whose answering moves is in it, or a nod for a pre-empted
  objection none of whose answering moves the learner has made so far (unless a line so far was annotated as
  heading off an objection: `preempts`);
- hazard-missed: the learner reported a safety problem (annotated offtopic "hazard") and the reply did not
  take it up first.
Tough against realistic: the same skilled scripts at both levels; tough should concede less, or later.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.coherence_scripts import FLAGS, Question, Script, ScriptLine, load_set  # noqa: E402
from coach.core.events import ReplyDone  # noqa: E402
from coach.moves.detector import Detector  # noqa: E402
from coach.rehearsal.dialogue.facts import key, terms_in  # noqa: E402
from coach.rehearsal.dialogue.lines import norm  # noqa: E402
from coach.rehearsal.engines.offline import OfflineCounterpart  # noqa: E402
from coach.rehearsal.rehearsal import Rehearsal  # noqa: E402
from coach.scenario import load_catalog  # noqa: E402

DATA = ROOT / "benchmarks/data"
SETS = {"blind": DATA / "coherence/scripts", "dev": DATA / "coherence-dev",
        **{f"blind{n}": DATA / f"coherence-{n}/scripts"
           for n in sorted(int(d.name.removeprefix("coherence-")) for d in DATA.glob("coherence-[0-9]*"))}}
RULES = ["asked-again", "unanswered", "accepted-early", "repeated", "unproposed-terms", "ungated", "praised-unmade",
         "hazard-missed"]
ANSWERING = ("answer:", "reveal", "deflect", "volunteer", "reaction:explores-constraints", "reaction:invites-perspective")


PROPOSALS = {"specific-ask", "phased-plan", "collaborative-options", "next-steps", "success-metrics", "recover-from-no"}


def answered(trace: list[str], question: Question, line: ScriptLine) -> bool:
    if any(k.startswith(ANSWERING) for k in trace):
        return True
    # A proposal put as a question ("could we start in March?") is answered by the reply to the proposal.
    proposal = (question.topic in ("other", "timing") or bool(PROPOSALS & set(line.moves))
                or re.match(r"\W*(?:so |and |ok,? )?(?:can|could|may|shall) (?:i|we)\b", line.text, re.I) is not None)
    return proposal and any(k.startswith(("reaction:", "accepted:", "pre_empted:", "raise:", "press:", "concession")) for k in trace)


async def play(item, script: Script, level: str, detector: Detector, seed: int = 0) -> dict:
    rehearsal = Rehearsal.begin(item, level, OfflineCounterpart(seed=seed), detector)
    scenario = item.scenario
    gates = scenario.counterpart.concession
    need = scenario.level(level).evidence_needed
    earlier_parts = {norm(scenario.counterpart.opening_line)}
    earlier_sentences = {norm(s) for s in _sentences(scenario.counterpart.opening_line) if len(s.split()) >= 5}
    raised: set[str] = set()
    shown: set[str] = set()
    answered_by = {o.id: set(o.answered_by) for o in scenario.counterpart.objections}
    learner_text: list[str] = []
    turns, violations = [], Counter()
    previous_moves: set[str] = set()
    preempting = False  # the writer marked a line so far as heading off an objection
    for number, line in enumerate(script.lines, start=1):
        if rehearsal.ended:
            break
        reply = None
        async for event in rehearsal.send(line.text):
            if isinstance(event, ReplyDone):
                reply = event.turn
        if reply is None:  # a care pause: the line was withheld
            turns.append({"learner": line.text, "reply": "(care pause)", "trace": [], "broke": []})
            continue
        state = reply.state or {}
        trace, parts = state.get("trace", []), state.get("last_reply", [])
        moves = set(line.moves) - FLAGS
        shown |= moves
        learner_text.append(line.text)
        broke = []
        asked = {k.split(":", 1)[1] for k in trace if k.startswith("ask:")}
        if asked & (moves | previous_moves):
            broke.append("asked-again")
        ended = rehearsal.ended
        if line.question and line.offtopic != "rude" and not ended and not answered(trace, line.question, line):
            broke.append("unanswered")
        if any(k.startswith("accepted:") and k.split(":", 1)[1] not in raised for k in trace):
            broke.append("accepted-early")
        preempting = preempting or bool(line.preempts)
        if _praises_unmade(trace, moves, shown, answered_by, preempting):
            broke.append("praised-unmade")
        if line.offtopic == "hazard" and not (trace and trace[0] in ("hazard", "answer:hazard")):
            broke.append("hazard-missed")
        sentences = {norm(s) for part in parts for s in _sentences(part) if len(s.split()) >= 5}
        if {norm(p) for p in parts} & earlier_parts or sentences & earlier_sentences:
            broke.append("repeated")
        if state.get("conceded") and "concession" in trace:
            said = " " + " ".join(key(t) for t in learner_text) + " "
            agreement = parts[trace.index("concession")] if len(parts) == len(trace) else reply.text
            if any(f" {_bare(t)} " not in said for t in terms_in(agreement).all()):
                broke.append("unproposed-terms")
            if not set(gates.requires) <= shown or len(shown & set(gates.supporting)) < need:
                broke.append("ungated")
        raised |= {k.split(":", 1)[1] for k in trace if k.startswith("raise:")}
        earlier_parts |= {norm(p) for p in parts}
        earlier_sentences |= sentences
        previous_moves = moves
        violations.update(broke)
        turns.append({"learner": line.text, "reply": reply.text, "trace": trace, "broke": broke})
    session = rehearsal.session
    agreed_at = next((i for i, t in enumerate(turns, 1) if "concession" in t["trace"]), None)
    return {"turns": turns, "violations": violations, "outcome": session.outcome, "agreed_at": agreed_at}


def _praises_unmade(trace: list[str], moves: set[str], shown: set[str], answered_by: dict[str, set[str]],
                    preempting: bool = False) -> bool:
    """A reaction to a move not made in this line, or an objection's accepted line (or pre-empted nod) for an
    answer not given in it (or so far). A nod after a line the writer marked as heading off an objection
    ("I know about the freeze, I'm not asking you to break it") is the acknowledgement the line asked for."""
    for said in trace:
        kind, _, what = said.partition(":")
        if kind == "reaction" and what not in moves:
            return True
        if kind == "accepted" and not answered_by.get(what, set()) & moves:
            return True
        if kind == "pre_empted" and not answered_by.get(what, set()) & shown and not preempting:
            return True
    return False


def _bare(term: str) -> str:
    """A term without the preposition in front ("from 4 January" is proposed by "starting 4 January")."""
    return re.sub(r"^(?:from|by|in|until|before|after|starting|start of|for|on) ", "", key(term))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="blind", metavar="NAME",
                        help=f"blind (the first set), blind2 … blind{len(SETS) - 1}, or dev")
    parser.add_argument("--level", default="realistic")
    parser.add_argument("--out", type=Path, help="write every conversation here (Markdown), for a person to rate")
    args = parser.parse_args()
    catalog = load_catalog()
    detectors: dict[str, Detector] = {}
    scripts = load_set(SETS[args.set])
    by_kind: dict[str, Counter] = defaultdict(Counter)
    replies: Counter = Counter()
    log = []
    levels = defaultdict(list)
    for script in scripts:
        item = catalog.get(script.scenario_id)
        detector = detectors.setdefault(item.scenario.id, Detector(catalog.library, item.scenario.rubric.custom))
        result = await play(item, script, args.level, detector)
        by_kind[script.kind].update(result["violations"])
        replies[script.kind] += len(result["turns"])
        log.append((script, args.level, result))
        if script.kind == "skilled":
            for level in ("realistic", "tough"):
                played = result if level == args.level else await play(item, script, level, detector)
                levels[level].append(played)
                if level != args.level:
                    log.append((script, level, played))
    print(f"{len(scripts)} scripts ({args.set}), level {args.level}: violations per rule (replies checked)")
    kinds = sorted(by_kind)
    print(f"{'rule':<18}" + "".join(f"{k:>12}" for k in kinds) + f"{'all':>10}")
    for rule in RULES:
        counts = [by_kind[k][rule] for k in kinds]
        print(f"{rule:<18}" + "".join(f"{c:>12}" for c in counts) + f"{sum(counts):>10}")
    print(f"{'replies':<18}" + "".join(f"{replies[k]:>12}" for k in kinds) + f"{sum(replies.values()):>10}")
    print("\nskilled scripts, realistic vs tough:")
    for level, results in levels.items():
        agreed = [r["agreed_at"] for r in results if r["agreed_at"]]
        turns = sum(agreed) / len(agreed) if agreed else float("nan")
        print(f"  {level:<10} agreed {len(agreed)}/{len(results)}, mean learner turns to agreement {turns:.1f}")
    if args.out:
        args.out.write_text(_markdown(log), encoding="utf-8")
        print(f"\ntranscripts: {args.out}")
    return 0


def _markdown(log) -> str:
    out = ["# Offline counterpart transcripts\n", "Rate each reply: coherent / partial / non-sequitur.\n"]
    for script, level, result in log:
        out.append(f"\n## {script.scenario_id} · {script.kind} · {level} · {result['outcome']}\n")
        for i, turn in enumerate(result["turns"], 1):
            out.append(f"{i}. **Learner:** {turn['learner']}\n   **Counterpart:** {turn['reply']}\n"
                       f"   <!-- {', '.join(turn['trace'])}{' · BROKE ' + ', '.join(turn['broke']) if turn['broke'] else ''} -->\n")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
