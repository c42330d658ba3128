"""`coach score`: the scorecard for a saved session or any transcript in the documented format."""

from __future__ import annotations

import argparse
import asyncio
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
    p.add_argument("--json", action="store_true", help="print the scorecard as JSON")
    p.set_defaults(run=cmd_score)


def cmd_score(args: argparse.Namespace) -> int:
    from coach.config import ConfigError, load_settings
    from coach.scenario import CatalogError
    from coach.scoring.markdown import scorecard_markdown
    from coach.service import Coach, CoachError

    try:
        settings = load_settings({"model": args.model, "base_url": args.base_url, "judge_samples": args.samples})
        coach = Coach(settings, args.scenarios)
        path = Path(args.transcript)
        session = coach.load_session(path if path.exists() else args.transcript)
        if not session.scenario_id and not args.all_criteria:
            raise CoachError("this transcript names no scenario_id; pass --all-criteria to score against the whole library")
        if session.scenario_id and not args.all_criteria and session.scenario_id not in coach.catalog.scenarios:
            raise CoachError(f"no scenario '{session.scenario_id}'; pass --all-criteria to score against the whole library")
        if not any(t.speaker == "learner" for t in session.turns):
            raise CoachError(f"{args.transcript}: no learner turns to score")
        if coach.judge_kind(args.judge) == "llm" and not settings.model:
            raise CoachError("the LLM judge needs a model: pass --model, set COACH_MODEL, or use --judge offline")
        card = asyncio.run(coach.score(session, args.judge, all_criteria=args.all_criteria))
    except (ConfigError, CatalogError, CoachError) as exc:
        return fail(str(exc), 2)
    if args.json:
        print_json(card.model_dump(mode="json"))
    else:
        sys.stdout.write(scorecard_markdown(card))
    return 0
