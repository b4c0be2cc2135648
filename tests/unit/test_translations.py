"""Every string people read is marked for translation and extracted into the catalogue."""

from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parents[2]


def _extracted_messages() -> set[str]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    return {
        message
        for _filename, _line, message, _comments, _context in extract_from_dir(
            ROOT / "webapp", method_map, keywords={"_": None, "_l": None, "gettext": None}
        )
    }


def test_layout_and_error_strings_are_extracted():
    messages = _extracted_messages()
    for expected in (
        "Dorset Care Guide",
        "Skip to main content",
        "Ageing well",
        "Plan care costs",
        "Page not found",
        "Your page timed out",
        "Accessibility statement",
    ):
        assert expected in messages


def test_the_en_gb_catalogue_exists():
    assert (ROOT / "webapp/translations/en_GB/LC_MESSAGES/messages.po").is_file()
