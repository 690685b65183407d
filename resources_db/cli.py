"""Command line of the resource database: init, import, export, check, stats."""

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from resources_db.checks import check_resources, resource_stats
from resources_db.engine import get_engine, session_scope
from resources_db.exporter import export_resources
from resources_db.importer import DEFAULT_SEED_FILE, import_resources
from resources_db.migrations import upgrade_to_head
from resources_db.routing import DEFAULT_ROUTING_FILE

EXIT_INVALID_DATA = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m resources_db",
        description="Manage the resource database. The database URL comes from DATABASE_URL.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("init", help="create or upgrade the schema (alembic upgrade head)")

    import_parser = commands.add_parser("import", help="import a resources JSON file or a CSV folder")
    import_parser.add_argument(
        "file", nargs="?", type=Path, default=DEFAULT_SEED_FILE,
        help="JSON file in the seed format, or folder of CSV files (default: the bundled seed)",
    )
    import_parser.add_argument(
        "--partial", action="store_true",
        help="store the valid entries and report the invalid ones (default: reject the whole import)",
    )
    import_parser.add_argument(
        "--routing", type=Path, default=DEFAULT_ROUTING_FILE,
        help="DPJ routing CSV loaded after the entries (default: the bundled dpj_routing.csv)",
    )

    export_parser = commands.add_parser("export", help="export every service")
    export_parser.add_argument("--format", choices=["json", "csv"], default="json", help="output format")
    export_parser.add_argument("output", type=Path, help="JSON file, or folder for the CSV files")

    check_parser = commands.add_parser("check", help="list stale entries, missing sources and phone problems")
    check_parser.add_argument(
        "--today", type=date.fromisoformat, default=None,
        help="reference date YYYY-MM-DD for staleness (default: today)",
    )

    commands.add_parser("stats", help="print service counts per region, kind and service type")
    return parser


def run_import(args: argparse.Namespace) -> int:
    report = import_resources(get_engine(), args.file, partial=args.partial, routing_path=args.routing)

    for error in report.errors:
        print(f"invalid: {error}", file=sys.stderr)

    if not report.committed:
        print(
            f"import rejected: {len(report.errors)} invalid rows, nothing was changed. "
            "Fix the rows above, or rerun with --partial to import the valid ones.",
            file=sys.stderr,
        )
        return EXIT_INVALID_DATA

    print(
        f"imported {args.file}: {report.inserted} inserted, {report.updated} updated, "
        f"{report.routes} DPJ routes, {len(report.errors)} invalid rows skipped"
    )
    return EXIT_INVALID_DATA if report.errors else 0


def run_check(args: argparse.Namespace) -> int:
    with session_scope(get_engine()) as session:
        findings = check_resources(session, args.today or date.today())

    for finding in findings:
        print(finding)
    counts = ", ".join(f"{category} {count}" for category, count in sorted(_count(findings).items()))
    print(f"{len(findings)} findings" + (f" ({counts})" if counts else ""))
    return 0


def _count(findings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
    return counts


def run_stats(_args: argparse.Namespace) -> int:
    with session_scope(get_engine()) as session:
        stats = resource_stats(session)

    for group, counter in stats.items():
        print(f"[{group}]")
        for key, count in sorted(counter.items()):
            print(f"{key}\t{count}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)

    if args.command == "init":
        upgrade_to_head()
        return 0
    if args.command == "import":
        return run_import(args)
    if args.command == "export":
        count = export_resources(get_engine(), args.output, args.format)
        print(f"exported {count} services to {args.output} ({args.format})")
        return 0
    if args.command == "check":
        return run_check(args)
    return run_stats(args)
