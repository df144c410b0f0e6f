"""Speed-ups behind seams: each makes a run faster and changes no byte of its output.

The pipeline (docgen.pipeline) calls the stages through a ``Speedups``: how markdown is
tokenized, how a document becomes .docx bytes, how the documents are spread over processes,
how the garbage collector behaves. ``PLAIN`` is the reference that each speed-up must match
(tests/test_speedups.py compares the bytes):

- ``parse_cache``: each top-level Markdown block tokenized once per run;
- ``prepared_writer``: the Word package built and its shared parts compressed once, blocks
  repeated across documents turned into XML once;
- ``workers``: chunks of documents made by a process pool and this process at once;
- ``early_read``: the village table read by a forked process while this one prepares;
- ``collector``: the cyclic collector paused while preparing, frozen while generating;
- ``memo``: pure functions of the derive stage remembering their results.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..layout import LayoutProfile
    from ..model import Document, PageNumbers
    from .early_read import Reading


T = TypeVar("T")


class WorkerLost(Exception):
    """A worker process ended without finishing its work (killed, or out of memory)."""


#: Results a memoised function keeps (a county's villages share a few thousand values).
MEMO_SIZE = 8192


#: Turns a document into .docx bytes with its creation time.
DocxWriter = Callable[["Document", dt.datetime], bytes]


@dataclass(frozen=True)
class Speedups:
    """Which speed-ups a run uses. ``jobs``: processes making documents, this one included."""

    cache: bool = True
    jobs: int = 1
    context: Any = None  # a multiprocessing context for the workers (tests use spawn)

    def tokenizer(self) -> Callable[[str], list] | None:
        """markdown-it's tokens for a text, or None for markdown-it's own parse."""
        if not self.cache:
            return None
        from .parse_cache import ParseCache

        return ParseCache()

    def writer(self, profile: LayoutProfile, page_numbers: PageNumbers) -> DocxWriter:
        if not self.cache:
            from ..word.writer import docx_bytes

            return lambda doc, created: docx_bytes(doc, profile, created=created)
        from .prepared_writer import prepared_writer

        return prepared_writer(profile, page_numbers).docx

    def memo(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` remembering its results (it must be pure, its arguments hashable)."""
        return functools.lru_cache(maxsize=MEMO_SIZE)(function) if self.cache else function

    def read(self, read: Callable[[Path], T], path: Path) -> Reading[T]:
        """``read(path)``, started in a forked process when several processes make the
        documents (this one prepares meanwhile); ``result()`` gives what it read."""
        from .early_read import reading

        forks = self.context is None or self.context.get_start_method() == "fork"
        early = self.cache and self.jobs > 1 and forks
        return reading(read, path, early=early)

    def preparing(self) -> contextlib.AbstractContextManager[None]:
        from . import collector

        return collector.paused() if self.cache else contextlib.nullcontext()

    def generating(self) -> contextlib.AbstractContextManager[None]:
        from . import collector

        return collector.frozen() if self.cache else contextlib.nullcontext()

    def run(
        self,
        make: Callable[[list[int]], Iterable[Any]],
        count: int,
        rebuild: Callable[[Any], Callable[[list[int]], Iterable[Any]]],
        plan: Any,
    ) -> Generator[Any, None, None]:
        """What ``make(chunk)`` makes for every chunk of the ``count`` documents, one result
        at a time as they are made (any order): a generator, to be closed by a caller that
        stops early (that stops the workers).

        Worker processes that spawn rather than fork call ``rebuild(plan)`` for their own
        ``make``; ``plan`` must pickle.
        """
        if self.jobs <= 1 or count < 2:
            return _serial(make, count)
        from .workers import run_parallel

        return run_parallel(make, count, self.jobs, rebuild, plan, self.context)


def _serial(make: Callable[[list[int]], Iterable[Any]], count: int) -> Generator[Any, None, None]:
    for start in range(0, count, SERIAL_CHUNK):
        yield from make(list(range(start, min(count, start + SERIAL_CHUNK))))


#: Documents made together in one process (a chunk of the parallel runner is as large).
SERIAL_CHUNK = 16


#: No speed-up: the reference every speed-up gives the same bytes as.
PLAIN = Speedups(cache=False)
