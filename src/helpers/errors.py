"""The one exception users see for bad input."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input (missing file, binary, undecodable, unsupported language, ...).

    The message is a single line that says what is wrong and what to do. In Jupyter
    it is shown as that one line, not as a traceback (IPython's ``_render_traceback_``).
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))

    def _render_traceback_(self) -> list[str]:
        return [f"InputError: {self}"]
