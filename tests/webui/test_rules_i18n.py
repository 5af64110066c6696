"""The law's texts about the work-rule settings in the viewer's language.

``scheduler.settings`` builds why a value is refused (``law_message``, ``cross_messages``)
as messages and marks the sources of ``LAW_BOUNDS`` for the catalogue: the team-file loader
prints their English text, the web app shows them in Estonian (the default) or English. The
same goes for WTForms' own "not a valid choice" and the XLSX export's summary sheet.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date
from typing import Any

from flask import Flask
from openpyxl import load_workbook

from scheduler.checker.messages import Message
from scheduler.settings import (LAW_BOUNDS, RuleSettings, cross_messages, cross_problems, law_message,
                                law_problem, lawful_override_messages, lawful_overrides)
from webui import forms, reasons
from webui.convert import assignment, build_team
from webui.i18n_et_rules import ET_RULES
from webui_support import MONTH, YEAR, AuthActions, store

from test_team_rules import person, person_data, rules_data

DAILY_REST_ET = "5 jääb väljapoole vahemikku 11–24 (TLS § 51: vähemalt 11 h puhkeaega iga 24 h jooksul)"
DAILY_REST_EN = "5 is outside 11–24 (TLS § 51: at least 11 h rest in every 24 h)"
LONG_DUTY_ET = ("16 h valve jätab 24 h sisse vähem kui 11 h puhkeaega; pikemad valved vajavad pikkade "
                "vahetuste lubamist (long_shifts_allowed = true) (TLS § 51)")
LONG_DUTY_EN = "16 h leaves less than 11 h rest in 24 h; longer duties need long_shifts_allowed = true (TLS § 51)"


def text(page: str) -> str:
    return html.unescape(page)


def english(client: Any) -> None:
    client.post("/language", data={"lang": "en"})


def field_errors(page: str, field: str) -> str:
    """The error texts shown next to input ``field``."""
    return " ".join(re.findall(rf'id="{re.escape(field)}-err" role="alert">(.*?)</div>', text(page), re.S))


def row_of(page: str, name: str) -> str:
    """The rules page's table row of setting ``name``."""
    row = text(page)[text(page).index(f'id="rule-{name}"'):]
    return row[:row.index("</tr>")]


# --- scheduler.settings: one source, English for the loader --------------------------------

def test_law_messages_are_the_loaders_english() -> None:
    message = law_message("daily_rest_hours", 5)
    assert isinstance(message, Message) and message.text == DAILY_REST_EN == law_problem("daily_rest_hours", 5)
    assert law_problem("daily_rest_hours", 5.0) == "5.0 is outside 11–24 (TLS § 51: at least 11 h rest in every 24 h)"
    assert law_problem("accounting_period_months", 2.5) == "expected a whole number, got 2.5"
    assert law_problem("weekly_rest_window", "x") == "expected one of calendar, rolling, got 'x'"
    assert law_problem("max_duty_hours", "abc") == "expected a number, got 'abc'"
    assert law_message("daily_rest_hours", 12) is None
    long_duty = RuleSettings(max_duty_hours=16.0, accounting_period_months=6)
    assert [(n, m.text) for n, m in cross_messages(long_duty)] == cross_problems(long_duty) == [
        ("max_duty_hours", LONG_DUTY_EN),
        ("accounting_period_months", "1–4 months, or 12 by collective agreement (TLS § 46)")]
    values = {"daily_rest_hours": 5, "max_duty_hours": 16}
    overrides, problems = lawful_override_messages(values, RuleSettings())
    assert lawful_overrides(values, RuleSettings()) == (overrides, [(n, m.text) for n, m in problems])


def test_every_law_source_has_an_estonian_text() -> None:
    for _lo, _hi, source in LAW_BOUNDS.values():
        assert source in ET_RULES and ET_RULES[source] != source, source


def test_law_messages_render_in_the_viewers_language(app: Flask) -> None:
    with app.test_request_context():  # Estonian by default
        assert reasons.render(law_message("daily_rest_hours", 5)) == DAILY_REST_ET
        assert reasons.render(law_message("daily_rest_hours", 10.5)).startswith("10,5 jääb väljapoole")
        assert reasons.render(cross_messages(RuleSettings(max_duty_hours=16.0))[0][1]) == LONG_DUTY_ET
        assert reasons.phrase(LAW_BOUNDS["daily_rest_hours"][2]) == "TLS § 51: vähemalt 11 h puhkeaega iga 24 h jooksul"


# --- the pages ----------------------------------------------------------------------------

def test_rules_page_refuses_a_bad_daily_rest_in_the_viewers_language(app: Flask, client: Any,
                                                                     auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="5"))
    assert response.status_code == 400
    errors = field_errors(response.get_data(as_text=True), "daily_rest_hours")
    assert errors == DAILY_REST_ET
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="10,5"))
    assert field_errors(response.get_data(as_text=True), "daily_rest_hours").startswith(
        "10,5 jääb väljapoole vahemikku 11–24")
    english(client)
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="5"))
    assert response.status_code == 400
    assert field_errors(response.get_data(as_text=True), "daily_rest_hours") == DAILY_REST_EN


def test_rules_page_legal_limit_column_speaks_the_viewers_language(client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/rules").get_data(as_text=True)
    row = row_of(page, "daily_rest_hours")
    assert "11–24" in row and "TLS § 51: vähemalt 11 h puhkeaega iga 24 h jooksul" in row
    assert "at least 11 h rest" not in row
    for name, (_lo, _hi, source) in LAW_BOUNDS.items():
        assert ET_RULES[source] in row_of(page, name), name
        assert source not in text(page), source
    english(client)
    page = client.get("/team/rules").get_data(as_text=True)
    assert "TLS § 51: at least 11 h rest in every 24 h" in row_of(page, "daily_rest_hours")
    assert "vähemalt 11 h puhkeaega" not in text(page)


def test_cross_setting_problem_speaks_the_viewers_language(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/rules", data=rules_data(app, max_duty_hours="16"))
    assert response.status_code == 400
    assert field_errors(response.get_data(as_text=True), "max_duty_hours") == LONG_DUTY_ET
    english(client)
    response = client.post("/team/rules", data=rules_data(app, max_duty_hours="16"))
    assert field_errors(response.get_data(as_text=True), "max_duty_hours") == LONG_DUTY_EN


def test_team_rules_that_break_a_persons_rules_are_refused_in_the_viewers_language(
        app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    assert client.post(f"/team/people/{person(app, 'olga').id}/edit",
                       data=person_data(app, "olga", max_duty_hours="13")).status_code == 302
    response = client.post("/team/rules", data=rules_data(app, daily_rest_hours="12", max_duty_hours="12"))
    assert response.status_code == 400
    page = text(response.get_data(as_text=True))
    assert "Olga Ivanova" in page
    assert "13 h valve jätab 24 h sisse vähem kui 12 h puhkeaega" in page and "leaves less than" not in page
    english(client)
    page = text(client.post("/team/rules", data=rules_data(app, daily_rest_hours="12",
                                                             max_duty_hours="12")).get_data(as_text=True))
    assert "13 h leaves less than 12 h rest in 24 h" in page


def test_person_override_refused_in_the_viewers_language(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    url = f"/team/people/{mari.id}/edit"
    response = client.post(url, data=person_data(app, "mari", daily_rest_hours="5"))
    assert response.status_code == 400
    assert field_errors(response.get_data(as_text=True), "rule_daily_rest_hours") == DAILY_REST_ET
    response = client.post(url, data=person_data(app, "mari", max_duty_hours="16"))
    assert field_errors(response.get_data(as_text=True), "rule_max_duty_hours") == LONG_DUTY_ET
    page = text(client.get(url).get_data(as_text=True))  # the law's bound under the input
    assert "seadus: 11–24 (TLS § 51: vähemalt 11 h puhkeaega iga 24 h jooksul)" in page
    assert "at least 11 h rest" not in page
    english(client)
    response = client.post(url, data=person_data(app, "mari", daily_rest_hours="5"))
    assert field_errors(response.get_data(as_text=True), "rule_daily_rest_hours") == DAILY_REST_EN
    page = text(client.get(url).get_data(as_text=True))
    assert "law: 11–24 (TLS § 51: at least 11 h rest in every 24 h)" in page
    assert person(app, "mari").settings == mari.settings


# --- WTForms' own messages -----------------------------------------------------------------

def test_forged_choices_are_refused_in_the_viewers_language(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    url = f"/team/people/{mari.id}/edit"
    data = dict(person_data(app, "mari"), services=["NOPE"], role="NOPE")
    page = client.post(url, data=data).get_data(as_text=True)
    assert field_errors(page, "services") == "'NOPE' pole sellel väljal lubatud valik."
    assert field_errors(page, "role") == "Pole lubatud valik."
    english(client)
    page = client.post(url, data=data).get_data(as_text=True)
    assert field_errors(page, "services") == "'NOPE' is not a valid choice for this field."
    assert field_errors(page, "role") == "Not a valid choice."
    assert person(app, "mari").version == mari.version


def test_wtforms_messages_come_from_the_apps_catalogue(app: Flask) -> None:
    with app.test_request_context():
        assert forms.wtforms_messages() == ["Pole lubatud valik.", "'%(value)s' pole sellel väljal lubatud valik."]
        translations = forms.FormTranslations()
        assert translations.gettext("This field is required.") != "This field is required."  # WTForms' own
        assert translations.ngettext("'%(value)s' is not a valid choice for this field.",
                                     "'%(value)s' are not valid choices for this field.", 2) == (
            "'%(value)s' pole sellel väljal lubatud valikud.")


def test_wtforms_i18n_can_be_switched_off(make_app: Any) -> None:
    app = make_app(WTF_I18N_ENABLED=False)
    client = app.test_client()
    AuthActions(client).login()
    mari = person(app, "mari")
    page = client.post(f"/team/people/{mari.id}/edit",
                       data=dict(person_data(app, "mari"), role="NOPE")).get_data(as_text=True)
    assert field_errors(page, "role") == "Not a valid choice."


# --- the XLSX export ------------------------------------------------------------------------

def test_xlsx_summary_sheet_is_named_in_the_viewers_language(app: Flask, client: Any,
                                                             auth: AuthActions) -> None:
    with app.app_context():
        team = build_team()
        shifts = [assignment(team, "mari", date(YEAR, MONTH, 4), "P")]
    store(app, shifts)
    auth.login()
    response = client.get(f"/plan/{YEAR}/{MONTH}/rota.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).sheetnames == [f"{YEAR}-{MONTH:02d}", "Kokkuvõte"]
    english(client)
    response = client.get(f"/plan/{YEAR}/{MONTH}/rota.xlsx")
    assert load_workbook(io.BytesIO(response.data)).sheetnames == [f"{YEAR}-{MONTH:02d}", "Summary"]


def test_the_english_pages_say_team_data_not_team_file(app: Flask) -> None:
    """The checker's sources read "(team file coverage needs)" on the web app's English pages,
    which have no team file (an onboarding review); the command line keeps its wording."""
    from flask_babel import force_locale

    from scheduler.checker import Violation
    from webui import reasons

    coverage = Violation("coverage_minimum", "team file coverage needs", None, None, "x", "hard")
    inactive = Violation("eligibility", "job description § 1.4–1.5; team file", "mari", None, "x", "hard")
    with app.test_request_context(), force_locale("en"):
        assert reasons.source(coverage) == "the team's coverage needs"
        assert reasons.source(inactive) == "job description § 1.4–1.5; team data"
    with app.test_request_context(), force_locale("et"):
        assert reasons.source(coverage) == ET_RULES["team file coverage needs"]
