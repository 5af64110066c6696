"""The checker's reasons and the solver's explanations in the viewer's language.

The rota here is written by hand: Mari works the evening O on Thursday 04.03 (until midnight)
and the day P on Friday 05.03, 8 h later; TLS § 51 wants 11 h of daily rest. Estonian is the
default language; the switch gives English.
"""

from __future__ import annotations

import html
import pickle
import re
from datetime import date
from gettext import GNUTranslations
from typing import Any

from flask import Flask

from scheduler.checker.messages import Listing, msg, words
from scheduler.solver.explain import Explained, explain_timeout
from webui import i18n, reasons, rotas
from webui import models as m
from webui.convert import assignment, build_team
from webui.extensions import db
from webui.i18n_et_rules import ET_RULES
from webui_support import MONTH, YEAR, AuthActions

PLAN = f"/plan/{YEAR}/{MONTH}"
THU, FRI = date(YEAR, MONTH, 4), date(YEAR, MONTH, 5)
ROWS = [("mari", THU, "O"), ("mari", FRI, "P"), ("olga", THU, "P"), ("jaan", FRI, "O")]

ENGLISH = ("Mari Tamm: only 8 h rest between the duty ending 05.03.2027 00:00 and the one starting "
           "08:00 (TLS § 51 needs 11 h; as one duty O, P span 24 h, more than 13 h)")
ESTONIAN = ("Mari Tamm: valve lõpu 05.03.2027 00:00 ja järgmise valve alguse 08:00 vahel on ainult "
            "8 h puhkeaega (TLS § 51 nõuab 11 h igapäevast puhkeaega; ühe valvena kestaksid O, P "
            "kokku 24 h, rohkem kui 13 h)")
#: What the checker says on the terminal (``Violation.reason``), unchanged.
REASON = ("Mari Tamm: only 8.0 h rest between the duty ending 2027-03-05 00:00 and the one starting "
          "08:00 (TLS § 51 needs 11 h; as one duty O, P span 24.0 h, more than 13 h)")
#: A shortfall as ``explain_shortfall`` builds it.
SHORTFALL = Explained(msg(
    "%(day)s %(need)s: %(wanted)s, %(available)s available: %(reasons)s",
    day=date(YEAR, MONTH, 14), need="CL N", wanted=msg("needs %(count)s person", count=1), available=0,
    reasons=Listing((msg("%(name)s %(why)s", name="Mari Tamm",
                         why=msg("already works %(shift)s that day", shift="O")),
                     msg("%(name)s %(why)s", name="Jaan Kask", why=words("may not work nights"))), "; ")))
SHORTFALL_ET = ("14.03.2027 CL N: vaja on 1 inimene, saadaval 0: Mari Tamm töötab sel päeval juba "
                "vahetuses O; Jaan Kask ei tohi öösel töötada")
SHORTFALL_EN = ("14.03.2027 CL N: needs 1 person, 0 available: Mari Tamm already works O that day; "
                "Jaan Kask may not work nights")


def draft(app: Flask, rows: list[tuple[str, date, str]] = ROWS, shortfalls: list[str] | None = None) -> None:
    with app.app_context():
        team = build_team()
        # shortfalls are the solver's: a draft that has them is its result
        rotas.store_draft(YEAR, MONTH, [assignment(team, p, d, c) for p, d, c in rows],
                          source="solve" if shortfalls else "manual", shortfalls=shortfalls)
        db.session.commit()


def text(page: str) -> str:
    """The page's text, entities decoded (reasons sit in elements and title attributes)."""
    return html.unescape(page)


def english(client: Any) -> None:
    client.post("/language", data={"lang": "en"})


# --- the catalogue --------------------------------------------------------------------------

def test_every_rule_message_has_a_compiled_estonian_text() -> None:
    """Every template the checker and explain.py mark (what the extractor finds) is in the
    compiled Estonian catalogue, under the rule context, with the same placeholders."""
    templates = {msg.id for msg in i18n.extract_rules() if msg.id}
    assert len(templates) > 90
    assert sorted(templates - set(ET_RULES)) == []
    assert sorted(set(ET_RULES) - templates) == [], "Estonian texts for templates that no longer exist"
    with open(i18n.TRANSLATIONS / "et" / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        compiled = GNUTranslations(fh)  # read as the app reads it
    for template in templates:
        estonian = compiled.pgettext(reasons.CONTEXT, template)
        assert estonian == ET_RULES[template], f"{template!r} is not compiled: run python -m webui.i18n"
        placeholders = set(re.findall(r"%\(\w+\)", template))
        assert set(re.findall(r"%\(\w+\)", estonian)) == placeholders, template


def test_rule_messages_do_not_touch_the_interface_catalogue() -> None:
    """The interface's own messages stay exactly those of webui/i18n_et.py."""
    interface = {msg.id for msg in i18n.extract() if msg.id}
    assert not any(msg.context == reasons.CONTEXT for msg in i18n.extract())
    assert "%(name)s: only %(rest)s h rest between the duty ending %(end)s and the one starting %(next)s " \
           "(TLS § 51 needs %(needed)s h; as one duty %(codes)s span %(span)s h, more than %(limit)s h)" \
           not in interface


# --- the checker's reasons in the pages ----------------------------------------------------

def test_reason_stays_english_for_the_terminal(app: Flask) -> None:
    draft(app)
    with app.app_context():
        _shifts, report = rotas.check(build_team(), rotas.current(YEAR, MONTH), YEAR, MONTH)
    [v] = [v for v in report.violations if v.rule == "daily_rest"]
    assert v.reason == REASON


def test_month_grid_shows_the_reason_in_the_viewers_language(client: Any, auth: AuthActions, app: Flask) -> None:
    draft(app)
    auth.login("kadri")
    page = text(client.get(PLAN).get_data(as_text=True))
    hard = re.search(r'id="hard-violations">(.*?)</details>', page, re.S).group(1)
    assert ESTONIAN in hard and "(TLS § 51)" in hard
    assert ESTONIAN + " (TLS § 51)" in page  # the cell's tooltip
    assert "rest between" not in page and "only 8" not in page
    english(client)
    page = text(client.get(PLAN).get_data(as_text=True))
    assert ENGLISH in page and "puhkeaega" not in page


def test_cell_page_and_candidates_show_reasons_in_the_viewers_language(client: Any, auth: AuthActions,
                                                                       app: Flask) -> None:
    draft(app, [("mari", THU, "O"), ("olga", THU, "P")])  # Friday's P is open
    auth.login("kadri")
    page = text(client.get(f"{PLAN}/slot?day={FRI.isoformat()}&shift=P").get_data(as_text=True))
    mari = re.search(r'data-person="mari".*?</tr>', page, re.S).group(0)
    assert "ainult 8 h puhkeaega" in mari and "rest between" not in mari
    # the open slot: the coverage finding in Estonian, with the weekday
    assert "05.03.2027 (R), CL P: valves 0 (mitte keegi), vaja vähemalt 1" in page
    draft(app)  # Mari on P on Friday as well
    page = text(client.get(f"{PLAN}/cell?person=mari&day={FRI.isoformat()}").get_data(as_text=True))
    problems = re.search(r'<ul class="problems">(.*?)</ul>', page, re.S).group(1)
    assert ESTONIAN in problems and "TLS § 51" in problems
    assert problems.count("(TLS § 51)") == problems.count("<li"), "each reason cites its paragraph once"
    english(client)
    page = text(client.get(f"{PLAN}/cell?person=mari&day={FRI.isoformat()}").get_data(as_text=True))
    assert ENGLISH in page and ESTONIAN not in page
    draft(app, [("mari", THU, "O"), ("olga", THU, "P")])
    page = text(client.get(f"{PLAN}/slot?day={FRI.isoformat()}&shift=P").get_data(as_text=True))
    assert "05.03.2027 (Fri), CL P: 0 on duty (nobody), at least 1 needed" in page
    mari = re.search(r'data-person="mari".*?</tr>', page, re.S).group(0)
    assert "only 8 h rest" in mari and "puhkeaega" not in mari


def test_flash_after_an_edit_speaks_the_viewers_language(client: Any, auth: AuthActions, app: Flask) -> None:
    draft(app, [("mari", THU, "O")])
    auth.login("kadri")
    with app.app_context():
        state = rotas.state_token(YEAR, MONTH)
    client.post(f"{PLAN}/cell", data={"person": "mari", "day": FRI.isoformat(), "shift": "P", "state": state})
    page = text(client.get(PLAN).get_data(as_text=True))
    flash = re.search(r'class="flash error"[^>]*>(.*?)</li>', page, re.S).group(1)
    assert "ainult 8 h puhkeaega" in flash and "rest between" not in flash


# --- the solver's explanations, stored and shown later --------------------------------------

def test_explained_is_the_english_text_carrying_its_message() -> None:
    assert SHORTFALL == SHORTFALL_EN.replace("14.03.2027", "2027-03-14")
    assert SHORTFALL.message.get("need") == "CL N"
    assert pickle.loads(pickle.dumps(SHORTFALL)).message == SHORTFALL.message
    assert explain_timeout(30) == "no rota found within 30 s"


def test_failed_job_message_is_shown_in_the_viewers_language(client: Any, auth: AuthActions, app: Flask) -> None:
    with app.app_context():
        job = m.SolveJob(year=YEAR, month=MONTH, kind="generate", status="failed", time_limit=10,
                         message=reasons.job_message([SHORTFALL, explain_timeout(10)]))
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login("kadri")
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["message"] == SHORTFALL_ET + "; 10 s jooksul graafikut ei leitud"
    assert SHORTFALL_ET in text(client.get(f"/plan/jobs/{job_id}").get_data(as_text=True))
    english(client)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["message"] == SHORTFALL_EN + "; no rota found within 10 s"


def test_plain_job_messages_are_shown_as_they_are() -> None:
    assert reasons.shown("interrupted: the server stopped while the solve ran") == (
        "interrupted: the server stopped while the solve ran")
    assert reasons.shown("{not json") == "{not json"
    assert reasons.job_message(["a", "b"]) == "a; b"


def test_stored_shortfalls_of_a_draft_are_shown_in_the_viewers_language(client: Any, auth: AuthActions,
                                                                         app: Flask) -> None:
    draft(app, [("mari", THU, "O")], shortfalls=[reasons.stored(SHORTFALL), "an old plain sentence"])
    auth.login("kadri")
    page = text(client.get(PLAN).get_data(as_text=True))
    assert SHORTFALL_ET in page and "an old plain sentence" in page
    english(client)
    assert SHORTFALL_EN in text(client.get(PLAN).get_data(as_text=True))


def test_where_the_lead_stood_in_is_said_in_the_viewers_language(app: Flask) -> None:
    """The job page's "where the team lead stood in and why" was English on Estonian pages:
    the explanation is a message now, in the viewer's language, the terminal's text unchanged."""
    from datetime import timedelta

    from scheduler.solver import SolveOptions, solve_month
    from tests.test_solver_support import counsellor, lead, on, team

    week = [date(2027, 3, 1) + timedelta(days=i) for i in range(7)]
    result = solve_month(team([counsellor("mari"), lead()], [on(d, "D", 1) for d in week]), 2027, 3,
                         options=SolveOptions(time_limit=4, workers=2))
    [duty] = result.lead_duties
    assert isinstance(duty, Explained) and "Lead Person stood in — Mari would be left without 36 h" in duty
    with app.test_request_context():  # Estonian by default
        shown = reasons.shown(reasons.stored(duty))
    assert "asendas Lead Person — Mari" in shown and "stood in" not in shown
