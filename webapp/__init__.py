"""Dorset Care Guide: the Flask application factory."""

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from webapp import cli, database, errors, formatting, search, security
from webapp.config import Config, config_from_environment
from webapp.extensions import babel, csrf


def create_app(config_class: type[Config] | None = None) -> Flask:
    config_class = config_class or config_from_environment()
    config_class.validate()

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_class)

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
    csrf.init_app(app)
    babel.init_app(app)
    WTFormsHelpers(app)
    database.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    search.init_app(app)
    cli.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webapp.admin import bp as admin_bp
    from webapp.api import bp as api_bp
    from webapp.content import bp as content_bp
    from webapp.directory import bp as directory_bp
    from webapp.openreferral import bp as openreferral_bp
    from webapp.planner import bp as planner_bp
    from webapp.status import bp as status_bp

    for blueprint in (content_bp, directory_bp, planner_bp, api_bp, admin_bp, status_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(openreferral_bp)
    # The JSON API is called by programs, not forms: it has no CSRF token to send.
    csrf.exempt(api_bp)
