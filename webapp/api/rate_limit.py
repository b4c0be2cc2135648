"""A per-client limit on API requests: a sliding window of timestamps per address.

It is kept in each process's memory, so with several workers each counts separately: enough to
stop one client flooding the calculators, not a quota.
"""

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from functools import wraps

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

WINDOW_SECONDS = 60
_requests: dict[str, deque] = defaultdict(deque)
_lock = threading.Lock()


def limit_requests(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args, **kwargs):
        allowed = current_app.config["API_REQUESTS_PER_MINUTE"]
        now = time.monotonic()
        with _lock:
            recent = _requests[request.remote_addr or "unknown"]
            while recent and recent[0] <= now - WINDOW_SECONDS:
                recent.popleft()
            if len(recent) >= allowed:
                retry_after = int(recent[0] + WINDOW_SECONDS - now) + 1
                raise TooManyRequests(retry_after=retry_after)
            recent.append(now)
        return view(*args, **kwargs)

    return wrapper


def reset() -> None:
    with _lock:
        _requests.clear()
