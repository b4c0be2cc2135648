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
    ("/admin/officers", "admin.officers"),
    ("/admin/officers/new", "admin.new_officer"),
    ("/admin/officers/<account_id>/role", "admin.officer_role"),
    ("/admin/officers/<account_id>/disable", "admin.disable_officer"),
    ("/admin/officers/<account_id>/enable", "admin.enable_officer"),
    ("/admin/officers/<account_id>/reset", "admin.reset_officer"),
    ("/admin/set-up/<token>", "admin.set_up"),
    ("/admin/password", "admin.change_password"),
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
        "'summary', 'where', 'area', 'service-areas', 'who-for', 'costs', 'opening-times', "
        "'payment', 'cqc', 'dbs', "
        "'insurance', 'accreditation', 'languages', 'wheelchair', 'dementia', 'contact'):step>",
        "providers.question",
    ),
    ("/providers/submissions/<submission_id>/check", "providers.check_answers"),
    ("/providers/submissions/<submission_id>/sent", "providers.submitted"),
    ("/providers/services/<service_id>/availability", "providers.availability"),
    ("/providers/invite", "providers.invite"),
    ("/healthz", "status.healthz"),
    ("/static/<path:filename>", "static"),
}


def test_the_site_answers_exactly_the_expected_urls(app):
    rules = {(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()}
    assert rules == EXPECTED_RULES


def test_every_feature_has_its_blueprint(app):
    assert {"content", "directory", "planner", "api", "admin", "providers", "status"} <= set(
        app.blueprints
    )
