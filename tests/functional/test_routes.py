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
        "/planner/<any('who', 'age', 'partner', 'where', 'hours', 'needs', 'options', 'costs', "
        "'savings', 'home', 'home-details', 'living', 'income'):step>",
        "planner.question",
    ),
    ("/planner/check", "planner.check"),
    ("/planner/results", "planner.results"),
    ("/planner/results.csv", "planner.results_csv"),
    ("/planner/print", "planner.print_plan"),
    ("/planner/care-cost-plan.pdf", "planner.results_pdf"),
    ("/planner/plan/<token>/update", "planner.update_saved"),
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
    ("/find-support/<slug>/report", "directory.report"),
    ("/find-support/<slug>/report/sent", "directory.report_sent"),
    ("/admin/sign-in", "admin.sign_in"),
    ("/admin/sign-in/code", "admin.second_factor"),
    ("/admin/sign-out", "admin.sign_out"),
    ("/admin/", "admin.dashboard"),
    ("/admin/queue", "admin.queue_page"),
    ("/admin/submissions/<submission_id>", "admin.submission"),
    ("/admin/submissions/<submission_id>/approve", "admin.approve"),
    ("/admin/submissions/<submission_id>/reject", "admin.reject_page"),
    ("/admin/submissions/<submission_id>/edit", "admin.edit_submission"),
    ("/admin/reports/<report_id>", "admin.report"),
    ("/admin/reports/<report_id>/close", "admin.close_report"),
    ("/admin/listings/<service_id>", "admin.listing_history"),
    ("/admin/listings/<service_id>/versions/<int:version_id>/restore", "admin.restore_version"),
    ("/admin/listings/<service_id>/checked", "admin.mark_listing_checked"),
    ("/admin/audit", "admin.audit_log"),
    ("/admin/export/queue.csv", "admin.export_queue"),
    ("/admin/export/directory.csv", "admin.export_directory"),
    ("/providers/sign-in", "providers.sign_in"),
    ("/providers/sign-in/email", "providers.email_link"),
    ("/providers/sign-in/link/<token>", "providers.use_link"),
    ("/providers/sign-out", "providers.sign_out"),
    ("/providers/password", "providers.set_password"),
    ("/providers/", "providers.home"),
    ("/providers/listings/new", "providers.new_listing"),
    ("/providers/services/<service_id>/update", "providers.update_listing"),
    (
        "/providers/submissions/<submission_id>/<any('who-you-are', 'name', 'kind', 'help', "
        "'summary', 'where', 'who-for', 'costs', 'opening-times', 'payment', 'cqc', 'dbs', "
        "'insurance', 'accreditation', 'languages', 'accessibility', 'contact'):step>",
        "providers.question",
    ),
    ("/providers/submissions/<submission_id>/check", "providers.check_answers"),
    ("/providers/submissions/<submission_id>/sent", "providers.submitted"),
    ("/providers/services/<service_id>/availability", "providers.availability"),
    ("/providers/invite", "providers.invite"),
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
    assert {
        "content",
        "directory",
        "planner",
        "api",
        "admin",
        "providers",
        "status",
        "openreferral",
    } <= set(app.blueprints)
