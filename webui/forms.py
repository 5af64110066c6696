"""Flask-WTF forms: every one validates on the server and reports next to the field.

Dates are typed the Estonian way, ``dd.mm.yyyy`` (ISO ``yyyy-mm-dd`` is accepted too);
times ``HH:MM`` (``24:00`` is midnight at the end of the day).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    FloatField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from scheduler.domain import AbsenceKind, DayType, EventKind, WishKind
from webui.models import ROLE_COUNSELLOR, ROLE_LEAD

try:
    from wtforms import SelectChoice
except ImportError:  # WTForms < 3.3 takes (value, label) tuples
    def SelectChoice(value: Any, label: Any = None) -> Any:  # type: ignore[no-redef]  # noqa: N802
        return (value, value if label is None else label)


def opts(pairs: Any) -> list[Any]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


CODE_PATTERN = r"^[A-Za-z0-9_\-]{1,32}$"
KEY_PATTERN = r"^[a-z0-9_\-.]{1,64}$"


def parse_day(text: str) -> date:
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


def parse_clock(text: str) -> time:
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match:
        raise ValueError(text)
    hh, mm = int(match.group(1)), int(match.group(2))
    if (hh, mm) == (24, 0):
        return time(0)
    return time(hh, mm)


class EtDateField(Field):
    """A date typed as dd.mm.yyyy."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"placeholder": "pp.kk.aaaa", "inputmode": "numeric"})
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d.%m.%Y") if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_day(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Expected a date as dd.mm.yyyy."))) from None


class ClockField(Field):
    """A local time typed as HH:MM."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"placeholder": "HH:MM"})
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%H:%M") if isinstance(self.data, time) else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_clock(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Expected a time as HH:MM."))) from None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def words(text: str | None) -> list[str]:
    """``"et, ru en"`` → ``["et", "ru", "en"]`` (order kept, duplicates dropped)."""
    out: list[str] = []
    for w in re.split(r"[\s,;]+", text or ""):
        if w and w not in out:
            out.append(w)
    return out


def language_list(form: FlaskForm, field: Field) -> None:
    for w in words(field.data):
        if not re.fullmatch(r"[a-z]{2,3}", w):
            raise ValidationError(_l("Use two-letter language codes such as et, ru, en."))


def role_choices() -> list[Any]:
    return opts([(ROLE_COUNSELLOR, _l("Counsellor")), (ROLE_LEAD, _l("Team lead"))])


class VersionedForm(FlaskForm):
    """A form that edits a stored row: ``version`` is the row's version when the form was
    opened; a save with an older version is refused."""

    version = HiddenField()


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class LanguageForm(FlaskForm):
    lang = SelectField(_l("Language"), choices=opts([("et", "eesti"), ("en", "English")]))
    next = HiddenField()


class ActionForm(FlaskForm):
    """A button that changes state: CSRF token only (plus the version it acts on)."""

    version = HiddenField()


class PersonForm(VersionedForm):
    key = StringField(_l("Person id"), validators=[DataRequired(), Regexp(KEY_PATTERN, message=_l(
        "Lower-case letters, digits, '.', '_' or '-'."))])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices)
    fte = FloatField(_l("Load (FTE)"), validators=[DataRequired(), NumberRange(0.1, 1.0, message=_l(
        "Between 0.1 and 1.0."))])
    languages = StringField(_l("Languages"), validators=[DataRequired(), language_list],
                            description=_l("Comma-separated, e.g. et, ru, en"))
    services = MultiCheckboxField(_l("Services"), choices=opts([]))
    may_work_nights = BooleanField(_l("May work nights"), default=True)
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=200), Regexp(
        r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Not an e-mail address."))])
    username = StringField(_l("Username"), validators=[Optional(), Regexp(KEY_PATTERN, message=_l(
        "Lower-case letters, digits, '.', '_' or '-'."))])
    password = PasswordField(_l("New password"), validators=[Optional(), Length(min=8, max=200)],
                             description=_l("Leave empty to keep the current password."))


class ServiceForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Whose work"), choices=role_choices)
    channels = StringField(_l("Channels"), description=_l("Comma-separated, e.g. phone, chat"))
    languages = StringField(_l("Languages"), validators=[language_list])
    colour = StringField(_l("Colour"), validators=[DataRequired(), Regexp(r"^#[0-9a-fA-F]{6}$", message=_l(
        "A colour such as #c0392b."))], render_kw={"type": "color"})


class ShiftTypeForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    service = SelectField(_l("Service"), coerce=int, choices=opts([]))
    start = ClockField(_l("Start"), validators=[InputRequired()])
    end = ClockField(_l("End"), validators=[InputRequired()],
                     description=_l("An end at or before the start crosses midnight."))
    channel = StringField(_l("Channel"), validators=[Length(max=64)])
    weekdays = MultiCheckboxField(_l("Weekdays"), coerce=int, choices=opts([
        (0, _l("Mon")), (1, _l("Tue")), (2, _l("Wed")), (3, _l("Thu")), (4, _l("Fri")),
        (5, _l("Sat")), (6, _l("Sun"))]), default=[0, 1, 2, 3, 4, 5, 6])

    def validate_end(self, field: Field) -> None:
        if self.start.data is not None and field.data == self.start.data:
            raise ValidationError(_l("A shift cannot end when it starts."))

    def validate_weekdays(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one weekday."))


DAY_TYPES = opts([(DayType.ALL.value, _l("every day")), (DayType.WEEKDAY.value, _l("Mon–Fri")),
             (DayType.WEEKEND.value, _l("Sat–Sun")), (DayType.HOLIDAY.value, _l("public holidays")),
             (DayType.DATE.value, _l("one date"))])


def parse_language_minima(text: str | None) -> dict[str, int]:
    """``"ru=1, en=1"`` → ``{"ru": 1, "en": 1}``; ValueError on anything else."""
    out: dict[str, int] = {}
    for part in words(text):
        match = re.fullmatch(r"([a-z]{2,3})=(\d{1,2})", part)
        if not match:
            raise ValueError(part)
        out[match.group(1)] = int(match.group(2))
    return out


class NeedForm(VersionedForm):
    service = SelectField(_l("Service"), coerce=int, choices=opts([]))
    shift = SelectField(_l("Shift"), coerce=int, choices=opts([]),
                        description=_l("Or leave on \u201cwindow\u201d and give the hours."))
    window_start = ClockField(_l("Window from"))
    window_end = ClockField(_l("Window to"))
    day_type = SelectField(_l("Days"), choices=DAY_TYPES)
    on_date = EtDateField(_l("Date"))
    minimum = IntegerField(_l("Minimum"), validators=[InputRequired(), NumberRange(0, 50)], default=1)
    desired = IntegerField(_l("Desired"), validators=[Optional(), NumberRange(0, 50)], default=1)
    languages = StringField(_l("Language minima"), description=_l("e.g. ru=1, en=1"))

    def validate_desired(self, field: Field) -> None:
        if field.data is not None and self.minimum.data is not None and field.data < self.minimum.data:
            raise ValidationError(_l("At least the minimum."))

    def validate_on_date(self, field: Field) -> None:
        if self.day_type.data == DayType.DATE.value and field.data is None:
            raise ValidationError(_l("Give the date."))

    def validate_window_end(self, field: Field) -> None:
        if self.shift.data == 0:
            if self.window_start.data is None or field.data is None:
                raise ValidationError(_l("Choose a shift or give the window's hours."))
            if self.window_start.data == field.data:
                raise ValidationError(_l("A window cannot end when it starts."))

    def validate_languages(self, field: Field) -> None:
        try:
            minima = parse_language_minima(field.data)
        except ValueError:
            raise ValidationError(_l("Write language=count pairs, e.g. ru=1, en=1.")) from None
        most = max(self.minimum.data or 0, self.desired.data or 0)
        for lang, count in minima.items():
            if count > most:
                raise ValidationError(_l("%(count)s speakers of %(lang)s but only %(most)s people.",
                                         count=count, lang=lang, most=most))


class AbsenceForm(FlaskForm):
    person = SelectField(_l("Person"), coerce=int, choices=opts([]))
    kind = SelectField(_l("Kind"), choices=opts([(AbsenceKind.VACATION.value, _l("vacation")),
                                            (AbsenceKind.SICK.value, _l("sick leave")),
                                            (AbsenceKind.TRAINING.value, _l("training away")),
                                            (AbsenceKind.OTHER.value, _l("other"))]))
    first_day = EtDateField(_l("From"), validators=[InputRequired()])
    last_day = EtDateField(_l("To"), validators=[InputRequired()])
    start_time = ClockField(_l("From time"),
                            description=_l("Only for part of a day."))
    end_time = ClockField(_l("To time"))
    note = StringField(_l("Note"), validators=[Length(max=300)])

    def validate_last_day(self, field: Field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day is before the first."))
        if field.data and self.first_day.data and (field.data - self.first_day.data).days > 366:
            raise ValidationError(_l("At most a year at a time."))

    def validate_end_time(self, field: Field) -> None:
        if (self.start_time.data is None) != (field.data is None):
            raise ValidationError(_l("Give both times or neither."))
        if (self.start_time.data is not None and field.data is not None
                and self.first_day.data == self.last_day.data and field.data <= self.start_time.data):
            raise ValidationError(_l("The end is not after the start."))


class EventForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=opts([(EventKind.SUPERVISION.value, _l("supervision")),
                                            (EventKind.COVISION.value, _l("covision")),
                                            (EventKind.TRAINING.value, _l("training")),
                                            (EventKind.MEETING.value, _l("meeting"))]))
    day = EtDateField(_l("Date"), validators=[InputRequired()])
    start = ClockField(_l("Start"), validators=[InputRequired()])
    end = ClockField(_l("End"), validators=[InputRequired()])
    attendees = MultiCheckboxField(_l("Attendees"), coerce=int, choices=opts([]))

    def validate_end(self, field: Field) -> None:
        if self.start.data and field.data and field.data <= self.start.data and field.data != time(0):
            raise ValidationError(_l("The end is not after the start."))

    def validate_attendees(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one attendee."))


class TeamSettingsForm(VersionedForm):
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=200)])
    wish_deadline_day = IntegerField(_l("Wish deadline"), validators=[DataRequired(), NumberRange(1, 28)],
                                     description=_l("Wishes for a month close on this day of the month before."))
    solve_seconds = IntegerField(_l("Solver time limit (s)"), validators=[DataRequired(), NumberRange(5, 600)])
    accounting_period_months = SelectField(_l("Accounting period (months)"), coerce=int,
                                           choices=opts([(1, "1"), (2, "2"), (3, "3"), (4, "4"), (12, "12")]),
                                           description=_l("TLS § 46: 1–4 months, 12 only by collective agreement."))
    weekly_rest_hours = SelectField(_l("Weekly rest (h)"), coerce=int, choices=opts([(36, "36"), (47, "47")]),
                                    description=_l("TLS § 52 (2): at least 36 h; 47 h as the Labour Inspectorate reads it."))
    break_counts_as_work = BooleanField(_l("Breaks count as working time"),
                                        description=_l("TLS § 47: e.g. counsellors eat on duty."))
    holidays_reduce_norm = BooleanField(_l("Public holidays reduce the norm"),
                                        description=_l("TLS § 53; Supreme Court 3-2-1-69-17 allows otherwise."))


class GenerateForm(FlaskForm):
    time_limit = IntegerField(_l("Time limit (s)"), validators=[DataRequired(), NumberRange(2, 600)])
    state = HiddenField()


class CellForm(FlaskForm):
    person = HiddenField(validators=[DataRequired()])
    day = HiddenField(validators=[DataRequired()])
    shift = SelectField(_l("Shift"), choices=opts([]))
    pinned = BooleanField(_l("Pin (keep when re-solving)"))
    state = HiddenField()


class AssignForm(FlaskForm):
    """The one-click assignment of a candidate list: who, which day, which shift, from whom
    (``release``: a handover), the month's state token and where to go back to."""

    person = HiddenField(validators=[DataRequired()])
    day = HiddenField(validators=[DataRequired()])
    shift = HiddenField(validators=[DataRequired()])
    release = HiddenField()
    state = HiddenField()
    next = HiddenField()


class StateForm(FlaskForm):
    """Publish / re-solve: the month's state token when the page was opened."""

    state = HiddenField()
    time_limit = IntegerField(_l("Time limit (s)"), validators=[Optional(), NumberRange(2, 600)])


class SickForm(FlaskForm):
    person = SelectField(_l("Person"), coerce=int, choices=opts([]))
    first_day = EtDateField(_l("Sick from"), validators=[InputRequired()])
    last_day = EtDateField(_l("Sick until"), validators=[InputRequired()])
    time_limit = IntegerField(_l("Time limit (s)"), validators=[DataRequired(), NumberRange(2, 600)])

    def validate_last_day(self, field: Field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day is before the first."))


class WishForm(FlaskForm):
    day = EtDateField(_l("Date"), validators=[InputRequired()])
    kind = SelectField(_l("Wish"), choices=opts([(WishKind.DAY_OFF.value, _l("day off")),
                                            (WishKind.SHIFT_WANTED.value, _l("I want this shift")),
                                            (WishKind.SHIFT_NOT_WANTED.value, _l("not this shift"))]))
    shift = SelectField(_l("Shift"), choices=opts([]))
    weight = IntegerField(_l("How much it matters (1–10)"), validators=[DataRequired(), NumberRange(1, 10)],
                          default=3)

    def validate_shift(self, field: Field) -> None:
        if self.kind.data != WishKind.DAY_OFF.value and not field.data:
            raise ValidationError(_l("Name the shift."))


class UnavailableForm(FlaskForm):
    first_day = EtDateField(_l("From"), validators=[InputRequired()])
    last_day = EtDateField(_l("To"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Length(max=300)])

    def validate_last_day(self, field: Field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day is before the first."))
