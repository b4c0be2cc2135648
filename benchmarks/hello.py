"""The framework's floor: a hello-world Flask route, served under the same gunicorn settings as
the site so that `make bench` can report the site's throughput as a share of it."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
