"""`coach score`: the scorecard for a saved session or any transcript in the documented format."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from coach.cli.output import fail, print_json


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("score", parents=[dirs], help="score a saved session or transcript")
    p.add_argument("transcript", help="a session file, a saved session id, or a transcript JSON file")
    p.add_argument("--judge", choices=["offline", "llm"], help="default: llm when a model is configured")
    p.add_argument("--all-criteria", action="store_true", help="score every criterion of the library")
    p.add_argument("--samples", type=int, help="LLM judge: sample N times and report the median and spread")
    p.add_argument("--model", help="model for the LLM judge (or COACH_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (or OPENAI_BASE_URL)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds to wait for the judge (or COACH_TIMEOUT)")
    p.add_argument("--json", action="store_true", help="print the scorecard as JSON")
    p.set_defaults(run=cmd_score)


_SPEAKER = re.compile(r"(turns\.\d+\.speaker): Input should be [^\n]*")


def transcript_problem(message: str) -> str:
    """A transcript reader's message in the words of the documented format (the internal 'care'
    speaker is not one a transcript should use)."""
    return _SPEAKER.sub(r"\1: speaker must be 'partner' or 'learner'", message)


def cmd_score(args: argparse.Namespace) -> int:
    from coach.core.config import ConfigError, load_settings
    from coach.scenario import CatalogError
    from coach.scoring.markdown import scorecard_markdown
    from coach.scoring.rubric import learner_lines
    from coach.service.coach import Coach, CoachError

    try:
        settings = load_settings({"model": args.model, "base_url": args.base_url, "judge_samples": args.samples,
                                  "timeout": args.timeout})
        coach = Coach(settings, args.scenarios)
        path = Path(args.transcript)
        try:
            session = coach.load_session(path if path.exists() else args.transcript)
        except RecursionError:
            raise CoachError(f"{args.transcript}: nested too deeply to be a transcript") from None
        if not session.scenario_id and not args.all_criteria:
            raise CoachError("this transcript names no scenario_id; pass --all-criteria to score against the whole library")
        known = not session.scenario_id or session.scenario_id in coach.catalog.scenarios
        if not known and not args.all_criteria:
            raise CoachError(f"no scenario '{session.scenario_id}'; pass --all-criteria to score against the whole library")
        if not any(line.text.strip() for line in learner_lines(session)):
            raise CoachError(f"{args.transcript}: no learner turns to score")
        if not known:
            print(f"note: no scenario '{session.scenario_id}' in the library; scoring against every criterion, "
                  "without a scenario brief or debrief", file=sys.stderr)
        if coach.judge_kind(args.judge) == "llm" and not settings.model:
            raise CoachError("the LLM judge needs a model: pass --model, set COACH_MODEL, or use --judge offline")
        card = coach.score_now(session, args.judge, all_criteria=args.all_criteria,  # a model judge waits:
                               notice=lambda text: print(f"coach: {text}", file=sys.stderr, flush=True))
    except (ConfigError, CatalogError, CoachError) as exc:
        return fail(transcript_problem(str(exc)), 2)
    except RecursionError:
        return fail(f"{args.transcript}: nested too deeply to be scored", 2)
    if args.json:
        print_json(card.model_dump(mode="json"))
    else:
        sys.stdout.write(scorecard_markdown(card))
    return 0
