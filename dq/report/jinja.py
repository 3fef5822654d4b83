"""The Jinja2 environment of the report's templates (``dq/report/templates``): autoescaped.

A leaf module, so the page and its example blocks both render through it
without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def environment() -> jinja2.Environment:
    """The templates of ``dq/report/templates``, autoescaped, undefined names an error."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("dq.report", "templates"),
        autoescape=True,  # every template, whatever its suffix
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the render, not silently
        trim_blocks=False,
        keep_trailing_newline=True,
    )
