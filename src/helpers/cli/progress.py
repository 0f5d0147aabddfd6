"""Progress on stderr: a tqdm bar in a terminal, a plain line now and then anywhere else.

A progress bar redraws one line with carriage returns. In a terminal that is what a reader
wants; in a log file, a CI log or a pipe (``2> run.log``, ``| tee``) every redraw becomes
text, hundreds of ``\\r``-joined fragments on one line. ``progress(...)`` picks the bar only
when the stream is a terminal; otherwise it writes a whole line such as
``tension-profile: 40/100 articles (40 %), 12 s`` at most every ``interval`` seconds, and
always the last one.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is an interactive terminal (``isatty()``; False when it cannot say)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class LineProgress:
    """tqdm's ``update``/``close``/context-manager interface, written as occasional whole lines.

    Parameters
    ----------
    total : int or None
        Number of items (>= 0); ``None`` when unknown (a streamed table).
    desc : str
        Prefix of each line.
    stream : text stream
        Where the lines go (``sys.stderr`` by default).
    unit : str
        Name of an item, plural with an "s" ("article" -> "articles").
    interval : float
        Seconds at least between two lines (the line for the last item is always written).
    """

    def __init__(self, total: int | None, desc: str, stream: TextIO | None = None, unit: str = "article",
                 interval: float = 10.0) -> None:
        self.total = None if total is None else int(total)
        self.desc, self.unit, self.interval = desc, unit, float(interval)
        self.stream = stream if stream is not None else sys.stderr
        self.n = 0
        self._start = time.monotonic()
        self._last = float("-inf")
        self._shown = 0  # the count the last line reported

    def update(self, n: int = 1) -> None:
        """Count ``n`` more items done; write a line when ``interval`` has passed or all are done."""
        self.n += n
        now = time.monotonic()
        if (self.total is not None and self.n >= self.total) or now - self._last >= self.interval:
            self._write(now)

    def _write(self, now: float) -> None:
        self._last, self._shown = now, self.n
        share = f" ({100 * self.n / self.total:.0f} %)" if self.total else ""
        of = "" if self.total is None else f"/{self.total}"
        self.stream.write(f"{self.desc}: {self.n}{of} {self.unit}s{share}, {now - self._start:.0f} s\n")
        self.stream.flush()

    def close(self) -> None:
        """Write the count reached, unless the last line already said it (an interrupted run)."""
        if self.n != self._shown:
            self._write(time.monotonic())

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int | None, desc: str, enabled: bool = True, stream: TextIO | None = None,
             unit: str = "article", interval: float = 10.0) -> Any:
    """A progress reporter for ``total`` items: nothing when not ``enabled``; a tqdm bar when
    ``stream`` (default ``sys.stderr``) is a terminal; otherwise a ``LineProgress``."""
    stream = stream if stream is not None else sys.stderr
    if not enabled:
        return _Silent()
    if is_terminal(stream):
        from tqdm import tqdm  # the terminal bar (tqdm.auto would pick a widget in a notebook)

        return tqdm(total=total, file=stream, unit=unit, desc=desc, dynamic_ncols=True)
    return LineProgress(total, desc, stream=stream, unit=unit, interval=interval)
