"""The checker's reasons and the solver's explanations in the viewer's language.

The checker (``scheduler.checker``), the solver's explanations (``scheduler.solver.explain``)
and the law's checks of the work-rule settings (``scheduler.settings``: ``law_message``,
``cross_messages``, the sources of ``LAW_BOUNDS``)
build each sentence as a :class:`~scheduler.checker.messages.Message`: an English template
and typed parameters. Here the template is looked up in the message catalogue (message
context :data:`CONTEXT`, texts in ``webui/i18n_et_rules.py``) and the parameters are formatted
for the language: dates dd.mm.yyyy, times HH:MM (as everywhere in the app, in both
languages), hours with the language's decimal sign (9,5 in Estonian).

Explanations of a background solve are stored in the database before anyone reads them:
:func:`stored` and :func:`job_message` keep them as JSON (the message and its English text),
:func:`shown` renders them when they are displayed, in the language of whoever looks.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Sequence

from babel.numbers import format_decimal
from flask_babel import get_locale, pgettext

from scheduler.checker import Violation
from scheduler.checker.messages import Formats, Message, fill

#: The message context of every checker and solver template in the catalogue (keeps them
#: apart from the interface's own messages: "shift" the word is not "Shift" the label).
CONTEXT = "rule"


def language() -> str:
    """The viewer's language ("en" outside a request)."""
    locale = get_locale()
    return str(locale) if locale is not None else "en"


def render(message: Message) -> str:
    """``message`` in the viewer's language."""
    return fill(message, _formats(language()), _translate(message.template))


def text(item: Violation | Message | str) -> str:
    """A violation's reason, a message or a solver explanation in the viewer's language; text
    without a message (a stored plain sentence) as it is."""
    if isinstance(item, Violation):
        return render(item.message) if item.message is not None else item.reason
    if isinstance(item, Message):
        return render(item)
    carried = getattr(item, "message", None)  # scheduler.solver.explain.Explained
    if isinstance(carried, Message):
        return render(carried)
    return shown(item)


def phrase(template: str) -> str:
    """A marked text without parameters in the viewer's language: a legal source of
    ``scheduler.settings.LAW_BOUNDS`` (``TLS § 51: at least 11 h rest in every 24 h``)."""
    return _translate(template)


def source(v: Violation) -> str:
    """The legal source of a violation in the viewer's language (``TLS § 51`` stays)."""
    return _translate(v.source)


def with_source(v: Violation) -> str:
    """The reason followed by its legal source in brackets, unless the reason already ends
    with it (most of the checker's sentences cite their paragraph themselves)."""
    reason, cited = text(v), source(v)
    if not cited or f"({cited})" in reason:
        return reason
    return f"{reason} ({cited})"


def localized(v: Violation) -> Violation:
    """A copy of ``v`` whose ``reason`` and ``source`` read in the viewer's language, for
    templates that show those fields."""
    return replace(v, reason=text(v), source=source(v))


def _translate(template: str) -> str:
    return pgettext(CONTEXT, template)


def _formats(lang: str) -> Formats:
    """Dates dd.mm.yyyy and times HH:MM in both languages (as everywhere in the app); hours
    and numbers with the language's decimal sign (9,5 in Estonian)."""
    return Formats(
        message=render,
        hours=lambda value: format_decimal(round(float(value), 2), "0.##", locale=lang),
        number=lambda value: format_decimal(value, "0.######", locale=lang),
        instant=lambda value: f"{value:%d.%m.%Y %H:%M}",
        day=lambda value: f"{value:%d.%m.%Y}",
    )


# --- stored explanations --------------------------------------------------------------------

def _message_of(item: str | Message) -> Message | None:
    if isinstance(item, Message):
        return item
    carried = getattr(item, "message", None)
    return carried if isinstance(carried, Message) else None


def stored(item: str | Message) -> str:
    """How an explanation is kept in the database: JSON with its message and English text
    when it carries a message, else the text itself."""
    message = _message_of(item)
    if message is None:
        return str(item)
    return json.dumps({"message": message.to_data(), "text": message.text}, ensure_ascii=False)


def job_message(items: Sequence[str | Message]) -> str:
    """Several explanations as one stored job message (shown joined by "; ")."""
    messages = [_message_of(item) for item in items]
    if not any(messages):
        return "; ".join(str(item) for item in items)
    parts = [m.to_data() if m is not None else {"text": str(item)}
             for m, item in zip(messages, items)]
    english = "; ".join(m.text if m is not None else str(item) for m, item in zip(messages, items))
    return json.dumps({"messages": parts, "text": english}, ensure_ascii=False)


def shown(value: str | None) -> str:
    """A stored explanation or job message (:func:`stored`, :func:`job_message`, or plain
    text from before messages were stored) in the viewer's language."""
    if not value:
        return ""
    data = _json(value)
    if data is None:
        return value
    if "message" in data:
        return render(Message.from_data(data["message"]))
    if "messages" in data:
        return "; ".join(render(Message.from_data(part)) if "template" in part
                         else str(part.get("text", "")) for part in data["messages"])
    return str(data.get("text", value))


def _json(value: str) -> dict[str, Any] | None:
    """The stored JSON object, or None for plain text."""
    if not value.startswith("{"):
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return data if isinstance(data, dict) and ("message" in data or "messages" in data) else None
