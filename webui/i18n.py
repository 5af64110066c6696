"""The message catalogues: ``python -m webui.i18n`` rebuilds them.

1. extract every message of the templates and the Python code into
   ``webui/translations/messages.pot`` (the same as
   ``pybabel extract -F babel.cfg -k _l -o webui/translations/messages.pot .``);
   together with the checker's and the solver explanations' message templates and the law's
   texts about the work-rule settings, marked ``N_("…")`` in ``scheduler/checker/*.py``,
   ``scheduler/solver/explain.py`` and ``scheduler/settings.py``, which go in under the
   message context ``rule`` (``webui.reasons`` renders them);
2. update the Estonian and English catalogues from it (``pybabel update``), filling the
   Estonian texts from :mod:`webui.i18n_et` and, for the rule messages,
   :mod:`webui.i18n_et_rules` (English is the source language: its catalogue stays empty
   and falls back to the message ids);
3. compile both to ``messages.mo`` (``pybabel compile``), which are committed.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from webui.i18n_et import ET
from webui.i18n_et_rules import ET_RULES
from webui.reasons import CONTEXT as RULE_CONTEXT

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
METHODS = [("webui/**.py", "python"), ("webui/templates/**.html", "jinja2")]
#: Where the checker's, the solver's and the settings' message templates are, and their no-op
#: marker.
RULE_FILES = ("scheduler/checker/*.py", "scheduler/solver/explain.py", "scheduler/settings.py")
RULE_KEYWORDS = {"N_": None}


def extract() -> Catalog:
    """Every message of the interface (what babel.cfg describes)."""
    catalog = Catalog(project="rota", copyright_holder="rota contributors", charset="utf-8")
    options = {"webui/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS, options_map=options):
        if filename.startswith(("webui/i18n", "webui/migrations")):
            continue
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def rule_files() -> list[Path]:
    """The files whose ``N_("…")`` templates go into the catalogue under the rule context."""
    return sorted(path for pattern in RULE_FILES for path in ROOT.glob(pattern))


def extract_rules() -> Catalog:
    """The templates of the checker's reasons, the solver's explanations and the settings'
    law texts (``N_("…")``), in the message context :data:`RULE_CONTEXT`."""
    catalog = Catalog(project="rota", copyright_holder="rota contributors", charset="utf-8")
    for path in rule_files():
        for lineno, message, comments, _context in extract_from_file(
                "python", str(path), keywords=RULE_KEYWORDS):
            location = (path.relative_to(ROOT).as_posix(), lineno)
            catalog.add(message, None, [location], auto_comments=comments, context=RULE_CONTEXT)
    return catalog


def estonian(key: str, context: str | None) -> str | tuple[str, str] | None:
    """The Estonian text of a message (rule messages from :mod:`webui.i18n_et_rules`)."""
    return ET_RULES.get(key) if context == RULE_CONTEXT else ET.get(key)


#: The checker's and solver's texts speak of "the team file" (the command line's input); the
#: web app's English says what its pages call it, as its Estonian does ("meeskonna andmed").
ENGLISH_SOURCES = {
    "team file": "the team data",
    "team file absences": "the team's absences",
    "team file coverage needs": "the team's coverage needs",
    "TLS § 50; team file may_work_nights": "TLS § 50; the person's 'May work nights'",
    "the employment contract's first and last day (TLS § 5 (1)); team file employed_from / employed_until":
        "the employment contract's first and last day (TLS § 5 (1)); the person's 'Employed from' / 'Employed until'",
}


def english(key: str, context: str | None) -> str | None:
    """The web app's English for a rule text that names the team file; None to keep it."""
    if context != RULE_CONTEXT or "team file" not in key:
        return None
    return ENGLISH_SOURCES.get(key) or key.replace("the team file", "the team data").replace("team file", "team data")


def build() -> list[str]:
    """Rebuild the catalogues; returns the messages that have no Estonian text."""
    template = extract()
    for message in extract_rules():
        if message.id:
            template.add(message.id, None, [], auto_comments=message.auto_comments,
                         context=message.context)
    TRANSLATIONS.mkdir(exist_ok=True)
    with open(TRANSLATIONS / "messages.pot", "wb") as fh:
        write_po(fh, template, sort_output=True, omit_header=False, no_location=True)
    missing: list[str] = []
    for locale in ("et", "en"):
        catalog = Catalog(locale=locale, project="rota", copyright_holder="rota contributors",
                          charset="utf-8", fuzzy=False, last_translator="rota contributors",
                          language_team=f"{locale} <rota contributors>")
        catalog.update(copy.deepcopy(template))
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if locale == "et":
                text = estonian(key, message.context)
                if text is None:
                    missing.append(key)
                    continue
                message.string = tuple(text) if isinstance(message.id, tuple) else text
            elif not isinstance(message.id, tuple) and (text := english(key, message.context)) is not None:
                message.string = text
            message.flags.discard("fuzzy")
        folder = TRANSLATIONS / locale / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "messages.po", "wb") as fh:
            write_po(fh, catalog, sort_output=True, no_location=True, omit_header=False)
        with open(folder / "messages.po", "rb") as fh:
            compiled = read_po(fh, locale=locale)
        with open(folder / "messages.mo", "wb") as fh:
            write_mo(fh, compiled)
    return missing


if __name__ == "__main__":
    missing = build()
    for key in missing:
        print(f"no Estonian text: {key!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)
