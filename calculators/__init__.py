"""Care cost calculators: pure Python over Decimal, with no web framework.

The web planner, the JSON API and the command line (`python -m calculators`) all use them.
"""
