"""Messages: an English template with ``%(name)s`` placeholders and its typed parameters.

The checker's reasons and the solver's explanations are built as :class:`Message` values, so
that a user interface can translate the template and format the parameters for its
language (the web app: ``webui.reasons``); :func:`plain` gives the English text the
terminal prints. Nothing here knows a language other than English, nor any web framework.

Templates are marked for extraction into the message catalogue with the no-op :func:`N_`
(``webui.i18n`` collects every ``N_("…")`` of ``scheduler/checker/`` and
``scheduler/solver/explain.py``). A template is always a literal string written where the
message is made, never an f-string.

Parameter values are typed, and each type has one English form:

============== ======================================= =====================
type           meaning                                 English form
============== ======================================= =====================
``str``        a name, a code, a source                as it is
``int``        a count                                 ``3``
``float``      a setting or a number of hours          ``13``, ``10.5`` (``:g``)
:class:`Hours` counted or elapsed hours                ``9.0``, ``10.98``
``date``       a day                                   ``2027-03-05``
``datetime``   an instant (Europe/Tallinn)             ``2027-03-05 08:00``
:class:`DayTime` an instant without its year           ``05.03 08:00``
``time``       a time of day                           ``17:00``
:class:`Message` a clause or a word, translated too    (its own text)
:class:`Listing` several values                        joined by ``sep``
============== ======================================= =====================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Callable, Union

from scheduler.domain import TALLINN


def N_(template: str) -> str:
    """Mark ``template`` for the message catalogue; returns it unchanged."""
    return template


class Hours(float):
    """A number of hours shown with at most two decimals: ``9.0``, ``10.98``, ``13.5``."""

    __slots__ = ()


class DayTime(datetime):
    """An instant shown by day, month and time, without the year: ``14.03 08:00``."""

    __slots__ = ()

    @classmethod
    def of(cls, instant: datetime) -> DayTime:
        return cls.combine(instant.date(), instant.timetz())


@dataclass(frozen=True)
class Listing:
    """Several values shown one after another, ``sep`` between them."""

    items: tuple[Param, ...]
    sep: str = ", "


Param = Union[str, int, float, date, datetime, time, "Message", Listing]


@dataclass(frozen=True)
class Message:
    """An English ``template`` (``%(name)s`` placeholders) and its parameters, in order."""

    template: str
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        """The parameter ``key`` (``default`` when the message has none)."""
        return next((value for k, value in self.params if k == key), default)

    @property
    def text(self) -> str:
        """The English text."""
        return plain(self)

    def __str__(self) -> str:
        return plain(self)

    def to_data(self) -> dict[str, Any]:
        """A JSON-ready form (stored by the web app, rendered later in the reader's language)."""
        return {"template": self.template, "params": [[k, *_encode(v)] for k, v in self.params]}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Message:
        """The message :meth:`to_data` stored."""
        return cls(str(data["template"]), tuple((str(k), _decode(kind, value))
                                                for k, kind, value in data.get("params", [])))


def msg(template: str, /, **params: Param) -> Message:
    """A :class:`Message`: ``msg(N_("%(name)s: …"), name="Mari Tamm")``."""
    return Message(template, tuple(params.items()))


def words(template: str) -> Message:
    """A word or clause without parameters (``N_("nobody")``), translated like a template."""
    return Message(template)


# --- English text ---------------------------------------------------------------------------

def hours_text(hours: float) -> str:
    """``9.0``, ``10.98``, ``13.5``: hours to two decimals without trailing zeros."""
    text = f"{hours:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@dataclass(frozen=True)
class Formats:
    """How one language writes the parameter types that differ between languages; the
    rest (ints, ``DayTime``, times, strings) reads the same everywhere."""

    message: Callable[[Message], str]
    hours: Callable[[Hours], str]
    number: Callable[[float], str]
    instant: Callable[[datetime], str]
    day: Callable[[date], str]


def fill(message: Message, formats: Formats, template: str | None = None) -> str:
    """``template`` (default: the message's own) with the parameters written by ``formats``."""
    return (template or message.template) % {k: format_value(v, formats) for k, v in message.params}


def format_value(value: Param, formats: Formats) -> Any:
    """One parameter written by ``formats`` (ints stay ints for ``%(n)d``)."""
    if isinstance(value, Message):
        return formats.message(value)
    if isinstance(value, Listing):
        return value.sep.join(str(format_value(item, formats)) for item in value.items)
    if isinstance(value, Hours):
        return formats.hours(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return formats.number(value)
    if isinstance(value, DayTime):
        return f"{value:%d.%m %H:%M}"
    if isinstance(value, datetime):
        return formats.instant(value.astimezone(TALLINN))
    if isinstance(value, date):
        return formats.day(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def plain(message: Message) -> str:
    """The English text of ``message``."""
    return fill(message, ENGLISH)


#: The terminal's English: ``9.0`` h, ``13``, ``2027-03-05 08:00``, ``2027-03-05``.
ENGLISH = Formats(
    message=plain,
    hours=hours_text,
    number=lambda value: f"{value:g}",
    instant=lambda value: f"{value:%Y-%m-%d %H:%M}",
    day=date.isoformat,
)


def plain_value(value: Param) -> Any:
    """The English form of one parameter (ints stay ints for ``%(n)d``)."""
    return format_value(value, ENGLISH)


# --- stored form ----------------------------------------------------------------------------

def _encode(value: Param) -> tuple[str, Any]:
    """(kind, JSON value) of one parameter."""
    if isinstance(value, Message):
        return "message", value.to_data()
    if isinstance(value, Listing):
        return "listing", {"sep": value.sep, "items": [list(_encode(i)) for i in value.items]}
    if isinstance(value, Hours):
        return "hours", float(value)
    if isinstance(value, bool):
        return "str", str(value)
    if isinstance(value, int):
        return "int", value
    if isinstance(value, float):
        return "float", value
    if isinstance(value, DayTime):
        return "daytime", value.isoformat()
    if isinstance(value, datetime):
        return "datetime", value.isoformat()
    if isinstance(value, date):
        return "date", value.isoformat()
    if isinstance(value, time):
        return "time", value.isoformat()
    return "str", str(value)


def _decode(kind: str, value: Any) -> Param:
    if kind == "message":
        return Message.from_data(value)
    if kind == "listing":
        return Listing(tuple(_decode(k, v) for k, v in value["items"]), value["sep"])
    if kind == "hours":
        return Hours(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "daytime":
        return DayTime.of(datetime.fromisoformat(value))
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "time":
        return time.fromisoformat(value)
    return str(value)
