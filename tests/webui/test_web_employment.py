"""The employment contract's dates on the person form: a counsellor who starts on the 15th,
or whose contract ends. The team the solver and checker read carries them; the grid dims the
days outside the contract and leaves out someone not employed in the month at all; dates
that would leave out duties the rotas give the person are refused, naming the days."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

import webui
from webui import create_app, rotas
from webui import models as m
from webui.convert import build_team
from webui.extensions import db
from webui_support import MONTH, YEAR, AuthActions, base_config, dispose

PLAN = f"/plan/{YEAR}/{MONTH}"


def _row(key: str) -> m.Person:
    return db.session.scalar(sa.select(m.Person).where(m.Person.key == key))


def _form(app: Flask, key: str, **changes: str) -> tuple[int, dict[str, Any]]:
    with app.app_context():
        row = _row(key)
        data = {"key": row.key, "name": row.name, "role": row.role, "fte": str(row.fte),
                "languages": ", ".join(row.languages), "services": list(row.services),
                "username": row.username or "", "may_work_nights": "y" if row.may_work_nights else "",
                "version": str(row.version)}
        data.update(changes)
        return row.id, data


def test_the_lead_sets_contract_dates_and_the_team_carries_them(app: Flask, client: Any,
                                                                 auth: AuthActions) -> None:
    auth.login()
    client.post("/language", data={"lang": "en"})
    olga, data = _form(app, "olga", employed_from="15.03.2027", employed_until="30.06.2027")
    assert client.post(f"/team/people/{olga}/edit", data=data).status_code == 302
    with app.app_context():
        person = build_team().person("olga")
        assert (person.employed_from, person.employed_until) == (date(2027, 3, 15), date(2027, 6, 30))
    page = " ".join(client.get("/team/people").get_data(as_text=True).split())
    assert "15.03.2027–30.06.2027" in page
    olga, data = _form(app, "olga", employed_from="15.03.2027", employed_until="14.03.2027")
    response = client.post(f"/team/people/{olga}/edit", data=data)
    assert response.status_code == 400 and "The last day is before the first." in response.get_data(as_text=True)


def test_contract_dates_that_leave_out_duties_are_refused_naming_the_days(app: Flask, client: Any,
                                                                          auth: AuthActions) -> None:
    """Mari has P on 10.03 and 20.03 in the draft: a contract from 15.03 (or until 15.03)
    would leave one out; the form says which and keeps the dates as they were."""
    with app.app_context():
        draft = rotas.ensure_draft(YEAR, MONTH)
        for day in (10, 20):
            rotas.set_cell(draft, _row("mari"), date(YEAR, MONTH, day), "P", pinned=False)
        db.session.commit()
    auth.login()
    client.post("/language", data={"lang": "en"})
    for field, value, shown in (("employed_from", "15.03.2027", "10.03.2027"),
                                ("employed_until", "15.03.2027", "20.03.2027")):
        mari, data = _form(app, "mari", **{field: value})
        response = client.post(f"/team/people/{mari}/edit", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, field
        assert f"has duties outside these dates ({shown})" in page and f'id="{field}-err"' in page, page
        with app.app_context():
            assert (_row("mari").employed_from, _row("mari").employed_until) == (None, None)
    mari, data = _form(app, "mari", employed_from="10.03.2027", employed_until="20.03.2027")
    assert client.post(f"/team/people/{mari}/edit", data=data).status_code == 302


def test_the_grid_dims_the_days_outside_the_contract(app: Flask, client: Any, auth: AuthActions) -> None:
    with app.app_context():
        _row("olga").employed_from = date(YEAR, MONTH, 15)
        _row("jaan").employed_until = date(YEAR, MONTH - 1, 28)  # left in February: no row in March
        rotas.ensure_draft(YEAR, MONTH)
        db.session.commit()
    auth.login()
    client.post("/language", data={"lang": "en"})
    page = client.get(PLAN).get_data(as_text=True)
    assert 'data-person="jaan"' not in page
    cell = page[page.index('id="c-olga-14"'):]
    cell = cell[:cell.index(">")]
    assert "not-employed" in cell and "not employed yet (from 15.03.2027)" in cell
    cell = page[page.index('id="c-olga-15"'):]
    assert "not-employed" not in cell[:cell.index(">")]
    client.post("/language", data={"lang": "et"})
    assert "pole veel tööl (alates 15.03.2027)" in client.get(PLAN).get_data(as_text=True)


def test_migration_adds_empty_contract_dates(tmp_path: Path) -> None:
    """0009: everyone stored before it has no contract dates (not limited)."""
    from flask_migrate import downgrade, upgrade

    from scheduler.teamfile import load_team
    from webui.convert import seed_team

    app = create_app(base_config(tmp_path / "old.sqlite"))
    try:
        with app.app_context():
            upgrade(directory=webui.MIGRATIONS)
            seed_team(load_team(Path(__file__).parent / "small_team.toml"))
            db.session.commit()
            downgrade(directory=webui.MIGRATIONS, revision="9b2e5d1f7c40")
            upgrade(directory=webui.MIGRATIONS)
            stored = db.session.execute(sa.text("SELECT employed_from, employed_until FROM person")).all()
            assert stored and set(stored) == {(None, None)}
    finally:
        dispose(app)


def test_the_migrations_build_the_schema_the_models_declare(tmp_path: Path) -> None:
    """Every column a model declares is made by a committed migration (a model changed without
    one would fail only on a database created before)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    app = create_app(base_config(tmp_path / "fresh.sqlite"))
    try:
        with app.app_context():
            upgrade(directory=webui.MIGRATIONS)
            with db.engine.connect() as connection:
                diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
            added_or_removed = [d for d in diff if isinstance(d, tuple) and d[0] in (
                "add_column", "remove_column", "add_table", "remove_table")]
            assert added_or_removed == [], added_or_removed
    finally:
        dispose(app)


def test_a_published_version_keeps_the_contract_dates_it_was_published_with(app: Flask) -> None:
    """March published with Olga on a full month; a start date of 15.03 entered later (she had
    no duties before it, so the form allows it) rewrote the published norm 176 → 96 h and its
    payroll (a review). The version reads her as it was published; the next draft reads the
    contract."""
    from webui_support import store

    store(app, [], publish=True)
    with app.app_context():
        _row("olga").employed_from = date(YEAR, MONTH, 15)
        db.session.commit()
        team = build_team()
        pub = rotas.published_of(YEAR, MONTH)
        assert rotas.published_norms(team, pub)["olga"] == 176
        draft = rotas.ensure_draft(YEAR, MONTH)
        _shifts, report = rotas.check(team, draft, YEAR, MONTH)
        assert report.person("olga").norm_hours == 96


def test_a_load_changed_on_a_day_counts_each_part_of_the_month(app: Flask, client: Any, auth: AuthActions) -> None:
    """Olga goes from full time to half time on Tuesday 16.03: an edit of her load rewrote
    the whole month's norm (176 → 88 h) with no way to say from when (an onboarding review).
    "Load applies from" keeps the load before (the stored one, when left empty): March counts
    11 working days at 8 h and 11 at 4 h = 132 h. A day without a load before, or a load
    before without a day, is refused."""
    auth.login()
    client.post("/language", data={"lang": "en"})
    olga, data = _form(app, "olga", fte="0.5", fte_from="16.03.2027")
    assert client.post(f"/team/people/{olga}/edit", data=data).status_code == 302
    with app.app_context():
        assert (_row("olga").fte, _row("olga").fte_from, _row("olga").fte_before) == (0.5, date(2027, 3, 16), 1.0)
        draft = rotas.ensure_draft(YEAR, MONTH)
        _shifts, report = rotas.check(build_team(), draft, YEAR, MONTH)
        assert report.person("olga").norm_hours == 132
    assert '<td class="num">0.5 <small class="muted">(1 before 16.03.2027)</small>' in client.get("/team/people").get_data(
        as_text=True)
    olga, data = _form(app, "olga", fte_from="16.03.2027", fte_before="")  # the load unchanged: which before?
    response = client.post(f"/team/people/{olga}/edit", data=data)
    assert response.status_code == 400 and "Give the load before that day." in response.get_data(as_text=True)
    olga, data = _form(app, "olga", fte_from="", fte_before="0.8")
    response = client.post(f"/team/people/{olga}/edit", data=data)
    assert response.status_code == 400 and "Give the day the load applies from (or empty both fields" in \
        response.get_data(as_text=True)


def test_a_second_load_change_takes_the_load_until_then(app: Flask, client: Any, auth: AuthActions) -> None:
    """Olga 1.0 → 0.5 from 16.03, then 0.8 from 01.05 typed over the form (which shows the
    stored change: load before 1.0): it was saved with the first change's load before, and
    April's norm jumped 88 → 176 h (a review). The new change takes 0.5 as the load before.
    While March (the first change's month) is not published the second is refused: one change
    is kept, and March's norm would lose the first."""
    from webui_support import store

    auth.login()
    client.post("/language", data={"lang": "en"})
    olga, data = _form(app, "olga", fte="0.5", fte_from="16.03.2027")
    assert client.post(f"/team/people/{olga}/edit", data=data).status_code == 302
    olga, data = _form(app, "olga", fte="0.8", fte_from="01.05.2027", fte_before="1")
    response = client.post(f"/team/people/{olga}/edit", data=data)
    assert response.status_code == 400 and "The load change of 16.03.2027 is in a month not published yet" in \
        response.get_data(as_text=True)
    store(app, [], publish=True)  # March published: its norm keeps the first change
    assert client.post(f"/team/people/{olga}/edit", data=data).status_code == 302
    with app.app_context():
        assert (_row("olga").fte, _row("olga").fte_from, _row("olga").fte_before) == (0.8, date(2027, 5, 1), 0.5)
        olga_now = build_team().person("olga")
        from scheduler.worktime import person_norm
        assert person_norm(olga_now, date(2027, 4, 1), date(2027, 4, 30), ()) == 88
