"""The one entry point the Makefile calls: ``python -m justicegap.cli <command>``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_validate(args) -> int:
    from .data.validate import validate

    problems = validate(Path(args.data_dir) if args.data_dir else None)
    for p in problems:
        print(p)
    if problems:
        print(
            f"{len(problems)} problem(s) found; see the messages above (file:line: column: message).", file=sys.stderr
        )
        return 1
    print("Data valid.")
    return 0


def cmd_report(args) -> int:
    from . import paths
    from .build import daemon

    reports_dir = Path(args.reports_dir).resolve() if args.reports_dir else paths.reports_dir()
    status = daemon.run_through_server(reports_dir, args.argv)  # None: no current build server
    if status is not None:
        return status
    from .build.config import ConfigError
    from .build.pipeline import build

    try:
        overrides = {"as_of": args.as_of, "sgbc_scope": args.sgbc_scope}
        status = build(
            data_dir=args.data_dir,
            reports_dir=args.reports_dir,
            config_path=args.config,
            workers=args.workers,
            overrides=overrides,
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        status = 1
    except KeyboardInterrupt:
        print("interrupted; nothing was published", file=sys.stderr)
        return 130
    daemon.start_in_background(reports_dir)
    return status


def cmd_dictionary(args) -> int:
    from . import paths
    from .data.dictionary import write_dictionary
    from .headline import markdown

    path = write_dictionary()
    print(f"wrote {path}")
    metrics = paths.ROOT / "docs" / "METRICS.md"
    metrics.write_text(markdown(), encoding="utf-8")
    print(f"wrote {metrics}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="justicegap", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the data")
    v.add_argument("--data-dir")
    v.set_defaults(func=cmd_validate)
    r = sub.add_parser("report", help="build the report")
    r.add_argument("--data-dir")
    r.add_argument("--reports-dir")
    r.add_argument("--config")
    r.add_argument("--workers", type=int)
    r.add_argument("--as-of", help="build as of this date (YYYY-MM-DD) under its own version name")
    r.add_argument("--sgbc-scope", choices=("narrow", "broad"), help="the scope of the headline SGBC sentences")
    r.set_defaults(func=cmd_report)
    d = sub.add_parser(
        "dictionary", help="write docs/DATA_DICTIONARY.md (from the schema) and docs/METRICS.md (from headline.py)"
    )
    d.set_defaults(func=cmd_dictionary)
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
