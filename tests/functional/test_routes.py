"""Every URL the site answers, so none vanishes unnoticed."""

EXPECTED_RULES = {
    ("/", "content.home"),
    ("/accessibility", "content.site_page"),
    ("/privacy", "content.site_page"),
    ("/cookies", "content.site_page"),
    ("/contact", "content.site_page"),
    ("/advice", "content.advice"),
    ("/a-to-z", "content.a_to_z"),
    ("/search", "content.site_search"),
    ("/<topic>", "content.topic"),
    ("/<topic>/<slug>", "content.page"),
    ("/find-support", "directory.find_support"),
    ("/find-support/<slug>", "directory.listing"),
    ("/planner", "planner.start"),
    (
        "/planner/<any('who', 'age', 'where', 'hours', 'needs', 'options', 'costs', 'savings', "
        "'home', 'home-details', 'income'):step>",
        "planner.question",
    ),
    ("/planner/check", "planner.check"),
    ("/planner/results", "planner.results"),
    ("/planner/results.csv", "planner.results_csv"),
    ("/planner/save", "planner.save"),
    ("/planner/plan/<token>", "planner.saved"),
    ("/planner/plan/<token>/delete", "planner.delete_saved"),
    ("/planner/adviser", "planner.adviser"),
    ("/planner/start-again", "planner.start_again"),
    ("/api/v1/", "api.index"),
    ("/api/v1/openapi.json", "api.openapi"),
    (
        "/api/v1/calculators/<any('care-cost', 'means-test', 'capital-depletion', 'compare', "
        "'screens'):name>",
        "api.calculator",
    ),
    ("/openreferral/v3/", "openreferral.index"),
    ("/openreferral/v3/services", "openreferral.services"),
    ("/openreferral/v3/services/<service_id>", "openreferral.service"),
    ("/openreferral/v3/service_at_locations", "openreferral.service_at_locations"),
    ("/openreferral/v3/service_at_locations/<link_id>", "openreferral.service_at_location"),
    ("/openreferral/v3/taxonomies", "openreferral.taxonomies"),
    ("/openreferral/v3/taxonomies/<taxonomy_id>", "openreferral.taxonomy"),
    ("/openreferral/v3/taxonomy_terms", "openreferral.taxonomy_terms"),
    ("/openreferral/v3/taxonomy_terms/<term_id>", "openreferral.taxonomy_term"),
    ("/healthz", "status.healthz"),
    ("/static/<path:filename>", "static"),
}


def test_the_site_answers_exactly_the_expected_urls(app):
    rules = {(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()}
    assert rules == EXPECTED_RULES


def test_every_feature_has_its_blueprint(app):
    assert {"content", "directory", "planner", "api", "admin", "status", "openreferral"} <= set(
        app.blueprints
    )
