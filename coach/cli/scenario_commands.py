"""Commands for authors and trainers: list, validate, schema, new (with --describe, drafted by a model)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.output import fail, print_json

if TYPE_CHECKING:  # imported where used: `coach list` never loads the model client
    from coach.core.config import Settings
    from coach.service.check import CheckResult


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[dirs], help="list the scenarios found")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("validate", parents=[dirs], help="check scenario files; exit 1 on any problem")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: every scenario folder)")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a file format")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--scenario", dest="which", action="store_const", const="scenario", help="scenario files (default)")
    what.add_argument("--criteria", dest="which", action="store_const", const="criteria", help="the criteria library")
    what.add_argument("--transcript", dest="which", action="store_const", const="transcript", help="saved sessions")
    p.set_defaults(run=cmd_schema, which="scenario")

    p = sub.add_parser("new", parents=[dirs], help="write a commented starter scenario that validates")
    p.add_argument("id", help="the new scenario's id, a slug like 'ask-for-budget'")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: ID.toml here)")
    p.add_argument("--describe", metavar="TEXT", help="what it rehearses: a configured model drafts the whole "
                   "scenario, validated and repaired (without a model, the starter is written)")
    p.add_argument("--model", help="model that drafts it (or COACH_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (or OPENAI_BASE_URL)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds to wait for each draft (default 300)")
    p.set_defaults(run=cmd_new)


def cmd_list(args: argparse.Namespace) -> int:
    from coach.scenario import CatalogError, load_catalog

    try:
        catalog = load_catalog(args.scenarios)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return fail("coach's own criteria library has problems (above); reinstall coach or fix the file")
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "category": s.category,
            "difficulty": s.difficulty,
            "perspective": s.learner.perspective,
            "path": str(item.path),
        }
        for item in catalog.scenarios.values()
        for s in [item.scenario]
    ]
    rows.sort(key=lambda r: (r["category"], r["id"]))
    if args.json:
        print_json({"scenarios": rows, "problems": [str(p) for p in catalog.problems]})
    else:
        width = max((len(r["id"]) for r in rows), default=2)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['category']:<16} {r['difficulty']:<9}  {r['title']}")
    if catalog.problems and not args.json:
        # A missing or unreadable folder is said as it is; broken files are counted, `validate` details them.
        unread = [p for p in catalog.problems if p.field == "(file)" and ("cannot read" in p.message or "no such" in p.message)]
        for problem in unread:
            print(f"coach: {problem.path}: {problem.message}", file=sys.stderr)
        files = len({p.path for p in catalog.problems} - {p.path for p in unread})
        if files:
            print(f"\n{files} file(s) could not be loaded; run `coach validate` for details.", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from coach.scenario import catalog as cat
    from coach.scenario.loader import load_library
    from coach.service.check import missing_model_lines

    paths = [Path(p) for p in args.paths] if args.paths else cat.scenario_dirs(args.scenarios)
    problems = []
    libraries = cat.library_files(paths)
    for path in libraries:
        problems += load_library(path, cat.display_path(path))[1]
    try:
        catalog = cat.load_paths(paths)
    except cat.CatalogError as exc:  # the bundled library itself is broken: nothing else can be checked
        for problem in exc.problems:
            print(problem)
        return fail("coach's own criteria library has problems (above); reinstall coach or fix the file")
    problems += catalog.problems
    if args.paths:  # ids must not clash with the scenarios coach already loads
        known = cat.load_catalog(args.scenarios)
        for item in list(catalog.scenarios.values()):
            before = len(known.problems)
            known.add(item)
            problems += known.problems[before:]
    problems += _example_problems(catalog.scenarios.values(), {str(p) for p in files_of(paths)})
    files, _ = cat.scenario_files(paths)
    files = [f for f in files if f.name != cat.LIBRARY_FILE]
    for problem in sorted(set(problems)):
        print(problem)
    wanted = {str(p) for p in files_of(paths)}
    for item in catalog.scenarios.values():  # worth knowing, not wrong: the file still validates
        if str(item.path.resolve()) in wanted:
            for note in missing_model_lines(item.scenario, catalog.library):
                print(f"note: {cat.display_path(item.path)}: {note}", file=sys.stderr)
    checked = f"{len(files)} scenario file(s)"
    if libraries:
        checked += f" and {len(libraries)} criteria librar{'y' if len(libraries) == 1 else 'ies'}"
    if not files and not libraries and not problems:
        print("no scenario files (*.toml) found there", file=sys.stderr)
        return 1
    ok = not problems
    print(f"{checked} checked: " + ("all valid" if ok else f"{len(set(problems))} problem(s)"), file=sys.stderr)
    return 0 if ok else 1


def files_of(paths: list[Path]) -> list[Path]:
    from coach.scenario import catalog as cat

    return [f.resolve() for f in cat.scenario_files(paths)[0]]


def _example_problems(items, wanted: set[str]) -> list:
    """Criteria of a scenario's own defined by examples: each example must be one the others recognise."""
    from coach.scenario.catalog import display_path
    from coach.scenario.loader import read_toml

    out = []
    for item in items:
        if str(item.path.resolve()) not in wanted or not any(c.examples for c in item.scenario.rubric.custom):
            continue
        from coach.moves.custom import example_problems

        parsed = read_toml(item.path, display_path(item.path))
        out += [parsed.problem(loc, message) for loc, message in example_problems(item.scenario.rubric.custom)]
    return out


def cmd_schema(args: argparse.Namespace) -> int:
    if args.which == "scenario":
        from coach.scenario.model import Scenario as model
    elif args.which == "criteria":
        from coach.scenario.criteria import CriteriaLibrary as model
    else:
        from coach.core.session import Session as model
    schema = model.model_json_schema(by_alias=True)
    print_json({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"urn:coach:{args.which}:1", **schema})
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from coach.core.text_safety import clean_line
    from coach.scenario import CatalogError, load_catalog
    from coach.scenario.starter import starter_text

    out = Path(args.output or f"{args.id}.toml")
    if out.is_dir():
        out = out / f"{args.id}.toml"
    try:
        text = starter_text(args.id, str(out))
    except ValueError as exc:
        return fail(str(exc))
    try:
        taken = load_catalog(args.scenarios).scenarios.get(args.id)
    except CatalogError:
        taken = None
    if taken is not None:
        return fail(f"the id '{args.id}' is already used by {taken.path}; pick another id")
    if out.exists():
        return fail(f"{out} already exists; choose another name with -o")
    if args.describe is not None:
        if not args.describe.strip():
            return fail("--describe needs a few words on what the scenario rehearses")
        from coach.core.config import ConfigError, load_settings

        try:
            settings = load_settings({"model": args.model, "base_url": args.base_url, "timeout": args.timeout})
        except ConfigError as exc:
            return fail(str(exc), 2)
        if settings.model:
            return _draft(args, out, settings)
        text = f"# Described as: {clean_line(args.describe)[:300]}\n{text}"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"wrote {out}; edit it, then run `coach validate {out}`")
    if args.describe is not None:
        print("note: no model is configured, so this is the starter; with one (--model, or COACH_MODEL) coach "
              "would have drafted the whole scenario from your description", file=sys.stderr)
    return 0


def _draft(args: argparse.Namespace, out: Path, settings: Settings) -> int:
    """`coach new ID --describe`: the model drafts, coach validates and has it repaired, then checks it."""
    import asyncio

    from coach.scenario import CatalogError, load_criteria
    from coach.service.draft import draft_scenario

    def notice(text: str) -> None:
        print(f"coach: {text}", file=sys.stderr, flush=True)

    try:
        library = load_criteria()
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return fail("coach's own criteria library has problems (above); reinstall coach or fix the file")
    notice(f"drafting {args.id} with {settings.model}; this takes a minute or more")
    try:
        done = asyncio.run(draft_scenario(args.id, args.describe, settings, library, out, timeout=args.timeout,
                                          notice=notice))
    except OSError as exc:
        return fail(f"cannot write {exc.filename or 'the scenario'}: {exc.strerror or exc}")
    if done.valid:
        rounds = f"{done.requests} request{'s' if done.requests > 1 else ''}"
        print(f"wrote {done.path}: drafted by {settings.model} ({rounds}), and it validates")
        if done.check is not None:
            print(_check_summary(done.check))
        print(f"Read it through and make it your own; `coach check {done.path}` shows the full table.")
        return 0
    for problem in done.problems:
        print(problem)
    if done.error:
        fail(done.error)
    if done.path is None:
        return fail(f"no scenario was written; try again, or run `coach new {args.id}` for the starter")
    return fail(f"the draft still has {len(done.problems)} problem(s) after {done.requests} round(s); it is in "
                f"{done.path}: fix those, then save it as {out}")


def _check_summary(check: CheckResult) -> str:
    """`coach check`'s verdict and what would make it play better, without the table."""
    from coach.service.check import check_text

    lines = [check_text(check).splitlines()[0]]
    lines += [f"  problem: {p}" for p in check.problems]
    notes = [*check.authoring, *check.unreachable, *check.no_lines]
    if notes:
        lines.append("  to play better offline:")
        lines += [f"    {note}" for note in notes]
    return "\n".join(lines)
