"""Browser tests: Debian's headless Chromium driven by Playwright against a live server.

Never skipped: without /usr/bin/chromium (the ``chromium`` package, installed by .ci/run)
these tests fail.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import make_server

from webui import models as m
from webui import rotas
from webui.extensions import db
from webui_support import MONTH, YEAR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def live_app(make_app: Any) -> Iterator[tuple[Flask, str]]:
    # "Today" is early March 2027: the counsellor's pages open on the planned month.
    app = make_app(ROTA_TODAY="2027-03-05", WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def new_page(browser: Browser, errors: list[str]) -> Page:
    context = browser.new_context(locale="et-EE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def log_in(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", user)
    page.fill("#password", f"demo-{user}")
    page.click("#login-submit")


def test_lead_generates_fixes_and_publishes_then_counsellor_sees_exactly_her_shifts(
        live_app: tuple[Flask, str], browser: Browser) -> None:
    app, base = live_app
    errors: list[str] = []

    # --- the team lead ------------------------------------------------------------------
    page = new_page(browser, errors)
    log_in(page, base, "kadri")
    expect(page).to_have_url(f"{base}/plan/")
    page.goto(f"{base}/plan/{YEAR}/{MONTH}")
    expect(page.locator("#rota-state")).to_have_text("Graafikut veel pole")
    page.fill("#time_limit", "4")
    page.click("#generate")
    expect(page).to_have_url(__import__("re").compile(r".*/plan/jobs/\d+$"))
    # live progress, then the page reloads itself when the solve is done
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.locator("#job-objective")).not_to_have_text("—")
    page.click("#to-rota")
    expect(page.locator("#rota-state")).to_have_text("Mustand")
    expect(page.locator("#no-hard")).to_be_visible()

    # put Jaan on a shift during his vacation: the cell turns red with the reason ...
    page.click("#c-jaan-16 a")
    page.select_option("#shift", "P")
    page.click("#save-cell")
    cell = page.locator("#c-jaan-16")
    expect(cell).to_have_attribute("data-status", "hard")
    assert "puhkus" in (cell.get_attribute("title") or "").lower() or "absen" in (cell.get_attribute("title") or "").lower()
    expect(page.locator("#hard-violations")).to_be_visible()
    # ... and fixing it clears the problem
    page.click("#c-jaan-16 a")
    page.select_option("#shift", "")
    page.click("#save-cell")
    expect(page.locator("#c-jaan-16")).not_to_have_attribute("data-status", "hard")
    expect(page.locator("#no-hard")).to_be_visible()

    # re-solving takes the time limit in the box, as generating does (no confirmation asked)
    page.fill("#time_limit", "3")
    page.click("#resolve")
    expect(page).to_have_url(__import__("re").compile(r".*/plan/jobs/\d+$"))
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    with app.app_context():
        job = db.session.scalar(sa.select(m.SolveJob).order_by(m.SolveJob.id.desc()))
        assert (job.kind, job.time_limit) == ("resolve", 3)
        db.session.remove()
    page.click("#to-rota")
    expect(page.locator("#no-hard")).to_be_visible()

    page.click("#publish")
    expect(page.locator("#rota-state")).to_have_text("Avaldatud, versioon 1")
    with app.app_context():
        published = rotas.cells_of(rotas.published_of(YEAR, MONTH))
        db.session.remove()
    mine = sorted((day.isoformat(), code) for (person, day), code in published.items() if person == "mari")
    assert mine, "the solver gave Mari no shifts"
    page.click("#logout")
    expect(page).to_have_url(f"{base}/login")

    # --- a counsellor -------------------------------------------------------------------
    page = new_page(browser, errors)
    log_in(page, base, "mari")
    expect(page).to_have_url(f"{base}/me/shifts")
    rows = page.locator("#my-shifts tbody tr[data-code]")
    expect(rows).to_have_count(len(mine))
    shown = sorted((rows.nth(i).get_attribute("data-day"), rows.nth(i).get_attribute("data-code"))
                   for i in range(rows.count()))
    assert shown == mine
    first_day = mine[0][0]
    expect(page.locator("#my-shifts")).to_contain_text(f"{first_day[8:10]}.{first_day[5:7]}.{first_day[:4]}")
    # her supervision on 10.03 is an entry of the list and a marker in the month view
    expect(page.locator('#my-shifts tr.event[data-event="SUP"]')).to_contain_text("10.03.2027")
    expect(page.locator('#my-calendar td[data-day="2027-03-10"] .ev')).to_have_text("SUP")
    expect(page.locator("#calendar-feed")).to_be_visible()
    assert not errors, f"browser console errors: {errors}"
    # the lead's pages are closed to her
    response = page.goto(f"{base}/plan/{YEAR}/{MONTH}")
    assert response is not None and response.status == 403
    errors.clear()  # the 403 itself is logged by the browser
    # the language switch (submits itself on change)
    page.goto(f"{base}/me/shifts")
    page.select_option("#lang", "en")
    expect(page.locator("h1")).to_have_text("My shifts")
    assert not errors, f"browser console errors: {errors}"


def test_a_counsellor_hands_a_shift_over_the_colleague_accepts_and_the_lead_approves(
        live_app: tuple[Flask, str], browser: Browser) -> None:
    import re
    from datetime import date

    from webui.convert import assignment, build_team

    app, base = live_app
    with app.app_context():
        team = build_team()
        draft = rotas.store_draft(YEAR, MONTH, [assignment(team, "mari", date(YEAR, MONTH, 12), "P"),
                                                assignment(team, "olga", date(YEAR, MONTH, 13), "P")],
                                  source="manual")
        rotas.publish(draft, None)
        db.session.commit()
        db.session.remove()
    errors: list[str] = []

    page = new_page(browser, errors)  # mari offers her day shift of the 12th
    log_in(page, base, "mari")
    page.goto(f"{base}/me/shifts?month={YEAR}-{MONTH:02d}")
    page.click('#my-shifts tr[data-day="2027-03-12"] a.offer-link')
    olga = page.locator('#colleagues tr[data-person="olga"]')
    expect(olga).to_have_attribute("data-ok", "yes")
    olga.locator('input[name="note"]').fill("perearst")
    olga.locator("button").click()
    expect(page).to_have_url(f"{base}/me/swaps")
    expect(page.locator("#my-requests")).to_contain_text("ootab kolleegi vastust")
    page.click("#logout")

    page = new_page(browser, errors)  # olga accepts
    log_in(page, base, "olga")
    expect(page.locator("#nav-swaps .badge")).to_have_text("1")
    page.click("#nav-swaps")
    expect(page.locator("#asked-of-me")).to_contain_text("perearst")
    page.locator("#asked-of-me button", has_text="Nõustu").click()
    expect(page.locator("#my-requests")).to_contain_text("ootab meeskonnajuhi kinnitust")
    page.click("#logout")

    page = new_page(browser, errors)  # the lead approves: version 2
    log_in(page, base, "kadri")
    page.goto(f"{base}/plan/{YEAR}/{MONTH}")
    page.click("#swaps-waiting a")
    page.locator("#to-approve button", has_text="Kinnita").click()
    expect(page.locator(".flash.success")).to_contain_text("versioonina 2")
    page.goto(f"{base}/plan/{YEAR}/{MONTH}")
    expect(page.locator("#rota-state")).to_have_text("Avaldatud, versioon 2")
    page.click("#logout")

    page = new_page(browser, errors)  # olga has the shift now
    log_in(page, base, "olga")
    page.goto(f"{base}/me/shifts?month={YEAR}-{MONTH:02d}")
    expect(page.locator('#my-shifts tr[data-day="2027-03-12"][data-code="P"]')).to_have_count(1)
    assert re.search("versioon 2", page.content(), re.IGNORECASE)
    assert not errors, f"browser console errors: {errors}"
