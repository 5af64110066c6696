"""Authorization: the one helper every view goes through.

Every view function is decorated with :func:`require_role` or :func:`public`; the test
suite checks that no endpoint is left without one (``view.access``).
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar
from urllib.parse import urlsplit

from flask import abort, jsonify, redirect, request, url_for
from flask_login import current_user

from webui.models import ROLE_COUNSELLOR, ROLE_LEAD, ROLES

F = TypeVar("F", bound=Callable[..., Any])

#: Shorthand for "any logged-in member of the team".
ANY_MEMBER = ROLES


def require_role(*roles: str) -> Callable[[F], F]:
    """Allow the view only to logged-in users whose role is one of ``roles``.

    * Not logged in: a page redirects (302) to the login page with ``next`` set to the
      requested path; a JSON endpoint (path ending ``.json``) answers 401.
    * Logged in with another role: 403 Forbidden.
    * 404 Not Found is the view's own answer for an object that does not exist *or* that
      belongs to another person (a counsellor's wish or unavailability): a counsellor
      cannot tell someone else's row from a missing one. Views use
      :func:`own_or_404` for that.
    """
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {sorted(unknown)}; expected some of {ROLES}")

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.path.endswith(".json"):
                    return jsonify(error="login required"), 401
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = tuple(roles)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public(view: F) -> F:
    """Mark a view as open to everyone (login page, language switch)."""
    view.access = ("public",)  # type: ignore[attr-defined]
    return view


lead_only = require_role(ROLE_LEAD)
member = require_role(ROLE_LEAD, ROLE_COUNSELLOR)


def own_or_404(row: Any, person_id: int) -> Any:
    """``row`` when it exists and belongs to ``person_id``; otherwise 404."""
    if row is None or getattr(row, "person_id", None) != person_id:
        abort(404)
    return row


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a same-site relative path (``/plan/2027/3``), else
    ``default``: no scheme, no host, no ``//host`` or ``/\\host`` tricks (no open
    redirect after login)."""
    if not target:
        return default
    target = target.strip()
    if not target.startswith("/") or target.startswith("//") or target.startswith("/\\"):
        return default
    if any(c in target for c in ("\\", "\r", "\n", "\t")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
