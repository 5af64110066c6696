"""Explanations in the team lead's words: why a slot could not be filled (infeasible
minima), and why the team lead had to stand in.

Each explanation is a :class:`~scheduler.checker.messages.Message` (an English template and
its typed parameters, templates marked with ``N_`` for the web app's message catalogue). A
shortfall is an :class:`Explained`: the English sentence the terminal prints, which also
carries its message so that the web app can show it in its user's language.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from scheduler.checker.messages import N_, DayTime, Listing, Message, Param, msg, plain, words
from scheduler.checker.text import kind_word
from scheduler.domain import Role, clock_span
from scheduler.settings import longest_duty_hours
from scheduler.solver.candidates import Candidate, needs_on
from scheduler.solver.constraints import night_duties, seven_day_starts, starts_in
from scheduler.solver.model import CoverageSlack, RotaModel
from scheduler.worktime import split_hours


class Explained(str):
    """An explanation's English text (what the terminal prints and ``infeasible.txt`` holds)
    that carries its :class:`Message` as ``message``."""

    message: Message

    def __new__(cls, message: Message) -> Explained:
        self = super().__new__(cls, plain(message))
        self.message = message
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Explained, (self.message,))


def _clock(m: RotaModel, minute: int) -> DayTime:
    return DayTime.of(m.horizon.instant(minute))


def _kept_away(m: RotaModel, person: str, a: datetime, b: datetime) -> Message | None:
    """What keeps ``person`` from work ``a``..``b`` whatever the team's eligibility: an
    absence or an event they attend then; None if nothing."""
    for absence in m.team.absences:
        x, y = absence.interval()
        if absence.person == person and x < b and a < y:
            if not absence.whole_days:  # a doctor's appointment 08:00–12:00, not the day
                return msg(N_("is away (%(kind)s, %(first)s–%(last)s)"), kind=kind_word(absence.kind),
                           first=DayTime.of(x), last=DayTime.of(y))
            return msg(N_("is away (%(kind)s, %(first)s–%(last)s)"),
                       kind=kind_word(absence.kind), first=absence.first_day,
                       last=absence.last_day)
    fa, fb = m.horizon.minute(a), m.horizon.minute(b)
    for f in m.fixed_by_person.get(person, []):
        if f.start < fb and fa < f.end:
            return msg(N_("attends %(event)s %(start)s–%(end)s"), event=f.label,
                       start=_clock(m, f.start), end=_clock(m, f.end))
    return None


def why_not(m: RotaModel, chosen: set[int], person: str, day: date, shift: str,
            settled: bool = True) -> Message | None:
    """Why ``person`` does not take ``shift`` on ``day`` in the solution ``chosen`` (candidate
    indexes), in plain words following the person's name; None if they do take it.
    ``settled``: ``chosen`` is the best the search could prove; otherwise someone free was
    not placed because the time ran out, not because other goals kept them off."""
    p = m.people.get(person)
    if p is None:
        return words(N_("is not active"))
    st = m.team.shift_type(shift)
    if st.service not in p.services:
        return msg(N_("does not take %(service)s"), service=m.team.service(st.service).name)
    cand = next((c for c in m.by_person_day.get((person, day), []) if c.shift == shift), None)
    if cand is None:
        if p.employed_from is not None and day < p.employed_from:
            return msg(N_("is not employed yet (from %(first)s)"), first=p.employed_from)
        if p.employed_until is not None and day > p.employed_until:
            return msg(N_("is no longer employed (until %(last)s)"), last=p.employed_until)
        a, b = st.interval(day)
        elsewhere = _kept_away(m, person, a, b)
        if elsewhere is not None:
            return elsewhere
        night = split_hours(a, b, p.settings.night_start_hour, p.settings.night_end_hour).night
        if not p.may_work_nights and night >= p.settings.night_worker_threshold_hours - 1e-9:
            return words(N_("may not work nights"))
        if day.weekday() not in st.weekdays:
            return words(N_("cannot take it: the shift does not run that day"))
        return words(N_("may not take this work under the substitution rules"))
    if cand.index in chosen:
        return None
    if (person, day) in m.options.pins:
        held = m.options.pins[(person, day)]
        if held is None:
            return words(N_("is held off that day (a pinned day off, or a day before the re-plan starts)"))
        return msg(N_("is held at %(shift)s that day (a pinned cell, or a day before the re-plan starts)"),
                   shift=held)
    longest = longest_duty_hours(p.settings)
    if cand.end - cand.start > longest * 60:
        return msg(N_("may work a duty of at most %(max)s h, and %(shift)s lasts %(hours)s h (TLS § 51: "
                      "longer duties need long_shifts_allowed)"),
                   max=longest, shift=shift, hours=(cand.end - cand.start) / 60)
    # the law first, against the rest of the person's rota: a shift the person works that
    # day could be given up, a limit the shift would break could not
    working = [c for c in m.by_person.get(person, []) if c.index in chosen]
    same_day = [c for c in working if c.day == day]
    mine = [c for c in working if c.day != day]
    rest = p.settings.daily_rest_hours * 60
    for c in mine:
        if c.end <= cand.start and cand.start - c.end < rest:
            return msg(N_("would rest only %(rest)s h after %(shift)s ending %(end)s (TLS § 51 "
                          "needs %(needed)s h)"),
                       rest=(cand.start - c.end) / 60, shift=c.shift, end=_clock(m, c.end),
                       needed=rest / 60)
        if cand.end <= c.start and c.start - cand.end < rest:
            return msg(N_("would rest only %(rest)s h before %(shift)s starting %(start)s "
                          "(TLS § 51 needs %(needed)s h)"),
                       rest=(c.start - cand.end) / 60, shift=c.shift, start=_clock(m, c.start),
                       needed=rest / 60)
    for f in m.fixed_by_person.get(person, []):
        if 0 <= cand.start - f.end < rest or 0 <= f.start - cand.end < rest:
            return msg(N_("would not have %(needed)s h rest around %(event)s (TLS § 51)"),
                       needed=rest / 60, event=f.label)
    weekly = _weekly_rest_after(m, person, [*mine, cand], cand)
    if weekly is not None:
        return weekly
    for limit in (_night_worker_over, _average_over, _management_time_over):
        reason = limit(m, person, [*mine, cand])
        if reason is not None:
            return reason
    if same_day:
        return msg(N_("already works %(shift)s that day"), shift=same_day[0].shift)
    planned = sum(c.counted for c in mine) / 60
    norm = m.month_norm_hours(p)
    if planned + cand.counted / 60 > norm + 8:
        return msg(N_("would reach %(hours)s h against a norm of %(norm)s h"),
                   hours=planned + cand.counted / 60, norm=norm)
    if not settled:
        return words(N_("was free; the search ran out of time before placing them here"))
    return words(N_("was free, but other goals (hours, wishes, fairness) kept them off"))


def _management_time_over(m: RotaModel, person: str, items: list[Candidate]) -> Message | None:
    """Job description § 1.4–1.5: the team lead's line work may use only what the protected
    management share leaves of the month's norm (the model's rule); ``items[-1]`` is the
    shift asked about."""
    p = m.people[person]
    cand = items[-1]
    if p.role != Role.TEAM_LEAD or cand.substitute_for is None:
        return None
    norm = m.month_norm_hours(p)
    cap = m.lead_line_minutes(p) / 60
    used = sum(c.counted for c in items[:-1] if c.substitute_for is not None) / 60
    if used + cand.counted / 60 <= cap + 1e-6:
        return None
    return msg(N_("has used %(used)s h of the %(cap)s h of line work left beside the protected management time "
                  "(%(kept)s h of the month's norm)"), used=used, cap=round(cap, 1),
               kept=round(norm - cap, 1))


def _night_worker_over(m: RotaModel, person: str, items: list[Candidate]) -> Message | None:
    """TLS § 50: a night worker's 48 h in any 7 days, with ``items`` and the fixed work.
    Night-worker status as the model reads it (:func:`night_duties`): a duty of ``items``
    and fixed work with the threshold at night, in the month or in the history's last 6 days."""
    st = m.people[person].settings
    taken = {c.index for c in items}
    if not any(all(not isinstance(i, Candidate) or i.index in taken for i in duty)
               for duty in night_duties(m, person, history=True)):
        return None
    work = [*items, *m.fixed_by_person.get(person, [])]
    for d0 in seven_day_starts(m):
        total = sum(w.counted for w in starts_in(m, work, d0))
        if total > st.night_worker_max_hours_7d * 60 + 1e-6:
            return msg(N_("would work %(hours)s h in the 7 days from %(first)s as a night worker "
                          "(TLS § 50 allows %(max)s h)"),
                       hours=round(total / 60, 1), first=d0, max=st.night_worker_max_hours_7d)
    return None


def _average_over(m: RotaModel, person: str, items: list[Candidate]) -> Message | None:
    """TLS § 46: the 48 h weekly average over the accounting period."""
    p = m.people[person]
    first, last = p.employed_span(*m.period_bounds(p)) or m.period_bounds(p)
    cap = p.settings.max_average_weekly_hours * 60 * max(7, (last - first).days + 1) / 7
    fixed = m.fixed_minutes(person)
    total = sum(c.counted for c in items) + fixed + m.history_period_minutes_assumed(p)
    if total > cap:
        return msg(N_("would average more than %(max)s h a week over the accounting period "
                      "(TLS § 46)"), max=p.settings.max_average_weekly_hours)
    return None


def _weekly_rest_after(m: RotaModel, person: str, items: list[Candidate],
                       cand: Candidate) -> Message | None:
    p = m.people[person]
    need = p.settings.weekly_rest_hours * 60
    monday = cand.day - timedelta(days=cand.day.weekday())
    w1 = m.horizon.midnight(monday + timedelta(days=7))
    w0 = m.horizon.midnight(monday)
    busy = sorted((max(w0, i.start), min(w1, i.end)) for i in (*items, *m.fixed_by_person.get(person, []))
                  if i.end > w0 and i.start < w1)
    t, longest = w0, 0
    for a, b in busy:
        longest = max(longest, a - t)
        t = max(t, b)
    longest = max(longest, w1 - t)
    if longest < need:
        return msg(N_("would be left without %(needed)s h weekly rest in the week from %(monday)s "
                      "(TLS § 52)"), needed=need / 60, monday=monday)
    return None


def _wanted(slack: CoverageSlack) -> Message:
    """'needs 2 people', 'needs 1 speaker of 'ru''."""
    n = slack.required
    if slack.what == "people":
        if n == 1:
            return msg(N_("needs %(count)s person"), count=n)
        return msg(N_("needs %(count)s people"), count=n)
    if n == 1:
        return msg(N_("needs %(count)s speaker of %(language)s"), count=n,
                   language=repr(slack.what))
    return msg(N_("needs %(count)s speakers of %(language)s"), count=n, language=repr(slack.what))


def explain_shortfall(m: RotaModel, chosen: set[int], slack: CoverageSlack,
                      missing: int, settled: bool = True) -> Explained:
    """'2027-03-14 116006 N: needs 1 speaker of 'ru', 0 available: Mari Tamm already works O
    that day; …'."""
    need = slack.need
    if need.shift:
        shifts = [(slack.day, need.shift)]
        label = need.label()
    else:
        # a window need: the shifts that cover its stretch (the night before may cover its
        # morning), and the stretch's own hours (a window falls into parts between shifts)
        covering = {(m.candidates[i].day, m.candidates[i].shift) for i in slack.eligible}
        if slack.span is not None:
            a, b = (m.horizon.instant(t) for t in slack.span)
            covering |= {(c.day, c.shift) for c in m.candidates
                         if c.service == need.service and c.start <= slack.span[0] and c.end >= slack.span[1]}
            # the shift types themselves, where nobody could be a candidate at all (everyone
            # who takes the service attends an event then): each person's reason comes from them
            covering |= {(d, st.code) for st in m.team.shift_types if st.service == need.service
                         for d in (slack.day - timedelta(days=1), slack.day)
                         if d.weekday() in st.weekdays and st.interval(d)[0] <= a and st.interval(d)[1] >= b}
            label = f"{need.service} {clock_span(a.time(), b.time())}"
        else:
            label = need.label()
        shifts = sorted(covering)
    reasons: list[Param] = []
    for person in m.team.active_people:
        if slack.what != "people" and slack.what not in person.languages:
            continue
        if need.service not in person.services:
            continue
        why = [why_not(m, chosen, person.id, d, s, settled) for d, s in shifts]
        if not why or any(w is None for w in why):
            continue
        reasons.append(msg(N_("%(name)s %(why)s"), name=person.name, why=why[0]))
    takes = [p for p in m.team.active_people if need.service in p.services]
    if not shifts:
        nobody: Param = msg(N_("service %(service)s has no shift type to cover it"), service=need.service)
    elif not takes:
        nobody = msg(N_("nobody in the team has %(service)s among their services"),
                     service=m.team.service(need.service).name)
    elif slack.what != "people" and not any(slack.what in p.languages for p in takes):
        nobody = msg(N_("nobody who takes %(service)s speaks %(language)s"),
                     service=m.team.service(need.service).name, language=repr(slack.what))
    elif slack.required - missing > 0:  # some are on it: "3 available: nobody else …"
        nobody = words(N_("nobody else in the team may take it"))
    else:
        nobody = words(N_("nobody in the team may take it"))
    return Explained(msg(N_("%(day)s %(need)s: %(wanted)s, %(available)s available: %(reasons)s"),
                         day=slack.day, need=label, wanted=_wanted(slack),
                         available=slack.required - missing,
                         reasons=Listing(tuple(reasons), "; ") if reasons else nobody))


def explain_too_few_who_may(m: RotaModel) -> list[Explained]:
    """Needs that ask for more people, or more speakers of a language, than the team has who
    take the service at all (active, employed that day): the plain cause of a month that
    cannot be staffed, said once per need before the day-by-day lines ("116123 K2: needs 20
    people on 30 days of the month, but only 15 people in the team take 116123")."""
    short: dict[tuple[Any, ...], list[date]] = {}
    runs = {st.code: st.weekdays for st in m.team.shift_types}
    for day in m.horizon.days:
        for need in needs_on(m.team, day):
            if need.shift is not None and day.weekday() not in runs.get(need.shift, ()):
                continue  # not a day the shift runs
            takes = [p for p in m.team.active_people if need.service in p.services and p.employed_on(day)]
            wanted = [("people", need.minimum, len(takes))]
            wanted += [(lm.language, lm.count, sum(lm.language in p.languages for p in takes))
                       for lm in need.languages]
            for what, count, have in wanted:
                if count > have:
                    short.setdefault((need.label(), need.service, what, count, have), []).append(day)
    out: list[Explained] = []
    for (label, service, what, count, have), days in short.items():
        if len(days) < 2:
            continue  # one day: its own line below says as much
        name = m.team.service(service).name
        if what == "people":
            out.append(Explained(msg(N_("%(need)s: at least %(count)s people on each of %(days)s days of the month, "
                                        "but only %(have)s in the team take %(service)s"),
                                     need=label, count=count, days=len(days), have=have, service=name)))
        else:
            out.append(Explained(msg(N_("%(need)s: at least %(count)s who speak %(language)s on each of %(days)s "
                                        "days of the month, but only %(have)s of those who take %(service)s do"),
                                     need=label, count=count, language=repr(what), days=len(days), have=have,
                                     service=name)))
    return out


def explain_timeout(seconds: float) -> Explained:
    """No rota was found before the time limit."""
    return Explained(msg(N_("no rota found within %(seconds)s s"), seconds=float(seconds)))


def explain_weekend_floor(points: float, places: int) -> Explained:
    """Why no rota of the month costs less than the bound from whole weekends
    (``weekend_pairs``): the points a team lead would otherwise try to remove by hand."""
    return Explained(msg(N_("no rota of this month costs less than %(points)s points: with weekends kept whole, the "
                            "fair shares of weekend days cannot fill its %(places)s weekend places, so someone works "
                            "more weekend days than their share, a weekend is split or a place stays empty"),
                         points=f"{points:g}", places=places))


def explain_unproven(missing: int) -> Explained:
    """The fewest missing people were not proven within the time: the shortfalls listed are
    one way the month falls short, not necessarily the smallest."""
    return Explained(msg(N_("every minimum cannot be met (proven); how few places must stay empty was not found "
                            "within the time limit: the lines below leave %(count)s empty, one way the month falls "
                            "short, not necessarily the fewest (give the solve more time)"),
                         count=missing))


def explain_past_not_kept(m: RotaModel, person: str, day: date, shift: str) -> Explained:
    """A pinned shift of a day already past that the person can no longer take as the team is
    now (``RotaModel.past_not_kept``): what happened is not rewritten, so the lead changes that
    cell or the team data."""
    p = m.people.get(person)
    # eligibility changed since does not remove a day already past (``build_candidates``):
    # an absence or an event then does
    st = next((t for t in m.team.shift_types if t.code == shift), None)
    reason = ((_kept_away(m, person, *st.interval(day)) if p is not None and st is not None else None)
              or why_not(m, set(), person, day, shift) or words(N_("may not take this work")))
    return Explained(msg(N_("%(day)s, %(name)s %(shift)s: a day already past, kept as it happened, but %(name)s "
                            "%(reason)s as the team is now: change that cell, or the team data, to say what "
                            "happened"), day=day, name=p.name if p else person, shift=shift, reason=reason))


def explain_pinned_breach(finding: Message) -> Explained:
    """A hard rule that what the month keeps as it is breaks (the checker's ``finding``): the
    pinned cells, with the days already past, the duties begun and the team's events. No
    solve may change those, so the lead changes a pinned cell, or the event or absence."""
    return Explained(msg(N_("what the month keeps as it is (pinned cells, days already past, events) breaks a "
                            "rule: %(finding)s — change a pinned cell, or the event"), finding=finding))


def explain_more(count: int) -> Explained:
    """The last line of a list cut short: how many more there are."""
    return Explained(msg(N_("… and %(count)s more"), count=count))


def explain_search_unfinished() -> Explained:
    """The month has no rota, and the search for the reason did not finish in the time."""
    return Explained(words(N_("why was not found within the time limit: even with the coverage minima relaxed "
                              "the search did not finish (give the solve more time)")))


def explain_no_solution() -> Explained:
    """The month has no rota even with every coverage minimum relaxed."""
    return Explained(words(N_("the model has no solution even with coverage relaxed: the history "
                              "or pinned cells break a rule")))


def explain_lead_duty(m: RotaModel, chosen: set[int], cand: Candidate, settled: bool = True) -> Explained:
    """Why the team lead stood in on ``cand``: what kept each counsellor off it, or that the
    others on the shift meet its minima without the lead (a rota the search could not
    improve in time)."""
    where: dict[str, Param] = {"day": cand.day, "shift": cand.shift, "service": m.team.service(cand.service).name,
                               "lead": m.people[cand.person].name}
    covering = [c for c in m.by_day_shift.get((cand.day, cand.shift), [])
                if c.index in chosen and c.person != cand.person]
    needs = [n for n in m.needs_by_day.get(cand.day, []) if n.shift == cand.shift]
    minimum = max((n.minimum for n in needs), default=0)
    speakers = [m.people[c.person].languages for c in covering if c.person in m.people]
    languages_met = all(sum(lm.language in langs for langs in speakers) >= lm.count
                        for n in needs for lm in n.languages)
    if covering and len(covering) >= minimum and languages_met:
        names = Listing(tuple(m.people[c.person].name for c in covering if c.person in m.people))
        if settled:
            return Explained(msg(N_("%(day)s %(shift)s (%(service)s): %(lead)s stood in, though the minimum of "
                                    "%(minimum)s is met by %(names)s"), **where, minimum=minimum, names=names))
        return Explained(msg(N_("%(day)s %(shift)s (%(service)s): %(lead)s stood in, though the minimum of "
                                "%(minimum)s is met by %(names)s; the search ran out of time before taking the "
                                "stand-in away"), **where, minimum=minimum, names=names))
    others: list[Param] = []
    for person in m.team.active_people:
        if person.role == Role.TEAM_LEAD or cand.service not in person.services:
            continue
        why = why_not(m, chosen, person.id, cand.day, cand.shift, settled)
        if why is not None:
            others.append(msg(N_("%(name)s %(reason)s"), name=person.name, reason=why))
    if len(others) > 6:
        others = [*others[:6], msg(N_("and %(count)s more"), count=len(others) - 6)]
    if others:
        reason: Param = Listing(tuple(others), "; ")
    elif any(p.role != Role.TEAM_LEAD and cand.service in p.services for p in m.team.active_people):
        reason = words(N_("every counsellor who takes this service is on it already"))
    else:
        reason = words(N_("no counsellor takes this service"))
    return Explained(msg(N_("%(day)s %(shift)s (%(service)s): %(lead)s stood in — %(reason)s"), **where,
                         reason=reason))
