"""`coach doctor`: is the model server usable, and if not, the one thing to fix (exit 1)."""

from __future__ import annotations

import argparse
import sys

from coach.cli.output import fail, print_json


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("doctor", help="check the model server end to end; exit 1 with the fix if it is not usable")
    p.add_argument("--model", help="model name (or COACH_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (or OPENAI_BASE_URL)")
    p.add_argument("--api-key", help="API key (or OPENAI_API_KEY, which keeps it out of the process list)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds to wait for a reply (or COACH_TIMEOUT)")
    p.add_argument("--save", action="store_true",
                   help="write these settings to the config file if the server is usable")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    import asyncio

    from coach.core.config import ConfigError, load_settings, save_settings
    from coach.service.doctor import examine

    flags = {"model": args.model, "base_url": args.base_url, "api_key": args.api_key, "timeout": args.timeout}
    try:
        settings = load_settings(flags)
    except ConfigError as exc:
        return fail(str(exc))
    if settings.model and not args.json and sys.stderr.isatty():  # a busy server can take the reply timeout
        from coach.service.doctor import server_url

        print(f"checking {settings.model} at {server_url(settings)}…", file=sys.stderr)
    report = asyncio.run(examine(settings))
    if args.json:
        print_json(as_json(report))
    else:
        show(report)
    if report.model is None:
        return fail("nothing to save: pass --model (and --base-url)") if args.save else 0
    if not report.usable:
        sys.stdout.flush()
        return fail(report.fix or "the server is not usable")
    if args.save:
        try:
            print(f"saved to {save_settings(settings)}")
        except OSError as exc:
            return fail(f"cannot save the settings: {exc.strerror or exc}")
    return 0


def show(report) -> None:
    from coach.service.doctor import offline_advice, shown_url

    if report.model is None:
        print(offline_advice())
    else:
        print(f"coach doctor: {report.url}, model {report.model}")
        print("\n".join(report.lines()))
        print("usable" if report.usable else "not usable")
    if report.found:
        print("\nModel servers on this machine:")
        for server in report.found:
            url = shown_url(server.base_url)
            print(f"  {server.name}  {url}  " + (", ".join(server.models) or "no models yet"))
            if server.models:
                print(f"    to use it: coach doctor --base-url {url} --model {server.models[0]} --save")
    elif report.found is not None:
        print("\nNo model server found on this machine (looked for Ollama, LM Studio, llama.cpp and vLLM at their "
              "usual ports).")


def as_json(report) -> dict:
    from coach.service.doctor import shown_url

    return {
        "usable": report.usable, "offline": report.model is None, "url": report.url or None, "model": report.model,
        "fix": report.fix,
        "checks": [{"name": r.name, "status": r.status, "detail": r.detail} for r in report.rows],
        "local_servers": [{"name": s.name, "base_url": shown_url(s.base_url), "models": list(s.models)}
                          for s in report.found or []],
    }
