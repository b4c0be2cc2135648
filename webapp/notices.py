"""Messages shown once, on the next page (Flask's flash)."""

from flask import flash


def notify(message) -> None:
    """Flash a message as plain text. Flask's session keeps anything with `__html__` (a lazy
    translation string among them) as safe HTML, so a name formatted into one would reach the
    next page unescaped."""
    flash(str(message))
