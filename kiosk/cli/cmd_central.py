"""``kiosk central serve|migrate|enroll-token|add-staff``: the reference central one-stop system
(sync/central)."""
from __future__ import annotations


def register(subparsers) -> None:
    from sync.central.cli import add_migrate_arguments, add_serve_arguments

    central = subparsers.add_parser("central", help="the reference central one-stop system")
    sub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    serve = sub.add_parser("serve", help="serve the kiosk ↔ central contract over HTTP")
    add_serve_arguments(serve)
    serve.set_defaults(handler=_serve)
    migrate = sub.add_parser("migrate", help="upgrade the central's database schema (Alembic)")
    add_migrate_arguments(migrate)
    migrate.set_defaults(handler=_migrate)
    from sync.central.admin import add_enroll_arguments

    enroll = sub.add_parser("enroll-token",
                            help="issue a one-time enrollment token for one kiosk (admin)")
    add_enroll_arguments(enroll)
    enroll.set_defaults(handler=_enroll_token)
    from sync.central.staff import add_staff_arguments

    staff = sub.add_parser("add-staff",
                           help="create a dashboard account (or set its password) for a centre's staff")
    add_staff_arguments(staff)
    staff.set_defaults(handler=_add_staff)


def _serve(args) -> int:
    from sync.central.cli import run_serve

    return run_serve(args)


def _migrate(args) -> int:
    from sync.central.cli import run_migrate

    return run_migrate(args)


def _enroll_token(args) -> int:
    from sync.central.admin import run_enroll_token

    return run_enroll_token(args)


def _add_staff(args) -> int:
    from sync.central.staff import run_add_staff

    return run_add_staff(args)
