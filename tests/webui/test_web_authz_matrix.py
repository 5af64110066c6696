"""The authorization matrix: role × route × method → expected status.

Every rule of ``app.url_map`` with every method it answers (HEAD and OPTIONS aside) must be
listed here; ``test_matrix_covers_every_route`` fails when a new route is not. POSTs are
sent with an empty form (CSRF off): what a lead gets back is then the validation answer
(400), a refused stale form (409, or a redirect with a message), or a redirect.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from webui_support import MONTH, YEAR
from webui import models as m
from webui import rotas
from webui.convert import build_team
from webui.extensions import db

ANON, COUNSELLOR, LEAD = "anon", "counsellor", "lead"
USERS = {COUNSELLOR: "mari", LEAD: "kadri"}

#: A lead-only page: anonymous → login, counsellor → 403.
def lead(get: int = 200) -> dict[str, int]:
    return {ANON: 302, COUNSELLOR: 403, LEAD: get}


def members(status: int = 200, lead_status: int | None = None) -> dict[str, int]:
    return {ANON: 302, COUNSELLOR: status, LEAD: status if lead_status is None else lead_status}


# (rule, method) → (sample URL, {role: status})
MATRIX: dict[tuple[str, str], tuple[str, dict[str, int]]] = {
    ("/static/<path:filename>", "GET"): ("/static/style.css", {ANON: 200, COUNSELLOR: 200, LEAD: 200}),
    ("/login", "GET"): ("/login", {ANON: 200, COUNSELLOR: 302, LEAD: 302}),
    ("/login", "POST"): ("/login", {ANON: 200, COUNSELLOR: 200, LEAD: 200}),
    ("/logout", "POST"): ("/logout", {ANON: 302, COUNSELLOR: 302, LEAD: 302}),
    ("/language", "POST"): ("/language", {ANON: 302, COUNSELLOR: 302, LEAD: 302}),
    ("/", "GET"): ("/", {ANON: 302, COUNSELLOR: 302, LEAD: 302}),
    ("/password", "GET"): ("/password", {ANON: 302, COUNSELLOR: 200, LEAD: 200}),
    ("/password", "POST"): ("/password", {ANON: 302, COUNSELLOR: 400, LEAD: 400}),
    # team lead: master data
    ("/team/people", "GET"): ("/team/people", lead()),
    ("/team/people/new", "GET"): ("/team/people/new", lead()),
    ("/team/people/new", "POST"): ("/team/people/new", lead(400)),
    ("/team/people/<int:person_id>/edit", "GET"): ("/team/people/2/edit", lead()),
    ("/team/people/<int:person_id>/edit", "POST"): ("/team/people/2/edit", lead(409)),
    ("/team/people/<int:person_id>/active", "POST"): ("/team/people/2/active", lead(303)),
    ("/team/services", "GET"): ("/team/services", lead()),
    ("/team/services/new", "GET"): ("/team/services/new", lead()),
    ("/team/services/new", "POST"): ("/team/services/new", lead(400)),
    ("/team/services/<int:service_id>/edit", "GET"): ("/team/services/1/edit", lead()),
    ("/team/services/<int:service_id>/edit", "POST"): ("/team/services/1/edit", lead(409)),
    ("/team/services/<int:service_id>/delete", "POST"): ("/team/services/1/delete", lead(302)),
    ("/team/shift-types/new", "GET"): ("/team/shift-types/new", lead()),
    ("/team/shift-types/new", "POST"): ("/team/shift-types/new", lead(400)),
    ("/team/shift-types/<int:shift_id>/edit", "GET"): ("/team/shift-types/1/edit", lead()),
    ("/team/shift-types/<int:shift_id>/edit", "POST"): ("/team/shift-types/1/edit", lead(409)),
    ("/team/shift-types/<int:shift_id>/delete", "POST"): ("/team/shift-types/1/delete", lead(302)),
    ("/team/needs", "GET"): ("/team/needs", lead()),
    ("/team/needs/new", "GET"): ("/team/needs/new", lead()),
    ("/team/needs/new", "POST"): ("/team/needs/new", lead(400)),
    ("/team/needs/<int:need_id>/edit", "GET"): ("/team/needs/1/edit", lead()),
    ("/team/needs/<int:need_id>/edit", "POST"): ("/team/needs/1/edit", lead(409)),
    ("/team/needs/<int:need_id>/delete", "POST"): ("/team/needs/1/delete", lead(302)),
    ("/team/absences", "GET"): ("/team/absences", lead()),
    ("/team/absences", "POST"): ("/team/absences", lead(400)),
    ("/team/absences/<int:absence_id>/edit", "GET"): ("/team/absences/1/edit", lead()),
    ("/team/absences/<int:absence_id>/edit", "POST"): ("/team/absences/1/edit", lead(409)),
    ("/team/absences/<int:absence_id>/delete", "POST"): ("/team/absences/1/delete", lead(302)),
    ("/team/events", "GET"): ("/team/events", lead()),
    ("/team/events/new", "GET"): ("/team/events/new", lead()),
    ("/team/events/new", "POST"): ("/team/events/new", lead(400)),
    ("/team/events/<int:event_id>/edit", "GET"): ("/team/events/1/edit", lead()),
    ("/team/events/<int:event_id>/edit", "POST"): ("/team/events/1/edit", lead(409)),
    ("/team/events/<int:event_id>/delete", "POST"): ("/team/events/1/delete", lead(302)),
    ("/team/settings", "GET"): ("/team/settings", lead()),
    ("/team/settings", "POST"): ("/team/settings", lead(409)),
    ("/team/rules", "GET"): ("/team/rules", lead()),
    ("/team/rules", "POST"): ("/team/rules", lead(409)),
    ("/team/substitutions", "GET"): ("/team/substitutions", lead()),
    ("/team/substitutions/new", "GET"): ("/team/substitutions/new", lead()),
    ("/team/substitutions/new", "POST"): ("/team/substitutions/new", lead(400)),
    ("/team/substitutions/<int:number>/edit", "GET"): ("/team/substitutions/1/edit", lead()),
    ("/team/substitutions/<int:number>/edit", "POST"): ("/team/substitutions/1/edit", lead(409)),
    ("/team/substitutions/<int:number>/delete", "POST"): ("/team/substitutions/1/delete", lead(302)),
    ("/team/wishes", "GET"): ("/team/wishes", lead()),
    ("/team/wishes/new", "POST"): ("/team/wishes/new", lead(400)),
    ("/team/wishes/<int:wish_id>/delete", "POST"): ("/team/wishes/{wish}/delete", lead(302)),
    # team lead: planning
    ("/plan/", "GET"): ("/plan/", lead()),
    ("/plan/<int:year>/<int:month>", "GET"): (f"/plan/{YEAR}/{MONTH}", lead()),
    ("/plan/<int:year>/<int:month>/generate", "POST"): (f"/plan/{YEAR}/{MONTH}/generate", lead(303)),
    ("/plan/<int:year>/<int:month>/resolve", "POST"): (f"/plan/{YEAR}/{MONTH}/resolve", lead(303)),
    ("/plan/jobs/<int:job_id>", "GET"): ("/plan/jobs/{job}", lead()),
    ("/plan/jobs/<int:job_id>/progress.json", "GET"): ("/plan/jobs/{job}/progress.json",
                                                       {ANON: 401, COUNSELLOR: 403, LEAD: 200}),
    ("/plan/jobs/<int:job_id>/cancel", "POST"): ("/plan/jobs/{job}/cancel", lead(302)),
    ("/plan/jobs/<int:job_id>/use-gaps", "POST"): ("/plan/jobs/{job}/use-gaps", lead(404)),  # it has none
    ("/plan/<int:year>/<int:month>/cell", "GET"): (f"/plan/{YEAR}/{MONTH}/cell?person=mari&day=2027-03-02", lead()),
    ("/plan/<int:year>/<int:month>/cell", "POST"): (f"/plan/{YEAR}/{MONTH}/cell?person=mari&day=2027-03-02",
                                                    lead(400)),
    ("/plan/<int:year>/<int:month>/slot", "GET"): (f"/plan/{YEAR}/{MONTH}/slot?day=2027-03-03&shift=P", lead()),
    # an empty form: the person, day and shift are missing (400)
    ("/plan/<int:year>/<int:month>/assign", "POST"): (f"/plan/{YEAR}/{MONTH}/assign", lead(400)),
    ("/plan/<int:year>/<int:month>/publish", "POST"): (f"/plan/{YEAR}/{MONTH}/publish", lead(303)),
    ("/plan/<int:year>/<int:month>/discard", "POST"): (f"/plan/{YEAR}/{MONTH}/discard", lead(303)),
    ("/plan/<int:year>/<int:month>/sick", "GET"): (f"/plan/{YEAR}/{MONTH}/sick", lead()),
    ("/plan/<int:year>/<int:month>/sick", "POST"): (f"/plan/{YEAR}/{MONTH}/sick", lead(400)),
    ("/plan/<int:year>/<int:month>/rota.xlsx", "GET"): (f"/plan/{YEAR}/{MONTH}/rota.xlsx", lead()),
    ("/plan/<int:year>/<int:month>/payroll.csv", "GET"): (f"/plan/{YEAR}/{MONTH}/payroll.csv", lead()),
    ("/plan/<int:year>/<int:month>/print", "GET"): (f"/plan/{YEAR}/{MONTH}/print", lead()),
    # every member: own pages
    ("/me/shifts", "GET"): ("/me/shifts?month=2027-03", members()),
    ("/me/hours", "GET"): ("/me/hours?month=2027-03", members()),
    ("/me/feed", "POST"): ("/me/feed", members(302)),
    # the calendar feed: the address's secret is the key, for anyone (an unknown one: 404)
    ("/feed/<token>.ics", "GET"): ("/feed/no-such-address.ics", {ANON: 404, COUNSELLOR: 404, LEAD: 404}),
    ("/me/requests", "GET"): ("/me/requests", members()),
    # April: open for requests (March is published, which refuses new ones with a redirect)
    ("/me/requests/<int:year>/<int:month>/wish", "POST"): (f"/me/requests/{YEAR}/{MONTH + 1}/wish", members(400)),
    ("/me/requests/<int:year>/<int:month>/unavailable", "POST"): (f"/me/requests/{YEAR}/{MONTH + 1}/unavailable",
                                                                  members(400)),
    # mari's own rows: the lead gets 404 (not hers to delete, and not told it exists)
    ("/me/wishes/<int:wish_id>/delete", "POST"): ("/me/wishes/{wish}/delete", members(302, 404)),
    ("/me/unavailable/<int:absence_id>/delete", "POST"): ("/me/unavailable/{unavailable}/delete",
                                                          members(302, 404)),
    ("/rota/<int:year>/<int:month>", "GET"): (f"/rota/{YEAR}/{MONTH}", members()),
    # swaps: olga's request to mari (an empty form carries no version: a stale button, 303);
    # only the colleague answers and only the requester withdraws (others: 404)
    ("/me/swaps", "GET"): ("/me/swaps", members()),
    ("/me/swaps", "POST"): ("/me/swaps", members(400)),
    # mari has a day shift on 2 March; the lead has none that day (back to the swaps page)
    ("/me/swaps/offer", "GET"): ("/me/swaps/offer?day=2027-03-02&shift=P", members(200, 303)),
    ("/me/swaps/<int:swap_id>/withdraw", "POST"): ("/me/swaps/{swap}/withdraw", members(404)),
    ("/me/swaps/<int:swap_id>/accept", "POST"): ("/me/swaps/{swap}/accept", members(303, 404)),
    ("/me/swaps/<int:swap_id>/decline", "POST"): ("/me/swaps/{swap}/decline", members(303, 404)),
    ("/plan/swaps", "GET"): ("/plan/swaps", lead()),
    ("/plan/swaps/<int:swap_id>/approve", "POST"): ("/plan/swaps/{swap}/approve", lead(303)),
    ("/plan/swaps/<int:swap_id>/refuse", "POST"): ("/plan/swaps/{swap}/refuse", lead(303)),
}

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app: Flask) -> set[tuple[str, str]]:
    return {(rule.rule, method) for rule in app.url_map.iter_rules()
            for method in (rule.methods or set()) - IGNORED_METHODS}


def test_matrix_covers_every_route(app: Flask) -> None:
    missing = sorted(routes(app) - set(MATRIX))
    assert not missing, f"routes missing from the authorization matrix: {missing}"
    stale = sorted(set(MATRIX) - routes(app))
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


def test_every_view_declares_its_access(app: Flask) -> None:
    """Every view goes through require_role (or is explicitly public)."""
    for endpoint, view in app.view_functions.items():
        if endpoint == "static":
            continue
        assert getattr(view, "access", None), f"{endpoint} has no require_role/public decorator"


def sample_data(app: Flask) -> dict[str, int]:
    """A published March with a few shifts, a finished job, mari's unavailability."""
    with app.app_context():
        team = build_team()
        from webui.convert import assignment

        shifts = [assignment(team, "mari", date(YEAR, MONTH, 2), "P"),
                  assignment(team, "olga", date(YEAR, MONTH, 2), "O")]
        rota = rotas.store_draft(YEAR, MONTH, shifts, source="manual")
        rotas.publish(rota, None)
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        absence = m.Absence(person_id=mari.id, kind="other", first_day=date(YEAR, MONTH, 20),
                            last_day=date(YEAR, MONTH, 20), note="unavailable", by_person=True)
        job = m.SolveJob(year=YEAR, month=MONTH, kind="generate", status="done", time_limit=5)
        olga = db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga"))
        swap = m.SwapRequest(year=YEAR, month=MONTH, requester_id=olga.id, partner_id=mari.id,
                             day=date(YEAR, MONTH, 2), shift_code="O", status=m.SWAP_ACCEPTED)
        db.session.add_all([absence, job, swap])
        db.session.commit()
        wish = db.session.scalar(sa.select(m.Wish).where(m.Wish.person_id == mari.id))
        return {"job": job.id, "wish": wish.id, "unavailable": absence.id, "swap": swap.id}


CASES = [(rule, method, role) for (rule, method) in MATRIX for role in (ANON, COUNSELLOR, LEAD)]


@pytest.mark.parametrize(("rule", "method", "role"), CASES,
                         ids=[f"{method} {rule} {role}" for rule, method, role in CASES])
def test_authorization(make_app: Any, rule: str, method: str, role: str) -> None:
    app = make_app()
    ids = sample_data(app)
    client = app.test_client()
    if role != ANON:
        response = client.post("/login", data={"username": USERS[role], "password": f"demo-{USERS[role]}"})
        assert response.status_code == 302
    url, expected = MATRIX[(rule, method)]
    url = url.format(**ids)
    response = client.open(url, method=method, data={} if method == "POST" else None)
    response.close()
    assert response.status_code == expected[role], (
        f"{method} {url} as {role}: expected {expected[role]}, got {response.status_code}")
    if role == ANON and expected[role] == 302 and rule not in ("/logout", "/language"):
        assert "/login" in response.headers["Location"]
