"""Dorset Care Guide: the Flask application factory."""

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import (
    accounts,
    cli,
    database,
    errors,
    formatting,
    mail,
    page_cache,
    rate_limits,
    search,
    security,
    static_files,
    urls,
)
from webapp.config import Config, config_from_environment
from webapp.extensions import babel, compress, csrf


def create_app(config_class: type[Config] | None = None) -> Flask:
    config_class = config_class or config_from_environment()
    config_class.validate()

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_class)
    if proxies := app.config["TRUSTED_PROXY_COUNT"]:
        # The client's own address and scheme, as the trusted proxies saw them: rate limits
        # count visitors, not the proxy. X-Forwarded-Host is not trusted (PUBLIC_URL is used).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    # Our templates first, then the GOV.UK macros straight from their installed packages.
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    # We use GOV.UK Frontend's long-standing styles, not the 2025 GOV.UK rebrand.
    app.jinja_env.globals["govukRebrand"] = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    # Security first: its before_request makes the nonce that any error page needs.
    security.init_app(app)
    # Compression after security in registration, so it runs first and security sees a 304.
    compress.init_app(app)
    static_files.init_app(app)
    page_cache.init_app(app)
    csrf.init_app(app)
    babel.init_app(app)
    WTFormsHelpers(app)
    database.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    search.init_app(app)
    cli.init_app(app)
    accounts.init_app(app)
    mail.init_app(app)
    urls.init_app(app)
    _register_blueprints(app)
    rate_limits.init_app(app)  # after the blueprints: it wraps the views they marked
    return app


def _register_blueprints(app: Flask) -> None:
    from webapp.admin import bp as admin_bp
    from webapp.api import bp as api_bp
    from webapp.content import bp as content_bp
    from webapp.directory import bp as directory_bp
    from webapp.openreferral import bp as openreferral_bp
    from webapp.planner import bp as planner_bp
    from webapp.providers import bp as providers_bp
    from webapp.status import bp as status_bp

    for blueprint in (
        content_bp,
        directory_bp,
        planner_bp,
        api_bp,
        admin_bp,
        providers_bp,
        status_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_blueprint(openreferral_bp)
    # The JSON API is called by programs, not forms: it has no CSRF token to send.
    csrf.exempt(api_bp)
