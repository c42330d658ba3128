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
    from coach.rehearsal.store import SessionStore, TranscriptError
    from coach.scenario import CatalogError, load_catalog
    from coach.scoring.markdown import scorecard_markdown

    try:
        settings = load_settings({"model": args.model, "base_url": args.base_url, "judge_samples": args.samples})
        catalog = load_catalog(args.scenarios)
        path = Path(args.transcript)
        store = SessionStore.default()
        session = store.load(path if path.exists() else args.transcript)
    except (ConfigError, CatalogError, TranscriptError) as exc:
        return fail(str(exc), 2)

    scenario = None
    if session.scenario_id:
        try:
            scenario = catalog.get(session.scenario_id).scenario
        except KeyError as exc:
            if not args.all_criteria:
                return fail(f"{exc.args[0]}; pass --all-criteria to score against the whole library", 2)
    elif not args.all_criteria:
        return fail("this transcript names no scenario_id; pass --all-criteria to score against the whole library", 2)
    if not any(t.speaker == "learner" for t in session.turns):
        return fail(f"{args.transcript}: no learner turns to score", 2)

    judge = args.judge or ("llm" if settings.judge != "offline" and settings.model else "offline")
    if judge == "llm":
        if not settings.model:
            return fail("the LLM judge needs a model: pass --model, set COACH_MODEL, or use --judge offline", 2)
        from coach.scoring.llm_judge import score_llm

        card = asyncio.run(score_llm(session, scenario, catalog.library, settings, all_criteria=args.all_criteria))
    else:
        from coach.scoring.score import score_offline

        card = score_offline(session, scenario, catalog.library, all_criteria=args.all_criteria)
    if args.json:
        print_json(card.model_dump(mode="json"))
    else:
        sys.stdout.write(scorecard_markdown(card))
    return 0
