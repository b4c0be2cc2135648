"""Only the GOV.UK Frontend components the site uses are shipped: each one the templates use is
imported on its own in the Sass, and initialised in the JavaScript when it has a script."""

import re
from pathlib import Path

import govuk_frontend_wtf
from govuk_frontend_wtf import wtforms_widgets

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "node_modules/govuk-frontend/dist/govuk/components"
SASS = ROOT / "webapp/assets/scss/application.scss"
JAVASCRIPT = ROOT / "webapp/assets/js/application.js"
WTF_TEMPLATES = Path(govuk_frontend_wtf.__file__).parent / "templates"


def _sources() -> list[Path]:
    webapp = ROOT / "webapp"
    return [
        path
        for path in webapp.rglob("*")
        if path.suffix in (".html", ".py") and "static" not in path.relative_to(webapp).parts
    ]


def _macro_components(text: str) -> set[str]:
    return set(re.findall(r"components/([a-z-]+)/macro\.html", text))


def components_used() -> set[str]:
    known = {path.name for path in COMPONENTS.iterdir() if path.is_dir()}
    used: set[str] = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        used |= _macro_components(text)
        # Classes written by hand (and by the markdown renderer), e.g. govuk-table__cell.
        used |= set(re.findall(r"\bgovuk-([a-z]+(?:-[a-z]+)*)", text)) & known
        # WTForms widgets render through a govuk-frontend-wtf template naming its component.
        for widget in set(re.findall(r"\b(Gov[A-Z][A-Za-z]+)\(", text)):
            template = getattr(wtforms_widgets, widget).template.removeprefix("govuk_frontend_wtf/")
            used |= _macro_components((WTF_TEMPLATES / template).read_text(encoding="utf-8"))
    return used


def test_the_scan_finds_components_the_site_is_known_to_use():
    assert {"button", "radios", "service-navigation", "footer", "table"} <= components_used()


def test_every_component_used_is_imported_in_the_sass():
    imported = set(re.findall(r'govuk/components/([a-z-]+)/index"', SASS.read_text()))
    assert components_used() - imported == set()


def test_the_sass_does_not_import_the_whole_library():
    sass = SASS.read_text()
    assert 'dist/govuk/index"' not in sass
    assert 'components/index"' not in sass


def test_every_component_with_a_script_is_initialised():
    script = JAVASCRIPT.read_text()
    imported = set(re.findall(r'govuk/components/([a-z-]+)/[a-z-]+\.mjs"', script))
    with_scripts = {
        name for name in components_used() if (COMPONENTS / name / f"{name}.mjs").exists()
    }
    assert with_scripts - imported == set()
    assert "initAll" not in script
