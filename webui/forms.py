"""Flask-WTF forms: every one validates on the server and reports next to the field.

Dates are typed the Estonian way, ``dd.mm.yyyy`` (ISO ``yyyy-mm-dd`` is accepted too);
times ``HH:MM`` (``24:00`` is midnight at the end of the day).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, Iterable

from flask import current_app
from flask_babel import format_decimal, get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional, Regexp,
                                StopValidation, ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from scheduler.domain import AbsenceKind, DayType, EventKind, Role, ShiftType, WishKind, starts_like_formula
from scheduler.settings import (CHOICES, LAW_BOUNDS, MAX_TOLERANCE_HOURS, MAX_WEIGHT, PERSON_OVERRIDABLE, RuleSettings,
                                SoftWeights, setting_names)
from scheduler.settings import weight_problem as settings_weight_problem
from scheduler.teamfile import is_language_code, missing_in_spring, start_clock
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
KEY_PATTERN = r"^[a-z0-9][a-z0-9_\-.]{0,63}$"


def parse_day(text: str) -> date:
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


def looks_like_a_date(text: str) -> bool:
    """Whether ``text`` is written as a date (``29.02.2027``, ``2027-02-29``) whether or not
    the calendar has that day."""
    return re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2}", text.strip()) is not None


def parse_clock(text: str) -> time:
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match:
        raise ValueError(text)
    hh, mm = int(match.group(1)), int(match.group(2))
    if (hh, mm) == (24, 0):
        return time(0)
    return time(hh, mm)


#: The years a date field accepts: the months the planner opens (``webui.helpers.YEARS``).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class EtDateField(Field):
    """A date typed as dd.mm.yyyy, in the years :data:`FIRST_YEAR`–:data:`LAST_YEAR` (a
    date such as 31.12.9999 would be refused by every page that shows the month)."""

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
            day = parse_day(valuelist[0])
        except ValueError:
            self.data = None
            if looks_like_a_date(valuelist[0]):
                raise ValueError(str(_l("There is no such date: %(day)s.", day=valuelist[0].strip()))) from None
            raise ValueError(str(_l("Expected a date as dd.mm.yyyy."))) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.data = None
            raise ValueError(str(_l("Expected a date from %(first)s to %(last)s.", first=f"01.01.{FIRST_YEAR}",
                                    last=f"31.12.{LAST_YEAR}")))
        self.data = day


class ClockField(Field):
    """A local time typed as HH:MM. A ``start`` is 00:00–23:59: 24:00 is an end only, as in a
    team file (:func:`scheduler.teamfile.start_clock`)."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, start: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"placeholder": "HH:MM"})
        super().__init__(label, validators, **kwargs)
        self.start = start
        #: The time was typed as 24:00 (midnight at the end of the day; ``data`` is 00:00).
        self.end_of_day = False

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        if self.end_of_day and self.data == time(0):
            return "24:00"
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
        self.end_of_day = valuelist[0].strip() == "24:00"
        if self.start:
            try:
                start_clock(valuelist[0])
            except ValueError:
                self.data = None
                raise ValueError(str(_l("A start is from 00:00 to 23:59 (24:00 is an end only)."))) from None


class NumberField(Field):
    """A number typed with a decimal point or comma (``11,5``). With ``whole`` a whole
    value is an ``int``; anything else stays a ``float`` for the law's check to judge."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, whole: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})
        super().__init__(label, validators, **kwargs)
        self.whole = whole

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return f"{self.data:g}" if isinstance(self.data, (int, float)) else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None
            return
        try:
            value = float(text.replace(",", ".").replace("\u2212", "-"))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.data = None
            raise ValueError(str(_l("Expected a number.")))
        self.data = int(value) if self.whole and value.is_integer() else value

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation()  # "expected a number" is the one reason: no range on top


class WholeNumberField(IntegerField):
    """A whole number: "1.5" says only that it is not a whole number (WTForms' own message),
    without a range message on top. Use it with ``InputRequired``, not ``DataRequired``, so
    that 0 is judged by the range and not called missing; an empty input is left to
    ``InputRequired`` ("required") or ``Optional``."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata(valuelist)

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation()


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


def language_code(word: str) -> str:
    """A language code typed in upper or mixed case (``ET``, ``Ru``) in lower case, when
    that is a code by the team file's rule (:func:`scheduler.teamfile.is_language_code`);
    any other word as typed, for the validators to refuse."""
    lower = word.lower()
    return lower if is_language_code(lower) else word


def lower_language_codes(text: Any) -> Any:
    """A field's filter: every language code in typed ``text`` (``"ET, Ru"``, ``"RU=1"``)
    in lower case (:func:`language_code`), before the field is validated and saved. Anything
    else (a row's stored list, filled in by the view) is left as it is."""
    if not isinstance(text, str):
        return text
    return re.sub(r"[^\s,;=]+", lambda match: language_code(match.group()), text)


def not_a_formula(form: AppForm, field: Field) -> None:
    """A name the exports show as it is: a spreadsheet would run one starting with =, +, -
    or @ as a formula (``=HYPERLINK(…)`` in the payroll)."""
    if starts_like_formula((field.data or "").strip()):
        raise ValidationError(_l("May not start with =, +, - or @ (a spreadsheet would read it as a formula)."))


def language_list(form: AppForm, field: Field) -> None:
    for w in words(field.data):
        if not is_language_code(w):
            raise ValidationError(_l("Use two-letter language codes such as et, ru, en."))


class FormTranslations:
    """WTForms' built-in messages ("Not a valid choice.") in the viewer's language: this
    app's catalogue first, for the messages WTForms' own Estonian catalogue lacks or keeps
    only as a fuzzy draft (:func:`wtforms_messages`), then WTForms' catalogue as Flask-WTF
    loads it."""

    def gettext(self, string: str) -> str:
        own = get_translations().gettext(string) if string else string
        return own if own != string else wtforms_translations.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        own = get_translations().ngettext(singular, plural, n)
        return own if own not in (singular, plural) else wtforms_translations.ngettext(singular, plural, n)


def wtforms_messages() -> list[str]:
    """WTForms' messages whose texts come from this app's catalogue (``webui/i18n_et.py``), in
    the viewer's language: written out here so that the extraction finds them."""
    catalogue = get_translations()
    return [catalogue.gettext("Not a valid choice."),
            catalogue.ngettext("'%(value)s' is not a valid choice for this field.",
                               "'%(value)s' are not valid choices for this field.", 1)]


class AppForm(FlaskForm):
    """Every form of the app: WTForms' own messages in the viewer's language
    (:class:`FormTranslations`)."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)  # Flask-WTF's Meta: WTForms' English
            return FormTranslations()


def role_choices() -> list[Any]:
    return opts([(ROLE_COUNSELLOR, _l("Counsellor")), (ROLE_LEAD, _l("Team lead"))])


class VersionedForm(AppForm):
    """A form that edits a stored row: ``version`` is the row's version when the form was
    opened; a save with an older version is refused."""

    version = HiddenField()


class LoginForm(AppForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class PasswordForm(AppForm):
    """A member changes their own password: the current one, and the new one twice."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8, max=200)],
                        render_kw={"autocomplete": "new-password"}, description=_l("At least 8 characters."))
    again = PasswordField(_l("New password again"), validators=[DataRequired(), Length(max=200)],
                          render_kw={"autocomplete": "new-password"})

    def validate_again(self, field: Field) -> None:
        if self.new.data and field.data != self.new.data:
            raise ValidationError(_l("The two new passwords differ."))


class LanguageForm(AppForm):
    lang = SelectField(_l("Language"), choices=opts([("et", "eesti"), ("en", "English")]))
    next = HiddenField()


class ActionForm(AppForm):
    """A button that changes state: CSRF token only (plus the version it acts on)."""

    version = HiddenField()


class PersonForm(VersionedForm):
    key = StringField(_l("Person id"), validators=[DataRequired(), Regexp(KEY_PATTERN, message=_l(
        "Lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."))])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), not_a_formula])
    role = SelectField(_l("Role"), choices=role_choices)
    fte = NumberField(_l("Load (FTE)"), validators=[InputRequired(), NumberRange(0.1, 1.0, message=_l(
        "Between 0.1 and 1.0."))], description=_l("e.g. 1 or 0,5"))
    fte_from = EtDateField(_l("Load applies from"), validators=[Optional()],
                           description=_l("The day a changed load applies from (the days before it keep the load "
                                          "before); empty: the load above applies throughout."))
    fte_before = NumberField(_l("Load before that day"), validators=[Optional(), NumberRange(0.1, 1.0, message=_l(
        "Between 0.1 and 1.0."))], description=_l("Left empty when the load above was just changed: the "
                                                   "load it had."))
    languages = StringField(_l("Languages"), validators=[DataRequired(), language_list],
                            filters=[lower_language_codes], description=_l("Comma-separated, e.g. et, ru, en"))
    services = MultiCheckboxField(_l("Services"), choices=opts([]))
    may_work_nights = BooleanField(_l("May work nights"), default=True)
    employed_from = EtDateField(_l("Employed from"), validators=[Optional()],
                                description=_l("The first day of the employment contract; empty if it began before "
                                               "any month planned here."))
    employed_until = EtDateField(_l("Employed until"), validators=[Optional()],
                                 description=_l("The last day of a fixed-term or ended contract; empty if open."))
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=200), Regexp(
        r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Not an e-mail address."))])
    username = StringField(_l("Username"), validators=[Optional(), Regexp(KEY_PATTERN, message=_l(
        "Lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."))])
    password = PasswordField(_l("New password"), validators=[Optional(), Length(min=8, max=200)],
                             description=_l("Leave empty to keep the current password."))


    def validate_employed_until(self, field: Field) -> None:
        if self.employed_from.data and field.data and field.data < self.employed_from.data:
            raise ValidationError(_l("The last day is before the first."))


class ServiceForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Whose work"), choices=role_choices)
    channels = StringField(_l("Channels"), validators=[Length(max=200)],
                           description=_l("Comma-separated, e.g. phone, chat"))
    languages = StringField(_l("Languages"), validators=[language_list], filters=[lower_language_codes])
    colour = StringField(_l("Colour"), validators=[DataRequired(), Regexp(r"^#[0-9a-fA-F]{6}$", message=_l(
        "A colour such as #c0392b."))], render_kw={"type": "color"})


def _exists_every_day(at: time | None) -> None:
    """A shift's start or end must be a time every day has (not 03:00–03:59, which the night
    the clocks go forward skips: ``scheduler.teamfile.missing_in_spring``)."""
    if missing_in_spring(at):
        raise ValidationError(_l("%(time)s does not exist on the last Sunday of March (the clocks go forward from "
                                 "03:00 to 04:00): choose a time before 03:00 or from 04:00.",
                                 time=at.strftime("%H:%M")))


class ShiftTypeForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    service = SelectField(_l("Service"), coerce=int, choices=opts([]))
    start = ClockField(_l("Start"), validators=[InputRequired()], start=True)
    end = ClockField(_l("End"), validators=[InputRequired()],
                     description=_l("An end at or before the start crosses midnight."))
    channel = StringField(_l("Channel"), validators=[Length(max=64)])
    weekdays = MultiCheckboxField(_l("Weekdays"), coerce=int, choices=opts([
        (0, _l("Mon")), (1, _l("Tue")), (2, _l("Wed")), (3, _l("Thu")), (4, _l("Fri")),
        (5, _l("Sat")), (6, _l("Sun"))]), default=[0, 1, 2, 3, 4, 5, 6],
        description=_l("None: the shift type is retired — kept for the rotas that have it, no longer planned or "
                       "offered."))

    #: Whether someone works under the long-shift switch (TLS § 51): then end = start is a
    #: 24 h shift. Set by the view from the stored work rules.
    long_shifts = False
    #: The longest duty anyone in the team may work (:func:`scheduler.settings.longest_duty_hours`,
    #: TLS § 51). Set by the view from the stored work rules.
    longest_duty = 24.0

    def validate_start(self, field: Field) -> None:
        _exists_every_day(field.data)

    def validate_end(self, field: Field) -> None:
        _exists_every_day(field.data)
        if self.start.data is None or field.data is None:
            return
        if field.data == self.start.data and not self.long_shifts:
            raise ValidationError(_l("A shift cannot end when it starts (a 24 h shift needs "
                                     "long shifts allowed in the work rules)."))
        hours = shift_hours(self.start.data, field.data)
        if hours > self.longest_duty:
            raise ValidationError(_l("The shift lasts %(hours)s h: longer than the longest duty the work rules "
                                     "allow (%(max)s h, TLS § 51).", hours=format_decimal(hours, "0.##"),
                                     max=format_decimal(self.longest_duty, "0.##")))

    #: Whether the form edits a stored shift type (a new one cannot start retired).
    stored = False

    def validate_weekdays(self, field: Field) -> None:
        if not field.data and not self.stored:
            raise ValidationError(_l("Choose at least one weekday."))


def shift_hours(start: time, end: time) -> float:
    """A shift's length on a day without a clock change; an end at or before the start is
    on the next day (end = start: 24 h)."""
    return ShiftType("", "", "", start, end).elapsed_hours(_PLAIN_DAY)


#: A day without a clock change in Tallinn, for a shift type's ordinary length.
_PLAIN_DAY = date(2027, 1, 4)


DAY_TYPES = opts([(DayType.ALL.value, _l("every day")), (DayType.WEEKDAY.value, _l("Mon–Fri")),
             (DayType.WEEKEND.value, _l("Sat–Sun")), (DayType.HOLIDAY.value, _l("public holidays")),
             (DayType.DATE.value, _l("one date"))])


def parse_language_minima(text: str | None) -> dict[str, int]:
    """``"ru=1, en=1"`` → ``{"ru": 1, "en": 1}``; ValueError on anything else."""
    out: dict[str, int] = {}
    for part in words(text):
        match = re.fullmatch(r"([a-z]{2})=(\d{1,2})", part)
        if not match or not is_language_code(match.group(1)):
            raise ValueError(part)
        out[match.group(1)] = int(match.group(2))
    return out


class NeedForm(VersionedForm):
    service = SelectField(_l("Service"), coerce=int, choices=opts([]))
    shift = SelectField(_l("Shift"), coerce=int, choices=opts([]),
                        description=_l("Or leave on \u201cwindow\u201d and give the hours."))
    window_start = ClockField(_l("Window from"), start=True)
    window_end = ClockField(_l("Window to"))
    day_type = SelectField(_l("Days"), choices=DAY_TYPES)
    on_date = EtDateField(_l("Date"))
    minimum = WholeNumberField(_l("Minimum"), validators=[InputRequired(), NumberRange(0, 50)], default=1)
    desired = WholeNumberField(_l("Desired"), validators=[Optional(), NumberRange(0, 50)], default=1)
    languages = StringField(_l("Language minima"), filters=[lower_language_codes],
                            description=_l("e.g. ru=1, en=1"))

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
            whole_day = self.window_start.data == time(0) and field.end_of_day  # 00:00–24:00
            if self.window_start.data == field.data and not whole_day:
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


class AbsenceForm(AppForm):
    person = SelectField(_l("Person"), coerce=int, choices=opts([]))
    kind = SelectField(_l("Kind"), choices=opts([(AbsenceKind.VACATION.value, _l("vacation")),
                                            (AbsenceKind.SICK.value, _l("sick leave")),
                                            (AbsenceKind.TRAINING.value, _l("training away")),
                                            (AbsenceKind.OTHER.value, _l("other"))]))
    first_day = EtDateField(_l("From"), validators=[InputRequired()])
    last_day = EtDateField(_l("To"), validators=[InputRequired()])
    start_time = ClockField(_l("From time"), start=True,
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
        if (self.start_time.data is not None and field.data is not None and not field.end_of_day
                and self.first_day.data == self.last_day.data and field.data <= self.start_time.data):
            raise ValidationError(_l("The end is not after the start."))

    def span(self) -> tuple[date, date, time | None, time | None]:
        """The absence as stored: first day, last day, start and end time. An end typed as
        24:00 is midnight at the end of the last day, stored as 00:00 of the day after (as a
        team file writes it); 00:00 on the last day would end it a day early."""
        first, last = self.first_day.data, self.last_day.data
        start, end = self.start_time.data, self.end_time.data
        if end is not None and self.end_time.end_of_day:
            last = last + timedelta(days=1)
        return first, last, start, end


class AbsenceEditForm(AbsenceForm):
    """A stored absence changed (extending a sick leave): the add form's fields and checks,
    plus the row's ``version`` (a stale form is refused)."""

    version = HiddenField()


class EventForm(VersionedForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(CODE_PATTERN)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=opts([(EventKind.SUPERVISION.value, _l("supervision")),
                                            (EventKind.COVISION.value, _l("covision")),
                                            (EventKind.TRAINING.value, _l("training")),
                                            (EventKind.MEETING.value, _l("meeting"))]))
    day = EtDateField(_l("Date"), validators=[InputRequired()])
    start = ClockField(_l("Start"), validators=[InputRequired()], start=True)
    end = ClockField(_l("End"), validators=[InputRequired()])
    attendees = MultiCheckboxField(_l("Attendees"), coerce=int, choices=opts([]))

    def validate_end(self, field: Field) -> None:
        """An event has one day (``scheduler.domain.Event``, as in a team file): it ends after
        its start that day, at 24:00 (00:00) at the latest."""
        if self.start.data is None or field.data is None or field.data == time(0):
            return
        if field.data < self.start.data:
            raise ValidationError(_l("An event ends on its own day (at 24:00 at the latest): enter one that runs "
                                     "past midnight as two events."))
        if field.data == self.start.data:
            raise ValidationError(_l("The end is not after the start."))

    def validate_attendees(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one attendee."))


class TeamSettingsForm(VersionedForm):
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=200), not_a_formula])
    wish_deadline_day = WholeNumberField(_l("Wish deadline"), validators=[InputRequired(), NumberRange(1, 28)],
                                     description=_l("Wishes for a month close on this day of the month before."))
    solve_seconds = WholeNumberField(_l("Solver time limit (s)"), validators=[InputRequired(), NumberRange(5, 600)],
                                 description=_l("The time limit Generate month, re-solve and sick leave start with."))
    accounting_period_months = SelectField(_l("Accounting period (months)"), coerce=int,
                                           choices=opts([(1, "1"), (2, "2"), (3, "3"), (4, "4"), (12, "12")]),
                                           description=_l("TLS § 46: 1–4 months, 12 only by collective agreement."))
    weekly_rest_hours = SelectField(_l("Weekly rest (h)"), coerce=float, choices=opts([(36, "36"), (47, "47")]),
                                    description=_l("TLS § 52 (2): at least 36 h; 47 h as the Labour Inspectorate reads it."))
    break_counts_as_work = BooleanField(_l("Breaks count as working time"),
                                        description=_l("TLS § 47: e.g. counsellors eat on duty."))
    holidays_reduce_norm = BooleanField(_l("Public holidays reduce the norm"),
                                        description=_l("TLS § 53; Supreme Court 3-2-1-69-17 allows otherwise."))


# --- work rules, soft-goal weights, substitution rules -----------------------------------
#
# The rule forms are generated from the dataclasses of scheduler.settings: every field of
# RuleSettings a team file may set (setting_names()) and every field of SoftWeights gets an
# input of its type, so a new setting or weight appears without touching this module. The
# labels and help texts below (from README.md) are only the translatable words for them; a
# field without an entry is shown under its own name.

SETTING_LABELS: dict[str, Any] = {
    "accounting_period_months": _l("Accounting period (months)"),
    "accounting_period_start_month": _l("First month of the accounting period"),
    "max_average_weekly_hours": _l("Average weekly hours at most (h)"),
    "daily_rest_hours": _l("Daily rest (h)"),
    "max_duty_hours": _l("Longest duty (h)"),
    "long_shifts_allowed": _l("Long shifts allowed (up to 24 h)"),
    "weekly_rest_hours": _l("Weekly rest (h)"),
    "weekly_rest_window": _l("Weekly rest window"),
    "break_after_hours": _l("Break after (h)"),
    "break_minutes": _l("Break (min)"),
    "break_counts_as_work": _l("Breaks count as working time"),
    "night_start_hour": _l("Night starts (hour)"),
    "night_end_hour": _l("Night ends (hour)"),
    "night_worker_threshold_hours": _l("Night worker threshold (h)"),
    "night_worker_max_hours_7d": _l("Night worker's hours in 7 days at most"),
    "holidays_reduce_norm": _l("Public holidays reduce the norm"),
    "absence_norm_reduction": _l("Absences reduce the norm"),
    "split_duties_allowed": _l("Split duties allowed"),
    "protected_management_share": _l("Protected management share"),
    "max_consecutive_nights": _l("Nights in a row at most"),
    "max_consecutive_work_days": _l("Work days in a row at most"),
}

SETTING_HELP: dict[str, Any] = {
    "accounting_period_months": _l("TLS § 46: 1–4 months, 12 only by collective agreement."),
    "accounting_period_start_month": _l("Month the first period of the year starts (1 = January)."),
    "max_average_weekly_hours": _l("Average hours per 7 days over the accounting period, overtime included "
                                   "(52 with a separate agreement)."),
    "daily_rest_hours": _l("Rest in every 24 h."),
    "max_duty_hours": _l("From the first start to the last end (24 − daily rest)."),
    "long_shifts_allowed": _l("Health-care/welfare staff or a collective agreement; then extra rest = the "
                              "hours above 13."),
    "weekly_rest_hours": _l("Uninterrupted weekly rest (47 = the Labour Inspectorate's reading)."),
    "weekly_rest_window": _l("Calendar week Mon 00:00–Mon 00:00, or every 7 days (rolling, stricter)."),
    "break_after_hours": _l("A shift over this many hours has a break."),
    "break_minutes": _l("Length of the break."),
    "break_counts_as_work": _l("TLS § 47: e.g. counsellors eat on duty."),
    "night_start_hour": _l("Night time is 22–06."),
    "night_end_hour": _l("Night time is 22–06."),
    "night_worker_threshold_hours": _l("This many hours of a day's work at night make a night worker."),
    "night_worker_max_hours_7d": _l("A night worker's hours in any 7 days."),
    "holidays_reduce_norm": _l("TLS § 53; Supreme Court 3-2-1-69-17 allows otherwise."),
    "absence_norm_reduction": _l("By the daily hours of each Mon–Fri working day; by the hours the published rota "
                                 "had planned in a sick leave entered on it; or not."),
    "split_duties_allowed": _l("More than one duty start per day."),
    "protected_management_share": _l("Share of a team lead's norm kept for management; stand-in line work "
                                     "may use the rest."),
    "max_consecutive_nights": _l("Good-pattern limit (soft)."),
    "max_consecutive_work_days": _l("Good-pattern limit (soft)."),
}

WEIGHT_LABELS: dict[str, Any] = {
    "coverage_desired": _l("Desired head-count"),
    "norm_deviation": _l("Distance from the norm"),
    "norm_tolerance_hours": _l("Tolerance around the norm (h)"),
    "wish": _l("Unmet wish"),
    "fair_nights": _l("Fair share of nights"),
    "fair_weekends": _l("Fair share of weekends"),
    "fair_holidays": _l("Fair share of public holidays"),
    "isolated_day": _l("Single work days"),
    "backward_rotation": _l("Backward rotation"),
    "consecutive_nights": _l("Too many nights in a row"),
    "consecutive_days": _l("Too many work days in a row"),
    "split_weekend": _l("Split weekends"),
    "lead_line_duty": _l("Team lead on line duty"),
    "replan_change": _l("Changes when re-planning"),
}

WEIGHT_HELP: dict[str, Any] = {
    "coverage_desired": _l("Each person missing below the desired head-count."),
    "norm_deviation": _l("Per hour: planned hours near each person's goal (the norm corrected by the "
                         "carried balance); beyond ± 8 h each hour costs 5 × more."),
    "norm_tolerance_hours": _l("Hours within this distance of the goal cost nothing."),
    "wish": _l("Each unmet wish, times the wish's weight."),
    "fair_nights": _l("Each duty above a person's fair share (by load and availability)."),
    "fair_weekends": _l("Each duty above a person's fair share (by load and availability)."),
    "fair_holidays": _l("Each duty above a person's fair share (by load and availability)."),
    "isolated_day": _l("Each single work day between days off."),
    "backward_rotation": _l("Each night followed by a day or evening shift (forward rotation is day → "
                            "evening → night)."),
    "consecutive_nights": _l("Each night beyond the nights-in-a-row limit."),
    "consecutive_days": _l("Each work day beyond the work-days-in-a-row limit."),
    "split_weekend": _l("Each weekend with exactly one of Saturday and Sunday worked."),
    "lead_line_duty": _l("Per hour the team lead stands in on counsellor work: the cost of a last-resort "
                         "substitution rule without a cost of its own."),
    "replan_change": _l("Each future cell changed when re-planning after sick leave."),
}

CHOICE_LABELS: dict[str, Any] = {
    "calendar": _l("calendar week"),
    "rolling": _l("every 7 days (rolling)"),
    "daily_hours": _l("by the daily hours"),
    "scheduled_hours": _l("by the scheduled hours"),
    "none": _l("no reduction"),
}

ROLE_LABELS: dict[str, Any] = {ROLE_COUNSELLOR: _l("Counsellor"), ROLE_LEAD: _l("Team lead")}

#: Prefixes of the generated fields: weights on the rules page, overrides on the person form.
WEIGHT_PREFIX = "weight_"
OVERRIDE_PREFIX = "rule_"


@dataclass(frozen=True)
class RuleSpec:
    """One setting or weight as a form shows it; ``kind`` follows the dataclass field's
    type: ``bool``, ``int``, ``float``, ``choice`` (a setting with CHOICES) or ``text``."""

    name: str
    kind: str
    default: Any
    bounds: tuple[float, float, str] | None = None
    choices: tuple[str, ...] = ()
    weight: bool = False

    @property
    def label(self) -> Any:
        labels = WEIGHT_LABELS if self.weight else SETTING_LABELS
        return labels.get(self.name) or self.name.replace("_", " ").capitalize()

    @property
    def help(self) -> Any:
        return (WEIGHT_HELP if self.weight else SETTING_HELP).get(self.name, "")


def _kind(declared: Any, default: Any, name: str) -> str:
    """The input kind of a dataclass field (its annotation is a string under
    ``from __future__ import annotations``; the default decides when it is not plain)."""
    if name in CHOICES:
        return "choice"
    label = declared if isinstance(declared, str) else getattr(declared, "__name__", "")
    if label in ("bool", "int", "float"):
        return label
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "float"
    return "text"


def rule_specs(names: Iterable[str] | None = None) -> list[RuleSpec]:
    """The settings a team file may set (in the dataclass's order), or those of ``names``."""
    wanted = set(setting_names()) if names is None else set(names) & set(setting_names())
    default = RuleSettings()
    return [RuleSpec(f.name, _kind(f.type, getattr(default, f.name), f.name), getattr(default, f.name),
                     LAW_BOUNDS.get(f.name), tuple(CHOICES.get(f.name, ())))
            for f in fields(RuleSettings) if f.name in wanted]


def weight_specs() -> list[RuleSpec]:
    """Every soft-goal weight of :class:`SoftWeights`."""
    default = SoftWeights()
    return [RuleSpec(f.name, _kind(f.type, getattr(default, f.name), f.name), getattr(default, f.name),
                     weight=True)
            for f in fields(SoftWeights)]


def weight_problem(spec: RuleSpec, value: Any) -> Any:
    """Why ``value`` is no weight, or None: the team-file loader's rule
    (:func:`scheduler.settings.weight_problem`), said in the interface's language."""
    if settings_weight_problem(spec.name, value) is None:
        return None
    if spec.kind == "float":
        return _l("Expected a number of hours from 0 to %(max)s.", max=f"{MAX_TOLERANCE_HOURS:g}")
    return _l("Expected a whole number from 0 to %(max)s.", max=MAX_WEIGHT)


def choice_options(spec: RuleSpec) -> list[Any]:
    return opts((c, CHOICE_LABELS.get(c, c)) for c in spec.choices)


def _team_field(spec: RuleSpec) -> Any:
    """The input of a team rule or weight: required, of the field's kind."""
    label = spec.label
    if spec.kind == "bool":
        return BooleanField(label)
    if spec.kind == "choice":
        return SelectField(label, choices=choice_options(spec))
    if spec.kind == "text":
        return StringField(label, validators=[InputRequired()])
    return NumberField(label, validators=[InputRequired()], whole=spec.kind == "int")


def _override_field(spec: RuleSpec) -> Any:
    """The input of a per-person override: empty means the team's value (the empty
    option's text and the placeholder are set per request to that value)."""
    label = spec.label
    if spec.kind in ("bool", "choice"):
        return SelectField(label, choices=opts([]), default="")
    if spec.kind == "text":
        return StringField(label, validators=[Optional()])
    return NumberField(label, validators=[Optional()], whole=spec.kind == "int")


class RulesForm(VersionedForm):
    """The team's work rules and soft-goal weights (fields added by
    :func:`rules_form_class`; weights are named ``weight_<name>``)."""


@cache
def rules_form_class() -> type[RulesForm]:
    attrs = {spec.name: _team_field(spec) for spec in rule_specs()}
    attrs.update({WEIGHT_PREFIX + spec.name: _team_field(spec) for spec in weight_specs()})
    return type("TeamRulesForm", (RulesForm,), attrs)


def override_choices(spec: RuleSpec, team_text: str) -> list[Any]:
    """Options of an override select: first "team value: …" (empty), then the values."""
    first = [("", _l("team value: %(value)s", value=team_text))]
    if spec.kind == "bool":
        return opts(first + [("true", _l("yes")), ("false", _l("no"))])
    return opts(first + [(c, CHOICE_LABELS.get(c, c)) for c in spec.choices])


def override_value(spec: RuleSpec, field: Field) -> Any:
    """The override a person-form field holds, or None for "the team's value"."""
    data = field.data
    if data in (None, ""):
        return None
    if spec.kind == "bool":
        return {"true": True, "false": False}.get(data)
    return data


@cache
def person_form_class() -> type[PersonForm]:
    """:class:`PersonForm` with an optional ``rule_<name>`` input per setting a person may
    override (PERSON_OVERRIDABLE)."""
    attrs = {OVERRIDE_PREFIX + spec.name: _override_field(spec) for spec in rule_specs(PERSON_OVERRIDABLE)}
    return type("PersonRulesForm", (PersonForm,), attrs)


def domain_role_choices() -> list[Any]:
    """Every role of :class:`scheduler.domain.Role`."""
    return opts((r.value, ROLE_LABELS.get(r.value, r.value)) for r in Role)


class SubstitutionForm(VersionedForm):
    """Who may stand in for whom: a substitution rule (job description § 1.4–1.5)."""

    substitute = SelectField(_l("Substitute"), choices=domain_role_choices)
    for_role = SelectField(_l("For"), choices=domain_role_choices)
    cost = WholeNumberField(_l("Cost per hour"), validators=[InputRequired(), NumberRange(min=0, max=MAX_WEIGHT, message=_l(
        "Expected a whole number from 0 to %(max)s."))], default=0,
                        description=_l("Points per hour of such work; 0 = as good as the role's own people."))
    last_resort = BooleanField(_l("Last resort"),
                               description=_l("Used only when nobody else can; reported with the reason."))

    def validate_for_role(self, field: Field) -> None:
        if field.data and field.data == self.substitute.data:
            raise ValidationError(_l("A role cannot stand in for itself: its own work is always allowed."))


class GenerateForm(AppForm):
    time_limit = WholeNumberField(_l("Time limit (s)"), validators=[InputRequired(), NumberRange(2, 600)])
    state = HiddenField()


class CellForm(AppForm):
    person = HiddenField(validators=[DataRequired()])
    day = HiddenField(validators=[DataRequired()])
    shift = SelectField(_l("Shift"), choices=opts([]))
    pinned = BooleanField(_l("Pin (keep when re-solving)"))
    state = HiddenField()


class AssignForm(AppForm):
    """The one-click assignment of a candidate list: who, which day, which shift, from whom
    (``release``: a handover), the month's state token and where to go back to."""

    person = HiddenField(validators=[DataRequired()])
    day = HiddenField(validators=[DataRequired()])
    shift = HiddenField(validators=[DataRequired()])
    release = HiddenField()
    state = HiddenField()
    next = HiddenField()


class StateForm(AppForm):
    """Publish / re-solve: the month's state token when the page was opened."""

    state = HiddenField()
    time_limit = WholeNumberField(_l("Time limit (s)"), validators=[Optional(), NumberRange(2, 600)])


class SickForm(AppForm):
    person = SelectField(_l("Person"), coerce=int, choices=opts([]))
    first_day = EtDateField(_l("Sick from"), validators=[InputRequired()])
    last_day = EtDateField(_l("Sick until"), validators=[InputRequired()])
    time_limit = WholeNumberField(_l("Time limit (s)"), validators=[InputRequired(), NumberRange(2, 600)])

    def validate_last_day(self, field: Field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day is before the first."))


class WishForm(AppForm):
    day = EtDateField(_l("Date"), validators=[InputRequired()])
    kind = SelectField(_l("Wish"), choices=opts([(WishKind.DAY_OFF.value, _l("day off")),
                                            (WishKind.SHIFT_WANTED.value, _l("I want this shift")),
                                            (WishKind.SHIFT_NOT_WANTED.value, _l("not this shift"))]))
    shift = SelectField(_l("Shift"), choices=opts([]))
    weight = WholeNumberField(_l("How much it matters (1–10)"), validators=[InputRequired(), NumberRange(1, 10)],
                          default=3)

    def validate_shift(self, field: Field) -> None:
        if self.kind.data != WishKind.DAY_OFF.value and not field.data:
            raise ValidationError(_l("Name the shift."))


class LeadWishForm(WishForm):
    """The team lead enters a wish for someone (asked by phone, or a person without a login)."""

    person = SelectField(_l("Person"), coerce=int, choices=opts([]))


class UnavailableForm(AppForm):
    first_day = EtDateField(_l("From"), validators=[InputRequired()])
    last_day = EtDateField(_l("To"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Length(max=300)])

    def validate_last_day(self, field: Field) -> None:
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day is before the first."))


class SwapForm(AppForm):
    """A swap request from the offer page: my shift (``day``, ``shift``), the colleague, and
    in an exchange the colleague's shift I take (``partner_day``, ``partner_shift``);
    ``number``: the published version the page tried it on."""

    day = HiddenField(validators=[DataRequired()])
    shift = HiddenField(validators=[DataRequired()])
    partner = HiddenField(validators=[DataRequired()])
    partner_day = HiddenField()
    partner_shift = HiddenField()
    number = HiddenField()
    note = StringField(_l("Message (optional)"), validators=[Length(max=300)])


class ApproveSwapForm(AppForm):
    """The team lead approves a swap (``checked``: the published version the page tried it
    on) or, with ``close``, ends one the rota no longer allows."""

    version = HiddenField()
    checked = HiddenField()
    close = HiddenField()


class RefuseSwapForm(AppForm):
    """The team lead refuses a swap, with a reason both people see."""

    version = HiddenField()
    reason = StringField(_l("Reason (optional)"), validators=[Length(max=300)])
