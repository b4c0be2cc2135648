import csv
import io
import json
from datetime import date

from flask import (
    Response,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l

from calculators.planner import PLAN_OPTIONS, make_plan
from calculators.rates import rates_for, year_for
from webapp.directory.places import place_in_dorset
from webapp.planner import bp
from webapp.planner import saved as saved_plans
from webapp.planner.answers import (
    ORDER,
    applies,
    defaults_for,
    first_unanswered,
    next_step,
    previous_step,
    to_answers,
)
from webapp.planner.forms import STEP_FIELDS, STEPS, AdviserForm
from webapp.planner.presenters import check_rows, plan_view
from webapp.rate_limits import limit_writes
from webapp.security import personal

CSV_HEADINGS = (
    _l("Option"),
    _l("Weekly cost"),
    _l("You pay a week now"),
    _l("Council might pay a week"),
    _l("Weeks until savings reach the upper limit"),
    _l("Date"),
    _l("Ask the council by"),
    _l("Savings after 1 year"),
    _l("After 3 years"),
    _l("After 5 years"),
    _l("After 10 years"),
)


def _stored() -> dict:
    return session.get("planner", {})


def _save_step(step: str, form) -> None:
    stored = dict(_stored())
    stored[step] = {
        name: field.data for name, field in form._fields.items() if name != "csrf_token"
    }
    session["planner"] = stored


@bp.get("")
def start():
    # A link from an advice page can ask for an option to be compared; it is ticked later.
    option = request.args.get("option")
    if option in PLAN_OPTIONS:
        session["planner"] = {**_stored(), "start": {"option": option}}
    return render_template("planner/start.html")


@bp.route("/<any(" + ", ".join(f"'{s}'" for s in ORDER) + "):step>", methods=["GET", "POST"])
@personal
def question(step: str):
    stored = _stored()
    if not applies(step, stored):
        return redirect(url_for(".question", step=next_step(step, stored) or "check"))
    form_class = STEPS[step]
    if request.method == "POST":
        form = form_class()
    else:
        form = form_class(formdata=None, data=stored.get(step) or defaults_for(step, stored))
    if step == "costs":
        options = stored.get("options", {}).get("options") or ["home_care"]
        form.keep_only(options)
    changing = request.args.get("change") == "1"
    if request.method == "POST" and form.validate() and _extra_checks(step, form):
        _save_step(step, form)
        following = next_step(step, _stored())
        if changing or following is None:
            return redirect(url_for(".check"))
        return redirect(url_for(".question", step=following))
    status = 400 if form.errors else 200
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
        status,
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
    return render_template("planner/check.html", rows=check_rows(stored))


@bp.get("/results")
@personal
def results():
    stored = _stored()
    missing = first_unanswered(stored)
    if missing:
        return redirect(url_for(".question", step=missing))
    return _show_results(stored, saved_token=None)


def _plan(stored: dict):
    today = date.today()
    return make_plan(rates_for(year_for(today)), to_answers(stored, today))


def _show_results(stored: dict, saved_token: str | None):
    plan = _plan(stored)
    return render_template(
        "planner/results.html",
        view=plan_view(plan, stored),
        saved_token=saved_token,
    )


@bp.get("/results.csv")
@personal
def results_csv():
    stored = _stored()
    if first_unanswered(stored):
        abort(404)
    view = plan_view(_plan(stored), stored)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([str(heading) for heading in CSV_HEADINGS])
    for option in view["options"]:
        writer.writerow(option["csv_row"])
    return Response(
        output.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=care-cost-plan.csv"},
    )


@bp.post("/save")
@limit_writes
@personal
def save():
    stored = _stored()
    missing = first_unanswered(stored)
    if missing:
        return redirect(url_for(".question", step=missing))
    return redirect(url_for(".saved", token=saved_plans.save(stored)))


@bp.get("/plan/<token>")
@personal
def saved(token: str):
    plan = saved_plans.find(token)
    if plan is None:
        abort(404)
    session["planner"] = json.loads(plan.answers)
    return _show_results(session["planner"], saved_token=token)


@bp.post("/plan/<token>/delete")
@limit_writes
@personal
def delete_saved(token: str):
    plan = saved_plans.find(token)
    if plan is None:
        abort(404)
    saved_plans.forget(plan)
    session.pop("planner", None)
    return render_template("planner/deleted.html")


@bp.route("/adviser", methods=["GET", "POST"])
@personal
def adviser():
    form = (
        AdviserForm()
        if request.method == "POST"
        else AdviserForm(formdata=None, data=AdviserForm.flatten(_stored()))
    )
    if request.method == "POST" and form.validate() and place_in_dorset(form.where):
        session["planner"] = form.to_stored()
        return redirect(url_for(".results"))
    return (
        render_template(
            "planner/adviser.html",
            form=form,
            step_fields=STEP_FIELDS,
            questions={step: form_class.question for step, form_class in STEPS.items()},
        ),
        400 if form.errors else 200,
    )


@bp.post("/start-again")
@personal
def start_again():
    session.pop("planner", None)
    return redirect(url_for(".question", step=ORDER[0]))
