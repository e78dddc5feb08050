"""``kiosk forms …``: check the procedure catalog, list it, print a declaration as PDF.

Headless (no Qt): for catalog editors and technicians. Exit codes: 0 fine, 1 problems found
(each printed with file, line, place and reason), 2 bad arguments or unreadable input.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    forms = sub.add_parser("forms", help="procedure catalog: validate, list, render a declaration PDF")
    fsub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)

    v = fsub.add_parser("validate", help="check every procedure file, the unit list and the holiday table")
    v.add_argument("dir", nargs="?", type=Path, help="catalog directory (default: the bundled one)")
    v.set_defaults(handler=cmd_validate)

    ls = fsub.add_parser("list", help="list the procedures by field")
    ls.add_argument("--dir", type=Path, help="catalog directory")
    ls.add_argument("--unverified", action="store_true", help="also show the facts to verify")
    ls.set_defaults(handler=cmd_list)

    r = fsub.add_parser("render-pdf", help="fill a procedure's form from answers JSON and write the PDF")
    r.add_argument("code", help="procedure code, e.g. 1.004222")
    r.add_argument("answers", type=Path, help="answers JSON (as written by the kiosk, or {field: value})")
    r.add_argument("out", type=Path, help="PDF to write")
    r.add_argument("--dir", type=Path, help="catalog directory")
    r.add_argument("--dossier-code", help="dossier code printed with its QR code")
    r.add_argument("--place", default="", help="place printed before the date")
    r.add_argument("--allow-incomplete", action="store_true", help="write the PDF even if answers are missing")
    r.set_defaults(handler=cmd_render_pdf)


def cmd_validate(args: argparse.Namespace) -> int:
    from forms.adminunits import AdminUnits
    from forms.loader import CatalogError, load_catalog
    from forms.workdays import HolidayTable, HolidayTableError

    problems = 0
    try:
        catalog = load_catalog(args.dir)
        print(f"OK  {len(catalog.procedures)} procedures in {args.dir or 'the bundled catalog'}")
        for proc in catalog.procedures.values():
            if proc.unverified:
                print(f"    {proc.code}: {len(proc.unverified)} fact(s) to verify (kiosk forms list --unverified)")
    except CatalogError as exc:
        for p in exc.problems:
            print(f"ERR {p}")
        problems += len(exc.problems)
    try:
        units = AdminUnits.load()
        print(f"OK  {len(units.provinces)} provinces, {units.commune_count} communes ({units.source}, {units.extracted})")
    except (OSError, ValueError, KeyError) as exc:
        print(f"ERR admin units: {exc}")
        problems += 1
    try:
        table = HolidayTable.load()
        years = ", ".join(f"{y}{'' if ok else ' (unverified)'}" for y, ok in sorted(table.years.items()))
        print(f"OK  holiday table: {years}")
        this_year = dt.date.today().year
        for year in (this_year, this_year + 1):
            if not table.years.get(year, False):
                print(f"WARN holiday table: {year} is {'unverified' if year in table.years else 'missing'}; "
                      "result dates will be marked as estimates until it is updated")
    except (OSError, HolidayTableError) as exc:
        print(f"ERR holiday table: {exc}")
        problems += 1
    return 1 if problems else 0


def cmd_list(args: argparse.Namespace) -> int:
    from forms.loader import CatalogError, load_catalog

    try:
        catalog = load_catalog(args.dir)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    for group, procs in catalog.grouped():
        print(f"{group.name.vi} / {group.name.en}")
        for p in procs:
            days = p.processing.working_days
            print(f"  {p.code:<12} {p.name.vi}  ({days} ngày làm việc / working days, form {p.form.id})")
            if args.unverified:
                for item in p.unverified:
                    print(f"      ! {item}")
    if args.unverified and catalog.index.unverified:
        print("Papers of every procedure (the Mẫu 01 receipt)")
        for item in catalog.index.unverified:
            print(f"      ! {item}")
    return 0


def cmd_render_pdf(args: argparse.Namespace) -> int:
    from forms.answers import load_answers
    from forms.engine import FormSession
    from forms.loader import CatalogError, load_catalog
    from forms.pdf import render_declaration

    try:
        catalog = load_catalog(args.dir)
        procedure = catalog.get(args.code)
    except (CatalogError, KeyError) as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        data = json.loads(args.answers.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read answers: {exc}", file=sys.stderr)
        return 2
    session = FormSession(procedure, option_lists=catalog.index.option_lists)
    refused = load_answers(session, data)
    errors = session.errors()
    for path in refused:
        print(f"refused answer: {path}", file=sys.stderr)
    for err in errors:
        print(f"missing or invalid: {err.path}: {err.en}", file=sys.stderr)
    if (refused or errors) and not args.allow_incomplete:
        print("not written (use --allow-incomplete to print anyway)", file=sys.stderr)
        return 1
    # the date the kiosk wrote into the answers, else now on the kiosk's clock (centre time)
    try:
        created = data.get("created") if isinstance(data, dict) else None
        when = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        when = None
    pdf = render_declaration(session, dossier_code=args.dossier_code, place=args.place, when=when)
    args.out.write_bytes(pdf)
    print(f"wrote {args.out} ({len(pdf)} bytes)")
    return 0
