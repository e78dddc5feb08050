"""The forms screens: catalog → procedure → declaration pages → review → done.

Wiring (by the shell, after identification)::

    from kiosk.screens.forms import install_forms
    flow = install_forms(ctx, window)               # adds the five screens
    flow.submitted.connect(file_the_dossier)         # DeclarationResult: .answers, .pdf, …
    flow.begin(identity_dict)                        # shows the catalog, prefilled from the card
"""
from __future__ import annotations

from forms.loader import load_catalog
from kiosk.screens.forms.catalog import CatalogScreen
from kiosk.screens.forms.done import DoneScreen
from kiosk.screens.forms.flow import DeclarationFlow
from kiosk.screens.forms.page import FormPageScreen
from kiosk.screens.forms.procedure import ProcedureScreen
from kiosk.screens.forms.review import ReviewScreen

SCREENS = (CatalogScreen, ProcedureScreen, FormPageScreen, ReviewScreen, DoneScreen)


def install_forms(ctx, window, catalog=None, dossier_code=None) -> DeclarationFlow:
    """Create the flow and add its screens to ``window`` (a ``KioskWindow``)."""
    settings = ctx.config.forms
    catalog = catalog or load_catalog(settings.catalog_dir)
    flow = DeclarationFlow(ctx, catalog, settings=settings, dossier_code=dossier_code)
    for cls in SCREENS:
        window.add_screen(cls(ctx, flow))
    return flow


__all__ = ["install_forms", "DeclarationFlow", *[c.__name__ for c in SCREENS]]
