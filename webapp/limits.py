"""Rate limits on sign-in, emailed links and reports, stricter than the shared budget for forms
that write. Counted by webapp.rate_limits (Flask-Limiter: in Redis when REDIS_URL is set, so every
worker and server shares one count per client address)."""

from collections.abc import Callable

from webapp.rate_limits import limited

# Per client address, for POSTs only; the views under one name draw on one count.
LIMITS = {
    "sign_in": "10 per minute",
    "magic_link": "5 per 10 minutes",
    "report": "5 per 10 minutes",
}


def limit(name: str) -> Callable:
    return limited(lambda: LIMITS[name], shared_scope=name)
