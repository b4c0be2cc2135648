"""The planner's pages: one question a page, the check page, results, and keeping the plan."""

from datetime import date

from flask import Response, abort, g, redirect, render_template, request, session, url_for

from calculators.planner import DAY_SESSIONS_PER_WEEK, PLAN_OPTIONS, make_plan
from webapp.directory.places import place_in_dorset
from webapp.page_cache import personal_page, remembered
from webapp.planner import bp, exports, store
from webapp.planner import saved as saved_plans
from webapp.planner.answers import (
    ORDER,
    VERSION,
    applies,
    clean,
    current_rates,
    defaults_for,
    first_unanswered,
    form_for,
    next_step,
    previous_step,
    read,
    to_calculator,
)
from webapp.planner.forms import STEP_FIELDS, STEPS, AdviserForm
from webapp.planner.presenters import check_rows, plan_view
from webapp.rate_limits import limit_writes, limited
from webapp.security import personal

# A ceiling on what one request may send: the adviser's page with every answer and a note is
# a few kilobytes and under a hundred fields, so anything much larger is refused.
MAX_FORM_BYTES = 32 * 1024
MAX_FORM_VALUES = 200
# The option a link from an advice page asked for, kept in the cookie until the first answer.
START_OPTION_KEY = "planner_start_option"


@bp.before_request
def _start_request() -> None:
    # The answers are read afresh for each request, even where requests share an app context.
    g.pop("planner_answers", None)
    g.pop("planner_stored", None)
    if request.method != "POST":
        return
    request.max_content_length = MAX_FORM_BYTES
    request.max_form_parts = MAX_FORM_VALUES
    if (request.content_length or 0) > MAX_FORM_BYTES:
        abort(413)
    if sum(len(values) for _name, values in request.form.lists()) > MAX_FORM_VALUES:
        abort(400)


@bp.context_processor
def _saved_days() -> dict:
    return {"saved_days": saved_plans.SAVED_FOR.days}


def _today() -> date:
    return date.today()


def _stored() -> dict:
    """The answers so far, checked again on every request (never trusted as kept)."""
    if "planner_stored" not in g:
        kept, today = store.load(), _today()
        # Checking twelve steps' forms costs more than drawing a kept page, and its answer
        # depends only on what is kept and the day's rates.
        g.planner_stored = remembered(
            "checked", {"kept": kept, "today": today}, lambda: clean(kept, current_rates(today))
        )
    return g.planner_stored


def _keep(stored: dict) -> None:
    # An option asked for by a link (see start()) joins the answers when they are first kept.
    option = session.pop(START_OPTION_KEY, None)
    if option in PLAN_OPTIONS:
        stored = {**stored, "start": {"option": option}}
    store.keep(stored)
    g.planner_stored = stored


def _prepare(form, **details) -> None:
    """Hints that give figures from the rates and the answers: typical costs, hours and benefit
    rates."""
    rates = current_rates(_today())
    if hasattr(form, "describe_defaults"):
        form.describe_defaults(rates, DAY_SESSIONS_PER_WEEK, **details)
    if hasattr(form, "describe_rates"):
        form.describe_rates(rates)


@bp.get("")
def start():
    # A link from an advice page can ask for an option to be compared; it is ticked later.
    option = request.args.get("option")
    if option in PLAN_OPTIONS:
        if store.load():
            _keep({**_stored(), "start": {"option": option}})
        else:
            # Nothing is written for a visitor who has not answered anything (a crawler following
            # advice page links): the option waits in the cookie for their first answer.
            session[START_OPTION_KEY] = option
    return render_template("planner/start.html")


@bp.route("/<any(" + ", ".join(f"'{s}'" for s in ORDER) + "):step>", methods=["GET", "POST"])
@personal
def question(step: str):
    stored = _stored()
    if not applies(step, stored):
        following = next_step(step, stored)
        return redirect(url_for(".question", step=following) if following else url_for(".check"))
    if request.method == "POST":
        form = form_for(step, stored)
    else:
        data = stored.get(step) or defaults_for(step, stored, current_rates(_today()))
        form = form_for(step, stored, formdata=None, data=data)
    _prepare(form, **({"band": stored.get("hours", {}).get("hours")} if step == "costs" else {}))
    changing = request.args.get("change") == "1"
    if request.method == "POST" and form.validate() and _extra_checks(step, form):
        answers = {name: field.data for name, field in form._fields.items()}
        answers.pop("csrf_token", None)
        _keep({**stored, step: answers})
        following = next_step(step, _stored())
        if changing or following is None:
            return redirect(url_for(".check"))
        return redirect(url_for(".question", step=following))
    back = previous_step(step, stored)
    return (
        render_template(
            "planner/question.html",
            form=form,
            step=step,
            changing=changing,
            back_url=url_for(".check")
            if changing
            else url_for(".question", step=back)
            if back
            else url_for(".start"),
        ),
        400 if form.errors else 200,
    )


def _extra_checks(step: str, form) -> bool:
    return step != "where" or place_in_dorset(form.where) is not None


@bp.route("/check", methods=["GET", "POST"])
@personal
def check():
    stored = _stored()
    missing = first_unanswered(stored)
    if missing:
        return redirect(url_for(".question", step=missing))
    if request.method == "POST":
        return redirect(url_for(".results"))
    return render_template(
        "planner/check.html", rows=check_rows(read(stored), stored, with_actions=True)
    )


def _complete_or_redirect():
    stored = _stored()
    missing = first_unanswered(stored)
    if missing:
        return None, redirect(url_for(".question", step=missing))
    return stored, None


def _view(stored: dict) -> dict:
    today = _today()
    rates = current_rates(today)
    answers = read(stored)
    plan = make_plan(rates, to_calculator(answers, rates, today))
    return plan_view(plan, answers, stored, today)


def _link(stored: dict) -> dict | None:
    """The saved link these answers were opened from, and whether they have changed since."""
    token = stored.get("link")
    plan = saved_plans.find(token) if token else None
    if plan is None:
        return None
    kept = {key: value for key, value in stored.items() if key != "link"}
    return {
        "token": token,
        "saved_at": plan.updated_at or plan.created_at,
        "changed": saved_plans.answers_of(plan) != kept,
    }


@bp.get("/results")
@personal
def results():
    return _plan_page("planner/results.html")


def _plan_page(template: str):
    """The results or print page, a pure function of the answers, the saved link's state and
    the day: drawn once for the same ones, then kept (see page_cache.personal_page)."""
    stored, elsewhere = _complete_or_redirect()
    if elsewhere:
        return elsewhere
    link = _link(stored)
    return personal_page(
        {"answers": stored, "link": link, "today": _today()},
        lambda: render_template(template, view=_view(stored), link=link),
    )


@bp.get("/print")
@personal
def print_plan():
    return _plan_page("planner/print.html")


@bp.get("/care-cost-plan.pdf")
# Drawing a PDF takes seconds of a worker, so one visitor may ask for only a few a minute.
@limited(lambda: "6 per minute")
@personal
def results_pdf():
    stored, elsewhere = _complete_or_redirect()
    if elsewhere:
        return elsewhere
    html = render_template("planner/print.html", view=_view(stored), link=_link(stored))
    return Response(
        exports.pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": "attachment; filename=care-cost-plan.pdf"},
    )


@bp.get("/results.csv")
@personal
def results_csv():
    stored, elsewhere = _complete_or_redirect()
    if elsewhere:
        return elsewhere
    return Response(
        exports.csv_text(_view(stored)),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=care-cost-plan.csv"},
    )


@bp.post("/save")
@limit_writes
@personal
def save():
    stored, elsewhere = _complete_or_redirect()
    if elsewhere:
        return elsewhere
    kept = {key: value for key, value in stored.items() if key != "link"}
    token = saved_plans.save(kept)
    _keep({**kept, "link": token})
    return redirect(url_for(".saved", token=token))


@bp.post("/plan/<token>/update")
@limit_writes
@personal
def update_saved(token: str):
    plan = saved_plans.find(token)
    stored, elsewhere = _complete_or_redirect()
    if plan is None:
        abort(404)
    if elsewhere:
        return elsewhere
    if stored.get("link") != token:
        abort(400)
    saved_plans.update(plan, {key: value for key, value in stored.items() if key != "link"})
    return redirect(url_for(".saved", token=token))


@bp.get("/plan/<token>")
@personal
def saved(token: str):
    plan = saved_plans.find(token)
    if plan is None:
        abort(404)
    stored = {**clean(saved_plans.answers_of(plan), current_rates(_today())), "link": token}
    _keep(stored)
    missing = first_unanswered(stored)
    if missing:
        # A plan kept by an older planner that did not ask this yet: ask it now.
        return redirect(url_for(".question", step=missing))
    return render_template("planner/results.html", view=_view(stored), link=_link(stored))


@bp.route("/plan/<token>/delete", methods=["GET", "POST"])
@limit_writes
@personal
def delete_saved(token: str):
    plan = saved_plans.find(token)
    if plan is None:
        abort(404)
    if request.method == "GET":
        return render_template("planner/confirm_delete.html", token=token)
    saved_plans.forget(plan)
    store.forget()
    return render_template("planner/deleted.html")


@bp.route("/adviser", methods=["GET", "POST"])
@personal
def adviser():
    stored = _stored()
    rates = current_rates(_today())
    if request.method == "POST":
        form = AdviserForm(person="they")
    else:
        # Hours and living costs left empty are worked out from the answers when the page is
        # sent (the hours' and living costs' hints say how), so nothing is filled in here.
        form = AdviserForm(formdata=None, data=AdviserForm.flatten(stored), person="they")
    _prepare(form)
    if request.method == "POST" and form.validate() and place_in_dorset(form.where):
        answers = {**form.to_stored(), "version": VERSION}
        if not answers["living"]["living_costs"]:
            # The same default as the living costs page, now that the partner answer is known.
            answers["living"] = {**answers["living"], **defaults_for("living", answers, rates)}
        kept = clean(answers, rates)
        if "link" in stored:
            kept["link"] = stored["link"]
        _keep(kept)
        return redirect(url_for(".results"))
    return (
        render_template(
            "planner/adviser.html",
            form=form,
            # A "how often" choice is drawn with its amount.
            step_fields={
                step: [name for name in names if not name.endswith("_per")]
                for step, names in STEP_FIELDS.items()
                if step != "who"
            },
            questions={step: form_class.question("they") for step, form_class in STEPS.items()},
        ),
        400 if form.errors else 200,
    )


@bp.route("/start-again", methods=["GET", "POST"])
@personal
def start_again():
    if request.method == "GET":
        return render_template("planner/confirm_start_again.html")
    store.forget()
    return render_template("planner/started_again.html")
