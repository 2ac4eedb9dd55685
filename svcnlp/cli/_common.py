"""What the command modules share: stderr messages and turning errors into exit codes."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click
import typer

from ..errors import SvcnlpError, SvcnlpWarning

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


def say(message: str) -> None:
    """A message for people: always on stderr."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def user_errors(debug: bool = False) -> Iterator[None]:
    """Show svcnlp errors as one line and exit 2; ``--debug`` shows the traceback."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", SvcnlpWarning)
        warnings.showwarning = _show_warning
        try:
            yield
        except SvcnlpError as exc:
            if debug:
                raise
            say(f"error: {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        except (typer.Exit, click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - a last line of defence: no traceback without --debug
            if debug:
                raise
            say(f"error: unexpected {type(exc).__name__}: {exc} (run again with --debug for the traceback)")
            raise typer.Exit(EXIT_USAGE) from None


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    say(f"warning: {message}")


def call(func: Callable[[], T], debug: bool = False) -> T:
    """Run ``func`` under :func:`user_errors`."""
    with user_errors(debug):
        return func()
