"""The checker's reasons as messages: an English template with typed parameters, whose English
text is ``Violation.reason`` (what ``rota check`` prints), stored without any web framework."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

from checker_fixtures import (
    SHIFT_TYPES, at, check, d, event, event_row, found, make_team, raw, shift, st, vacation,
)
from scheduler.checker.messages import DayTime, Hours, Listing, Message, msg, plain, words
from scheduler.checker.results import Violation

ROOT = Path(__file__).resolve().parents[1]


def _templates(message: Message) -> list[str]:
    """The template of ``message`` and of every message among its parameters."""
    out = [message.template]
    for _key, value in message.params:
        items = value.items if isinstance(value, Listing) else (value,)
        for item in items:
            if isinstance(item, Message):
                out.extend(_templates(item))
    return out


def test_daily_rest_reason_is_its_message_in_english() -> None:
    types = SHIFT_TYPES + (st("N8", "20:00", "08:00"), st("K17", "17:00", "23:00"))
    t = make_team(shift_types=types)
    [v] = found(check(t, [shift(t, "mari", d(3, 4), "N8"), shift(t, "mari", d(3, 5), "K17")]), "daily_rest")
    assert v.reason == (
        "Mari Tamm: only 9.0 h rest between the duty ending 2027-03-05 08:00 and the one starting "
        "17:00 (TLS § 51 needs 11 h; as one duty N8, K17 span 27.0 h, more than 13 h)"
    )
    assert v.message is not None and plain(v.message) == v.reason
    assert v.template.startswith("%(name)s: only %(rest)s h rest between the duty ending %(end)s")
    params = dict(v.params)
    assert params["name"] == "Mari Tamm" and v.param("codes") == "N8, K17"
    assert isinstance(params["rest"], Hours) and params["rest"] == 9.0
    assert isinstance(params["end"], datetime) and params["end"] == at(2027, 3, 5, 8)
    assert params["next"] == time(17, 0)  # the same day as the end: the time alone
    assert params["needed"] == 11 and params["limit"] == 13
    hash(v)  # still a frozen, hashable fact


def test_every_reason_of_a_busy_rota_is_a_message_with_the_same_english_text() -> None:
    e = event("SUP", d(3, 10), "10:00", "13:00", ["mari", "jaan"])
    t = make_team(events=(e,), absences=(vacation("jaan", d(3, 15), d(3, 19)),))
    rows = [
        shift(t, "mari", d(3, 4), "N"), shift(t, "mari", d(3, 5), "A"),  # daily rest
        shift(t, "mari", d(3, 10), "M"), event_row(e, "mari"),  # shift during the event
        shift(t, "jaan", d(3, 16), "M"),  # on vacation
        shift(t, "jaan", d(3, 20), "M", hours=9.0),  # hours written wrong
        raw("ghost", at(2027, 3, 22, 8), at(2027, 3, 22, 16), "M"),  # unknown person
        shift(t, "mari", d(3, 24), "M"), shift(t, "mari", d(3, 24), "E"),  # two starts a day
    ]
    report = check(t, rows)
    rules = {v.rule for v in report.violations}
    assert {"daily_rest", "absences_and_events", "hours", "unknown_references",
            "one_duty_start_per_day"} <= rules
    for v in report.violations:
        assert v.message is not None, v
        assert v.reason == plain(v.message)
        assert "%(" not in v.reason


def test_every_template_is_marked_for_the_catalogue() -> None:
    """Templates are literal ``N_("…")`` strings in the checker's files: the catalogue's
    extractor finds each one a report uses."""
    from babel.messages.extract import extract_from_file

    marked = set()
    for path in sorted((ROOT / "scheduler" / "checker").glob("*.py")):
        marked |= {m for _l, m, _c, _x in extract_from_file("python", str(path), keywords={"N_": None})}
    e = event("SUP", d(3, 10), "10:00", "13:00", ["mari"])
    t = make_team(events=(e,), absences=(vacation("jaan", d(3, 15), d(3, 19)),))
    rows = [shift(t, "mari", d(3, 4), "N"), shift(t, "mari", d(3, 5), "A"), shift(t, "mari", d(3, 10), "M"),
            shift(t, "jaan", d(3, 16), "M"), raw("ghost", at(2027, 3, 22, 8), at(2027, 3, 22, 16), "M")]
    report = check(t, rows)
    used = {tpl for v in report.violations if v.message for tpl in _templates(v.message)}
    used |= {v.source for v in report.violations}
    assert used and used <= marked, sorted(used - marked)


def test_parameters_have_one_english_form_each_and_survive_storage() -> None:
    at_8 = datetime.fromisoformat("2027-03-14T08:00:00+02:00")
    m = msg("%(a)s|%(b)s|%(c)s|%(d)s|%(e)s|%(f)s|%(g)s|%(h)s|%(i)s",
            a="x", b=3, c=13.0, d=Hours(9), e=date(2027, 3, 5), f=at_8, g=DayTime.of(at_8),
            h=time(17, 0), i=Listing((words("one"), Hours(1.25)), "; "))
    assert plain(m) == "x|3|13|9.0|2027-03-05|2027-03-14 08:00|14.03 08:00|17:00|one; 1.25"
    assert Message.from_data(m.to_data()) == m
    plain_violation = Violation("hours", "TLS § 47", None, None, "written by hand")
    assert plain_violation.template == "written by hand" and plain_violation.params == ()


def test_the_checker_imports_no_web_framework() -> None:
    code = ("import sys, scheduler.checker, scheduler.solver.explain; "
            "print(sorted(m for m in ('flask', 'flask_babel', 'babel') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
