"""Static files: built once with content-hashed names and compressed copies, served by WhiteNoise.

`make assets` runs `main` over webapp/static after Sass and esbuild: every file
gets a copy named after its content (application.css -> application.3f1c2a9b7d4e.css), a map from
plain to hashed names is written beside them, and gzip and Brotli copies are made of both. Pages
link the hashed names through `static_url()`, so browsers may keep them for a year: a changed file
has a new name. WhiteNoise serves them before Flask sees the request, so no session ever makes
them `no-store`.
"""

import hashlib
import json
import logging
import re
import shutil
import sys
from pathlib import Path, PurePosixPath
from wsgiref.headers import Headers

from flask import Flask, current_app, url_for
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from webapp.security import security_headers

MANIFEST = "hashed-names.json"
ROOT_FILES = "root"
IMMUTABLE = "public, max-age=31536000, immutable"
_HASH_LENGTH = 12
# name.<12 hex digits>.suffix, as written by `build`.
_HASHED = re.compile(rf"\.[0-9a-f]{{{_HASH_LENGTH}}}(\.[^./]+)?$")
_COMPRESSED_SUFFIXES = (".gz", ".br")

log = logging.getLogger(__name__)


def is_hashed(path: str, url: str = "") -> bool:
    """WhiteNoise's test for files whose name changes with their content."""
    return bool(_HASHED.search(path))


def hashed_name(relative: str, content: bytes) -> str:
    path = PurePosixPath(relative)
    digest = hashlib.sha256(content).hexdigest()[:_HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def build(folder: Path) -> dict[str, str]:
    """Write hashed copies, the name map and compressed copies; remove those of earlier builds."""
    for path in list(folder.rglob("*")):
        if path.is_file() and (is_hashed(path.name) or path.suffix in _COMPRESSED_SUFFIXES):
            path.unlink()
    names = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative == MANIFEST or path.name.startswith("."):
            continue
        names[relative] = hashed_name(relative, path.read_bytes())
        shutil.copy2(path, folder / names[relative])
    (folder / MANIFEST).write_text(json.dumps(names, indent=2, sort_keys=True) + "\n")
    compressor = Compressor(quiet=True)
    for relative in [*names, *names.values()]:
        if compressor.should_compress(relative):
            compressor.compress(str(folder / relative))
    return names


def init_app(app: Flask) -> None:
    folder = Path(app.static_folder)
    try:
        names = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        log.warning(
            "%s is missing: run `make assets`; pages link unhashed files", folder / MANIFEST
        )
        names = {}
    app.extensions["static_names"] = names
    app.jinja_env.globals["static_url"] = static_url
    wsgi = WhiteNoise(
        app.wsgi_app,
        root=folder,
        prefix=app.static_url_path,
        # Files without a hash in their name may change at the next release.
        max_age=app.config["PUBLIC_CACHE_SECONDS"],
        immutable_file_test=is_hashed,
        add_headers_function=_add_headers,
        # In development, files rebuilt while the server runs are found without a restart.
        autorefresh=app.debug,
    )
    # Files asked for at the site's root whatever a page links, like /favicon.ico.
    wsgi.add_files(str(folder / ROOT_FILES), prefix="/")
    app.wsgi_app = wsgi


def static_url(filename: str) -> str:
    """The address of a static file under its hashed name (its plain name before a build)."""
    names = current_app.extensions["static_names"]
    return url_for("static", filename=names.get(filename, filename))


def _add_headers(headers: Headers, path: str, url: str) -> None:
    for name, value in security_headers(nonce=None).items():
        headers[name] = value
    if is_hashed(path):
        headers["Cache-Control"] = IMMUTABLE


def main() -> None:
    """`make assets` calls this with the static folder, after Sass and esbuild."""
    built = build(Path(sys.argv[1]))
    sys.stdout.write(f"{len(built)} static files hashed and compressed\n")
