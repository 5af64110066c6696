"""The team lead edits the work rules, the soft-goal weights, the substitution rules and a
person's own rules: validated as a team file is, stale forms refused, and what is saved is
what the solver gets (``webui.convert.build_team``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from scheduler.domain import Role, SubstitutionRule
from scheduler.settings import LAW_BOUNDS, MAX_WEIGHT, PERSON_OVERRIDABLE, setting_names, weight_names
from webui import models as m
from webui.convert import build_team, team_row
from webui.extensions import db
from webui.forms import rule_specs, weight_specs
from webui_support import AuthActions, csrf_token

RULE_PAGES = ["/team/rules", "/team/substitutions", "/team/substitutions/new", "/team/substitutions/1/edit"]
POSTS = ["/team/rules", "/team/substitutions/new", "/team/substitutions/1/edit", "/team/substitutions/1/delete"]


def stored_team(app: Flask) -> tuple[int, dict[str, Any], list[dict[str, Any]]]:
    """The team row's version, stored rule overrides and substitution rules."""
    with app.app_context():
        row = team_row()
        return row.version, dict(row.settings or {}), list(row.substitutions or [])


def person(app: Flask, key: str) -> m.Person:
    with app.app_context():
        row = db.session.scalar(sa.select(m.Person).where(m.Person.key == key))
        db.session.expunge(row)
        return row


def rules_data(app: Flask, **changes: Any) -> dict[str, Any]:
    """The rules form as the page sends it with the stored values, then ``changes``
    (weights as ``weight_<name>``; a bool setting is sent only when true)."""
    with app.app_context():
        settings = build_team().settings
        version = team_row().version
    data: dict[str, Any] = {"version": str(version)}
    for spec in rule_specs():
        value = getattr(settings, spec.name)
        if spec.kind == "bool":
            if value:
                data[spec.name] = "y"
        else:
            data[spec.name] = f"{value:g}" if isinstance(value, float) else str(value)
    for spec in weight_specs():
        value = getattr(settings.weights, spec.name)
        data["weight_" + spec.name] = f"{value:g}" if isinstance(value, float) else str(value)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def person_data(app: Flask, key: str, **rules: str) -> dict[str, Any]:
    """The person form of ``key`` as stored, with the overrides ``rules`` (``rule_<name>``)."""
    row = person(app, key)
    data = {"key": row.key, "name": row.name, "role": row.role, "fte": str(row.fte),
            "languages": ", ".join(row.languages), "services": list(row.services), "username": row.username or "",
            "version": str(row.version)}
    if row.may_work_nights:
        data["may_work_nights"] = "y"
    data.update({f"rule_{name}": value for name, value in rules.items()})
    return data


def input_tag(page: str, name: str) -> str:
    """The ``<input>`` (or ``<select>``) tag named ``name``."""
    match = re.search(rf'<(?:input|select)[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert match, f"no input {name!r} in the page"
    return match.group(0)


# --- pages and access -----------------------------------------------------------------------

@pytest.mark.parametrize("url", RULE_PAGES)
def test_lead_opens_the_rule_pages(client: Any, auth: AuthActions, url: str) -> None:
    auth.login()
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="version"' in response.get_data(as_text=True)


@pytest.mark.parametrize("url", RULE_PAGES)
def test_counsellor_cannot_open_the_rule_pages(client: Any, auth: AuthActions, url: str) -> None:
    auth.login("mari")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", POSTS)
def test_counsellor_cannot_change_rules(app: Flask, client: Any, auth: AuthActions, url: str) -> None:
    before = stored_team(app)
    auth.login("mari")
    assert client.post(url, data={"version": str(before[0]), "daily_rest_hours": "12"}).status_code == 403
    assert stored_team(app) == before


def test_changes_need_post_and_the_csrf_token(make_app: Any) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "kadri", "password": "demo-kadri", "csrf_token": csrf_token(page)})
    before = stored_team(app)
    assert client.get("/team/substitutions/1/delete").status_code == 405
    assert client.post("/team/substitutions/1/delete", data={"version": str(before[0])}).status_code == 400
    assert client.post("/team/rules", data=rules_data(app, daily_rest_hours="12")).status_code == 400
    assert stored_team(app) == before
    page = client.get("/team/rules").get_data(as_text=True)
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="12", max_duty_hours="12",
                                                          csrf_token=csrf_token(page)))
    assert response.status_code == 302


def test_settings_page_links_to_the_rule_pages(client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/settings").get_data(as_text=True)
    assert 'href="/team/rules"' in page and 'href="/team/substitutions"' in page


def test_settings_page_keeps_a_rule_set_on_the_rules_page(app: Flask, client: Any, auth: AuthActions) -> None:
    """The settings page offers 36 or 47 h weekly rest; a lawful 40 h from the rules page is
    offered too, so saving the settings page does not silently change it."""
    auth.login()
    assert client.post("/team/rules", data=rules_data(app, weekly_rest_hours="40")).status_code == 302
    page = client.get("/team/settings").get_data(as_text=True)
    assert re.search(r'<option selected value="40(\.0)?">40</option>', page)
    data = {"name": "Test team", "wish_deadline_day": "15", "solve_seconds": "60", "accounting_period_months": "1",
            "weekly_rest_hours": "40.0", "break_counts_as_work": "y", "holidays_reduce_norm": "y",
            "version": str(stored_team(app)[0])}
    assert client.post("/team/settings", data=data).status_code == 302
    with app.app_context():
        assert build_team().settings.weekly_rest_hours == 40.0


# --- work rules and weights -----------------------------------------------------------------

def test_rules_page_is_generated_from_the_settings(client: Any, auth: AuthActions) -> None:
    """Every setting a team file may set and every weight has an input; the law's default
    and bound are shown next to it."""
    auth.login()
    client.post("/language", data={"lang": "en"})
    page = client.get("/team/rules").get_data(as_text=True)
    for name in setting_names():
        assert f'name="{name}"' in page, name
        assert f'id="rule-{name}"' in page
    for name in weight_names():
        assert f'name="weight_{name}"' in page, name
    for _lo, _hi, source in LAW_BOUNDS.values():
        assert source in page
    row = page[page.index('id="rule-daily_rest_hours"'):]
    row = row[:row.index("</tr>")]
    assert 'value="11"' in row  # current value
    assert '<td class="default">11</td>' in row  # the law's default
    assert "11–24" in row and "TLS § 51" in row  # the law's bound
    assert "Rest in every 24 h." in row  # help text


def test_rules_page_speaks_estonian(client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/rules").get_data(as_text=True)
    assert "Tööaja reeglid" in page and "Igapäevane puhkeaeg (h)" in page and "Pehmete eesmärkide kaalud" in page


def test_valid_rules_reach_the_team_the_solver_gets(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    version = stored_team(app)[0]
    data = rules_data(app, daily_rest_hours="12", max_duty_hours="12", weekly_rest_window="rolling",
                      split_duties_allowed="y", weight_lead_line_duty="75", weight_wish="25")
    assert client.post("/team/rules", data=data).status_code == 302
    with app.app_context():
        team = build_team()
    assert team.settings.daily_rest_hours == 12.0 and isinstance(team.settings.daily_rest_hours, float)
    assert team.settings.max_duty_hours == 12.0
    assert team.settings.weekly_rest_window == "rolling" and team.settings.split_duties_allowed is True
    assert team.settings.weights.lead_line_duty == 75 and team.settings.weights.wish == 25
    assert team.settings.break_counts_as_work is True  # kept (small_team.toml sets it)
    assert team.person("mari").settings.daily_rest_hours == 12.0  # people follow the team
    assert stored_team(app)[0] == version + 1


def test_comma_decimals_are_accepted(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    assert client.post("/team/rules", data=rules_data(app, max_average_weekly_hours="40,5")).status_code == 302
    with app.app_context():
        assert build_team().settings.max_average_weekly_hours == 40.5


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("daily_rest_hours", "10", "TLS § 51"),
    ("weekly_rest_hours", "30", "TLS § 52 (2)"),
    ("max_average_weekly_hours", "60", "TLS § 46"),
    ("break_minutes", "20", "TLS § 47"),
    ("night_start_hour", "23", "TLS § 45 (1)"),
    ("accounting_period_months", "2.5", "oodati täisarvu, saadi 2,5"),
    ("max_duty_hours", "abc", "Oodati arvu."),
])
def test_value_outside_the_law_is_refused_next_to_the_field(app: Flask, client: Any, auth: AuthActions,
                                                            field: str, value: str, reason: str) -> None:
    auth.login()
    before = stored_team(app)
    response = client.post("/team/rules", data=rules_data(app, **{field: value}, weight_wish="30"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = page[page.index(f'id="{field}-err"'):]
    assert reason in error[:error.index("</div>")]
    assert page.count('class="error"') == 1
    assert f'value="{value}"' in page  # what was typed is kept
    assert 'value="30"' in input_tag(page, "weight_wish")  # and the other changes too
    assert stored_team(app) == before  # nothing saved


def test_duty_longer_than_the_daily_rest_allows_needs_long_shifts(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/rules", data=rules_data(app, max_duty_hours="16"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="max_duty_hours-err"' in page and "long_shifts_allowed" in page
    assert client.post("/team/rules", data=rules_data(app, max_duty_hours="16",
                                                      long_shifts_allowed="y")).status_code == 302
    with app.app_context():
        settings = build_team().settings
    assert settings.max_duty_hours == 16.0 and settings.long_shifts_allowed is True


@pytest.mark.parametrize(("value", "message"), [("-1", "Oodati täisarvu 0 kuni 10000."),
                                                ("1.5", "Oodati täisarvu 0 kuni 10000."),
                                                ("10001", "Oodati täisarvu 0 kuni 10000."),
                                                ("1000000000", "Oodati täisarvu 0 kuni 10000."), ("", "")])
def test_bad_weight_is_refused_next_to_the_field(app: Flask, client: Any, auth: AuthActions,
                                                 value: str, message: str) -> None:
    auth.login()
    before = stored_team(app)
    response = client.post("/team/rules", data=rules_data(app, weight_fair_nights=value))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="weight_fair_nights-err"' in page and message in page
    assert stored_team(app) == before


def test_decimal_weights_follow_the_field_type(app: Flask, client: Any, auth: AuthActions) -> None:
    """A weight declared as a float (a tolerance in hours) takes decimals; the others do not."""
    decimal = [s for s in weight_specs() if s.kind == "float"]
    assert [s.name for s in decimal] == ["norm_tolerance_hours"]
    auth.login()
    name = "weight_" + decimal[0].name
    assert client.post("/team/rules", data=rules_data(app, **{name: "2,5"})).status_code == 302
    with app.app_context():
        assert getattr(build_team().settings.weights, decimal[0].name) == 2.5
    response = client.post("/team/rules", data=rules_data(app, **{name: "-1"}))
    assert response.status_code == 400 and f'id="{name}-err"' in response.get_data(as_text=True)
    response = client.post("/team/rules", data=rules_data(app, **{name: "40,5"}))  # above MAX_TOLERANCE_HOURS
    assert response.status_code == 400 and f'id="{name}-err"' in response.get_data(as_text=True)
    assert "Oodati tundide arvu 0 kuni 40." in response.get_data(as_text=True)


def test_stale_rules_form_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    data = rules_data(app, daily_rest_hours="12", max_duty_hours="12")
    assert client.post("/team/rules", data=data).status_code == 302
    saved = stored_team(app)
    response = client.post("/team/rules", data=dict(data, daily_rest_hours="13", max_duty_hours="11"))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Keegi teine" in page
    assert 'name="version" type="hidden" value="%d"' % saved[0] in page  # the current values to start again
    assert stored_team(app) == saved
    with app.app_context():
        assert build_team().settings.daily_rest_hours == 12.0


def test_team_rules_that_a_person_s_own_rules_no_longer_fit_are_refused(app: Flask, client: Any,
                                                                        auth: AuthActions) -> None:
    auth.login()
    assert client.post(f"/team/people/{person(app, 'olga').id}/edit",
                       data=person_data(app, "olga", max_duty_hours="13")).status_code == 302
    before = stored_team(app)
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="12", max_duty_hours="12"))
    assert response.status_code == 400
    assert "Olga Ivanova" in response.get_data(as_text=True)
    assert stored_team(app) == before


# --- substitution rules ---------------------------------------------------------------------

def test_substitution_rules_are_listed(client: Any, auth: AuthActions) -> None:
    auth.login()
    client.post("/language", data={"lang": "en"})
    page = client.get("/team/substitutions").get_data(as_text=True)
    assert page.count('data-substitute="') == 3  # the seeded defaults of a team file
    assert 'data-substitute="team_lead" data-for="counsellor"' in page
    assert "/team/substitutions/3/delete" in page


def test_substitution_cost_reaches_the_solver_team(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    version = stored_team(app)[0]
    data = {"substitute": "team_lead", "for_role": "counsellor", "cost": "90", "last_resort": "y",
            "version": str(version)}
    assert client.post("/team/substitutions/2/edit", data=data).status_code == 302
    with app.app_context():
        assert SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, 90, True) in build_team().substitutions
    assert client.post("/team/substitutions/2/edit", data=data).status_code == 409  # stale now


def test_add_and_delete_a_substitution_rule(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    assert client.post("/team/substitutions/1/delete", data={"version": str(stored_team(app)[0])}).status_code == 302
    rules = stored_team(app)[2]
    assert len(rules) == 2 and {"substitute": "counsellor", "for": "counsellor", "cost": 0,
                                "last_resort": False} not in rules
    data = {"substitute": "counsellor", "for_role": "counsellor", "cost": "0"}
    response = client.post("/team/substitutions/new", data=data)  # self-substitution
    assert response.status_code == 400 and 'id="for_role-err"' in response.get_data(as_text=True)
    data = {"substitute": "counsellor", "for_role": "team_lead", "cost": "5"}
    response = client.post("/team/substitutions/new", data=data)  # the pair has a rule already
    assert response.status_code == 400 and 'id="for_role-err"' in response.get_data(as_text=True)
    assert client.post("/team/substitutions/1/delete", data={"version": str(stored_team(app)[0])}).status_code == 302
    data = {"substitute": "team_lead", "for_role": "counsellor", "cost": "5"}
    assert client.post("/team/substitutions/new", data=data).status_code == 302
    with app.app_context():
        subs = build_team().substitutions
    assert subs == (SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD, 0, False),
                    SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, 5, False))


def test_bad_substitution_rules_are_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    before = stored_team(app)
    data = {"substitute": "team_lead", "for_role": "counsellor", "cost": "-5", "version": str(before[0])}
    response = client.post("/team/substitutions/2/edit", data=data)
    assert response.status_code == 400 and 'id="cost-err"' in response.get_data(as_text=True)
    response = client.post("/team/substitutions/2/edit", data=dict(data, cost="1", for_role="team_lead"))
    assert response.status_code == 400 and 'id="for_role-err"' in response.get_data(as_text=True)
    response = client.post("/team/substitutions/2/edit", data=dict(data, cost="1", substitute="manager"))
    assert response.status_code == 400 and 'id="substitute-err"' in response.get_data(as_text=True)
    assert client.get("/team/substitutions/9/edit").status_code == 404
    response = client.post("/team/substitutions/2/edit", data=dict(data, cost=str(MAX_WEIGHT + 1)))
    assert response.status_code == 400 and 'id="cost-err"' in response.get_data(as_text=True)
    assert "0 kuni 10000" in response.get_data(as_text=True)
    assert stored_team(app) == before


def test_stale_delete_and_the_last_rule_are_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    version = stored_team(app)[0]
    assert client.post("/team/substitutions/3/delete", data={"version": str(version)}).status_code == 302
    assert client.post("/team/substitutions/1/delete", data={"version": str(version)}).status_code == 302  # stale
    assert len(stored_team(app)[2]) == 2
    assert client.post("/team/substitutions/1/delete", data={"version": str(version + 1)}).status_code == 302
    response = client.post("/team/substitutions/1/delete", data={"version": str(version + 2)}, follow_redirects=True)
    assert "Viimast reeglit ei saa kustutada" in response.get_data(as_text=True)
    assert len(stored_team(app)[2]) == 1


def test_without_stored_rules_the_defaults_apply_and_are_edited(app: Flask, client: Any,
                                                                auth: AuthActions) -> None:
    with app.app_context():
        team_row().substitutions = []
        db.session.commit()
    auth.login()
    assert 'id="default-rules"' in client.get("/team/substitutions").get_data(as_text=True)
    # the lead's line duty costs the lead_line_duty weight, as in a team file
    assert client.post("/team/rules", data=rules_data(app, weight_lead_line_duty="70")).status_code == 302
    with app.app_context():
        assert SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, 70, True) in build_team().substitutions
    data = {"substitute": "counsellor", "for_role": "team_lead", "cost": "3", "version": str(stored_team(app)[0])}
    assert client.post("/team/substitutions/3/edit", data=data).status_code == 302
    assert len(stored_team(app)[2]) == 3  # the defaults were stored, then changed
    with app.app_context():
        assert SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD, 3, False) in build_team().substitutions


# --- a person's own rules -------------------------------------------------------------------

def test_person_form_offers_the_overridable_rules_with_the_team_value(app: Flask, client: Any,
                                                                      auth: AuthActions) -> None:
    auth.login()
    page = client.get(f"/team/people/{person(app, 'mari').id}/edit").get_data(as_text=True)
    for name in PERSON_OVERRIDABLE:
        assert f'name="rule_{name}"' in page, name
    assert 'placeholder="11"' in input_tag(page, "rule_daily_rest_hours")
    assert "meeskonna väärtus: kalendrinädal" in page  # weekly_rest_window: the team's value
    assert "Selle inimese tööaja reeglid" in page


def test_person_override_reaches_that_person_only(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    data = person_data(app, "mari", daily_rest_hours="12", max_duty_hours="12", weekly_rest_window="rolling",
                       long_shifts_allowed="false", max_consecutive_nights="")
    assert client.post(f"/team/people/{mari.id}/edit", data=data).status_code == 302
    assert person(app, "mari").settings == {"daily_rest_hours": 12.0, "max_duty_hours": 12.0,
                                            "weekly_rest_window": "rolling", "long_shifts_allowed": False}
    with app.app_context():
        team = build_team()
    assert team.person("mari").settings.daily_rest_hours == 12.0
    assert team.person("mari").settings.weekly_rest_window == "rolling"
    assert team.person("jaan").settings.daily_rest_hours == 11.0 and team.settings.daily_rest_hours == 11.0
    page = client.get(f"/team/people/{mari.id}/edit").get_data(as_text=True)
    assert 'value="12"' in input_tag(page, "rule_daily_rest_hours")
    # emptied again (or not sent at all): the team's value
    data = person_data(app, "mari", daily_rest_hours="", weekly_rest_window="")
    assert client.post(f"/team/people/{mari.id}/edit", data=data).status_code == 302
    assert person(app, "mari").settings == {}


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("daily_rest_hours", "10", "TLS § 51"),
    ("max_average_weekly_hours", "55", "TLS § 46"),
    ("weekly_rest_window", "fortnight", ""),
    ("max_duty_hours", "15", "long_shifts_allowed"),
])
def test_person_override_outside_the_law_is_refused(app: Flask, client: Any, auth: AuthActions,
                                                    field: str, value: str, reason: str) -> None:
    auth.login()
    mari = person(app, "mari")
    data = person_data(app, "mari", **{field: value})
    data["name"] = "Mari Changed"
    response = client.post(f"/team/people/{mari.id}/edit", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="rule_{field}-err"' in page and reason in page
    again = person(app, "mari")
    assert again.settings == mari.settings and again.name == mari.name and again.version == mari.version


def test_new_person_with_own_rules(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    data = {"key": "tiina", "name": "Tiina Saar", "role": "counsellor", "fte": "0.75", "languages": "et",
            "services": ["CL"], "rule_max_average_weekly_hours": "40", "rule_long_shifts_allowed": "true",
            "rule_max_duty_hours": "16"}
    assert client.post("/team/people/new", data=data).status_code == 302
    with app.app_context():
        settings = build_team().person("tiina").settings
    assert (settings.max_average_weekly_hours, settings.long_shifts_allowed, settings.max_duty_hours) == (
        40.0, True, 16.0)


def test_stale_person_form_keeps_the_stored_rules(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    data = person_data(app, "mari", weekly_rest_hours="40")
    assert client.post(f"/team/people/{mari.id}/edit", data=data).status_code == 302
    response = client.post(f"/team/people/{mari.id}/edit", data=dict(data, rule_weekly_rest_hours="47"))
    assert response.status_code == 409
    assert 'value="40"' in input_tag(response.get_data(as_text=True), "rule_weekly_rest_hours")
    assert person(app, "mari").settings == {"weekly_rest_hours": 40.0}


def test_every_weight_and_setting_has_a_label_and_help() -> None:
    """A new SoftWeights field appears on the page by itself; it must also be named there."""
    from scheduler.settings import weight_names
    from webui.forms import WEIGHT_HELP, WEIGHT_LABELS
    assert set(WEIGHT_LABELS) == set(weight_names()) == set(WEIGHT_HELP)
