"""The one exception users see for bad input."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input (missing file, binary, undecodable, unsupported language, ...).

    The message is a single line that says what is wrong and what to do.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))
