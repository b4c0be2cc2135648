"""The API's limit: API_REQUESTS_PER_MINUTE per client address, counted by webapp.rate_limits."""

from webapp.rate_limits import api_limit, limited

limit_requests = limited(api_limit)
