"""'Report something wrong' on every listing, and what a listing says about its freshness."""

from datetime import date

from flask import abort, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextArea, GovTextInput
from sqlalchemy import select
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from webapp import limits
from webapp.accounts import now
from webapp.database import get_session
from webapp.directory import bp
from webapp.directory.listings import listing_by_slug
from webapp.directory.vocabulary import AVAILABILITY_NAMES
from webapp.listing_rules import FollowsRule
from webapp.mail import queue_email
from webapp.models import Account, Report, Service
from webapp.moderation import is_stale, new_reference
from webapp.security import personal
from webapp.urls import absolute_url


class ReportForm(FlaskForm):
    problem = TextAreaField(
        _l("What is wrong?"),
        description=_l("For example, the phone number has changed or the service has closed"),
        validators=[
            InputRequired(message=_l("Say what is wrong with the listing")),
            Length(max=2000, message=_l("Say what is wrong in 2,000 characters or fewer")),
        ],
        widget=GovTextArea(),
    )
    name = StringField(
        _l("Your name (optional)"),
        validators=[
            Optional(),
            Length(max=200, message=_l("Your name must be 200 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    email = StringField(
        _l("Your email address (optional)"),
        description=_l("Only if you are happy for us to contact you about this"),
        validators=[Optional(), FollowsRule("email")],
        widget=GovTextInput(),
    )


def listing_status(service: Service) -> dict:
    """What a listing page says about how fresh it is and whether there is space."""
    return {
        "checked_on": service.last_checked,
        "stale": is_stale(service),
        "provider_updated_on": service.provider_updated_on,
        "availability": AVAILABILITY_NAMES.get(service.availability or ""),
        "availability_on": service.availability_updated_on,
        "closed": service.status == "temporarily_closed",
        "closed_reason": service.closed_reason,
        "reopening_on": service.reopening_on,
    }


@bp.route("/find-support/<slug>/report", methods=["GET", "POST"])
@personal
@limits.limit("report")
def report(slug: str):
    service = listing_by_slug(slug)
    if service is None:
        abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        db = get_session()
        item = Report(
            reference=new_reference("R"),
            service_id=service.id,
            problem=form.problem.data.strip(),
            name=(form.name.data or "").strip(),
            email=(form.email.data or "").strip(),
            status="open",
            created_at=now(),
        )
        db.add(item)
        for provider in db.scalars(
            select(Account).where(
                Account.organisation_id == service.organisation_id,
                Account.role == "provider",
                Account.active.is_(True),
            )
        ):
            queue_email(
                db,
                provider.email,
                str(_l("Someone has reported a problem with %(name)s", name=service.name)),
                "report",
                service=service,
                report=item,
                url=absolute_url("providers.home"),
            )
        db.commit()
        session["report_reference"] = item.reference
        return redirect(url_for(".report_sent", slug=slug))
    status = 400 if form.errors else 200
    return render_template("directory/report.html", form=form, service=service), status


@bp.get("/find-support/<slug>/report/sent")
@personal
def report_sent(slug: str):
    service = listing_by_slug(slug)
    reference = session.get("report_reference")
    if service is None or reference is None:
        abort(404)
    return render_template(
        "directory/report_sent.html", service=service, reference=reference, today=date.today()
    )
