"""Rate limits on sign-in, emailed links and reports: the one place they are applied.

`limit(name)` is the only call views make. Today it counts in each process's memory (a sliding
window per client address and limit); when the site's shared limiter is wired in, only the
body of `_allow` changes.
"""

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from functools import wraps

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

# name: (how many, in how many seconds) per client address, for POSTs only.
LIMITS = {
    "sign_in": (10, 60),
    "magic_link": (5, 600),
    "report": (5, 600),
}


def limit(name: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method == "POST":
                _allow(name)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _allow(name: str) -> None:
    count, seconds = LIMITS[name]
    state = current_app.extensions.setdefault(
        "upkeep_limits", {"lock": threading.Lock(), "hits": defaultdict(deque)}
    )
    now = time.monotonic()
    with state["lock"]:
        recent = state["hits"][(name, request.remote_addr or "unknown")]
        while recent and recent[0] <= now - seconds:
            recent.popleft()
        if len(recent) >= count:
            raise TooManyRequests(retry_after=int(recent[0] + seconds - now) + 1)
        recent.append(now)
