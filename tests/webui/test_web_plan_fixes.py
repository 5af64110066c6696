"""The planning pages after the exploratory test: events in the XLSX export, ARIA attributes
of form fields, a month without a rota, a read-only old version, publishing nothing new,
and ``?v=`` naming no version."""

from __future__ import annotations

import io
import re
from datetime import date, time
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from openpyxl import load_workbook

from scheduler.domain import Assignment
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import load_team
from webui import models as m
from webui import rotas
from webui.convert import assignment, build_team
from webui.extensions import db
from webui_support import MONTH, SMALL_TEAM, YEAR, AuthActions, state, store

PLAN = f"/plan/{YEAR}/{MONTH}"
#: The small team's supervision: 10.03.2027 10:00–12:00, mari, jaan and olga.
SUP_DAY = date(YEAR, MONTH, 10)


@pytest.fixture(scope="session")
def solved_march() -> list[Assignment]:
    """A valid March for the small team (no hard violations), solved once."""
    # 3 s are plenty on an idle machine (a first rota in ~0.7 s); a loaded one gets more time
    # rather than failing every test that needs a rota (this is no test of the solver's speed)
    for seconds in (3, 15, 60):
        result = solve_month(load_team(SMALL_TEAM), YEAR, MONTH, [], SolveOptions(time_limit=seconds, workers=2))
        if result.valid:
            break
    assert result.valid, result.status
    return [a for a in result.assignments if a.kind == "shift"]


def publish_rows(app: Flask, rows: list[tuple[str, int, str]]) -> None:
    """``rows`` (person, day of the test month, shift code) published as the next version."""
    with app.app_context():
        team = build_team()
        shifts = [assignment(team, p, date(YEAR, MONTH, d), code) for p, d, code in rows]
        rotas.publish(rotas.store_draft(YEAR, MONTH, shifts, source="manual"), None)
        db.session.commit()


def english(client: Any) -> None:
    """The pages in English (the texts the tests look for)."""
    client.post("/language", data={"lang": "en"})


def person_cell(workbook_bytes: bytes, name: str, day: date) -> Any:
    """The value of ``name``'s cell on ``day`` in the grid sheet of an exported workbook."""
    ws = load_workbook(io.BytesIO(workbook_bytes)).worksheets[0]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == name)
    return ws.cell(row=row, column=1 + day.day).value



def published_with_a_draft(app: Flask) -> None:
    """Mari's P on the 2nd published, and a draft made from it."""
    publish_rows(app, [("mari", 2, "P")])
    with app.app_context():
        rotas.ensure_draft(YEAR, MONTH)
        db.session.commit()

# --- 1. the XLSX export shows the events ------------------------------------------------------

def test_xlsx_export_shows_the_events_in_the_attendees_cells(app: Flask, client: Any, auth: AuthActions) -> None:
    published_with_a_draft(app)
    auth.login()
    for url in (f"{PLAN}/rota.xlsx", f"{PLAN}/rota.xlsx?v=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert person_cell(response.data, "Mari Tamm", SUP_DAY) == "SUP"
        assert person_cell(response.data, "Olga Ivanova", SUP_DAY) == "SUP"
        assert person_cell(response.data, "Piret Mägi", SUP_DAY) is None  # not an attendee
        assert person_cell(response.data, "Mari Tamm", date(YEAR, MONTH, 2)) == "P"
        response.close()


def test_event_rows_are_those_the_command_line_writes(app: Flask) -> None:
    result = solve_month(load_team(SMALL_TEAM), YEAR, MONTH, [], SolveOptions(time_limit=3, workers=2))
    cli = sorted((a.person, a.day, a.code, a.start, a.end, a.hours) for a in result.assignments if a.kind == "event")
    with app.app_context():
        web = sorted((a.person, a.day, a.code, a.start, a.end, a.hours)
                     for a in rotas.event_rows(build_team(), YEAR, MONTH))
    assert web == cli and len(web) >= 2


# --- 2. form fields carry aria-invalid / aria-describedby only when they mean something -------

def test_form_fields_have_no_none_aria_attributes(client: Any, auth: AuthActions) -> None:
    auth.login()
    for url in ("/team/people/new", "/team/rules"):
        page = client.get(url).get_data(as_text=True)
        assert '"None"' not in page, url
    page = client.post("/team/people/new", data={"key": "tiina", "name": "Tiina Saar", "role": "counsellor",
                                                 "fte": "7", "languages": "et"}).get_data(as_text=True)
    fte = re.search(r'<input[^>]*id="fte"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in fte and 'aria-describedby="fte-err"' in fte
    name = re.search(r'<input[^>]*id="name"[^>]*>', page).group(0)
    assert "aria-invalid" not in name and "aria-describedby" not in name
    languages = re.search(r'<input[^>]*id="languages"[^>]*>', page).group(0)
    assert 'aria-describedby="languages-help"' in languages and "aria-invalid" not in languages
    assert '"None"' not in page


# --- 3. a month never generated ---------------------------------------------------------------

def test_a_month_without_a_rota_says_so_instead_of_listing_violations(client: Any, auth: AuthActions) -> None:
    auth.login()
    english(client)
    page = client.get(f"/plan/{YEAR}/4").get_data(as_text=True)
    assert 'id="no-rota"' in page and 'id="generate"' in page
    assert 'id="hard-violations"' not in page and "cannot be published" not in page
    assert 'id="soft-violations"' not in page and 'id="no-hard"' not in page


# --- 4. an old published version is read-only history ---------------------------------------

def test_an_old_version_read_only_names_later_conflicts_neutrally(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    publish_rows(app, [("mari", 2, "P"), ("olga", 2, "O")])
    with app.app_context():  # sick leave entered after publishing, on mari's shift
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        db.session.add(m.Absence(person_id=mari.id, kind="sick", first_day=date(YEAR, MONTH, 2),
                                 last_day=date(YEAR, MONTH, 2), note="sick"))
        db.session.commit()
    auth.login()
    english(client)
    page = client.get(f"{PLAN}?v=1").get_data(as_text=True)
    assert "cannot be published" not in page
    badge = re.search(r'id="rota-state">(.*?)</span>', page, re.S).group(1)
    assert "read-only" in badge and "1" in badge and re.search(r"\d\d\.\d\d\.\d{4}", badge)
    summary = re.search(r'id="hard-violations">\s*<summary>(.*?)</summary>', page, re.S).group(1)
    assert "entered after this version was published" in summary
    assert 'id="publish"' not in page


# --- 5. publishing nothing new ----------------------------------------------------------------

def test_publishing_without_changes_is_refused(app: Flask, client: Any, auth: AuthActions,
                                               solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    with app.app_context():
        rotas.ensure_draft(YEAR, MONTH)  # a copy of version 1, nothing changed
        db.session.commit()
    auth.login()
    english(client)
    page = client.get(PLAN).get_data(as_text=True)
    button = re.search(r'<button[^>]*id="publish"[^>]*>', page).group(0)
    assert "disabled" in button and 'id="publish-unchanged"' in page
    response = client.post(f"{PLAN}/publish", data={"state": state(app)})
    assert response.status_code == 303
    with app.app_context():
        assert [v.number for v in rotas.published_versions(YEAR, MONTH)] == [1]
        assert rotas.draft_of(YEAR, MONTH) is not None
    page = client.get(PLAN).get_data(as_text=True)
    assert "nothing changed since version 1" in page


def test_a_changed_event_time_is_worth_a_new_version(app: Flask, solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    with app.app_context():
        draft = rotas.ensure_draft(YEAR, MONTH)
        published = rotas.published_of(YEAR, MONTH)
        assert rotas.unchanged_since_publish(build_team(), draft, published)
        event = db.session.scalar(sa.select(m.Event).where(m.Event.code == "SUP"))
        event.start = time(9, 0)
        db.session.commit()
        assert not rotas.unchanged_since_publish(build_team(), draft, published)


# --- 6. ?v= naming no version ------------------------------------------------------------------

def test_a_version_that_is_no_number_or_does_not_exist_is_404(app: Flask, client: Any, auth: AuthActions) -> None:
    published_with_a_draft(app)
    auth.login()
    for export in ("payroll.csv", "rota.xlsx", "print"):
        for bad in ("abc", "7", "", "-1", "1.0"):
            assert client.get(f"{PLAN}/{export}?v={bad}").status_code == 404, (export, bad)
        response = client.get(f"{PLAN}/{export}?v=1")
        assert response.status_code == 200, export
        response.close()
    assert client.get(f"{PLAN}?v=abc").status_code == 404


def test_the_grid_legend_keeps_two_events_of_one_code_apart(app: Flask) -> None:
    """The example's March has supervisions SUP of groups A and B: the print view's legend
    named group A only, for group B's cells as well."""
    from pathlib import Path

    from scheduler.checker import check_rota
    from scheduler.teamfile import load_team
    from webui import grid as grid_view

    team = load_team(Path(__file__).parents[2] / "examples" / "helpline" / "team.toml")
    with app.test_request_context():
        built = grid_view.build(team, 2027, 3, [], check_rota(team, 2027, 3, []))
    sup = [name for code, name in built.event_legend if code == "SUP"]
    assert sorted(sup) == sorted({e.name for e in team.events if e.code == "SUP" and e.day.month == 3})
    assert len(sup) == 2


# --- 7. the print view marks absences as the XLSX export does -----------------------------------

def test_the_print_view_marks_absences_as_the_xlsx_export_does(app: Flask, client: Any, auth: AuthActions) -> None:
    """Jaan's vacation (15.–19.03) and Mari's sick leave (22.03): the printed month and the
    workbook write the same marks (PUH, HAIG), and the print view's legend explains them in
    the viewer's language."""
    with app.app_context():
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        db.session.add(m.Absence(person_id=mari.id, kind="sick", first_day=date(YEAR, MONTH, 22),
                                 last_day=date(YEAR, MONTH, 22)))
        db.session.commit()
    published_with_a_draft(app)
    auth.login()
    response = client.get(f"{PLAN}/rota.xlsx")
    in_xlsx = {"jaan": person_cell(response.data, "Jaan Kask", date(YEAR, MONTH, 16)),
               "mari": person_cell(response.data, "Mari Tamm", date(YEAR, MONTH, 22))}
    response.close()
    assert in_xlsx == {"jaan": "PUH", "mari": "HAIG"}

    def printed(person: str, day: int, page: str) -> list[str]:
        cell = re.search(rf'<td id="c-{person}-{day}"[^>]*>.*?</td>', page, re.S).group(0)
        return re.findall(r'<span class="abs">([^<]*)</span>', cell)

    def legend(page: str) -> list[tuple[str, str]]:
        ul = re.search(r'<ul class="legend">.*?</ul>', page, re.S).group(0)
        return re.findall(r'<span class="swatch absent absent-\w+"><span class="abs">([^<]*)</span></span> ([^<]*)</li>',
                          ul)

    page = client.get(f"{PLAN}/print").get_data(as_text=True)  # Estonian
    assert printed("jaan", 16, page) == [in_xlsx["jaan"]] and printed("mari", 22, page) == [in_xlsx["mari"]]
    assert sorted(legend(page)) == [("HAIG", "haigusleht"), ("PUH", "puhkus")]
    english(client)
    page = client.get(f"{PLAN}/print").get_data(as_text=True)
    assert printed("jaan", 16, page) == ["PUH"] and printed("mari", 22, page) == ["HAIG"]
    assert sorted(legend(page)) == [("HAIG", "sick leave"), ("PUH", "vacation")]
