"""Documents made by worker processes and by this one at once, with the standard library's pool.

The documents are cut into chunks. This process hands chunks from the front to a
``ProcessPoolExecutor`` (a few at a time, so it never waits for work to hand out) and makes
chunks from the back itself, until the two meet; chunks shrink towards the meeting point so
all processes finish within a village or two of each other. Workers get what they make
documents with from the parent's memory where the system forks (Linux), and build it with
``rebuild(plan)`` where it spawns (Windows, macOS): the initializer is spawn-safe.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from . import WorkerLost

#: The most documents in a chunk, the unit a worker makes and sends back at once.
MAX_CHUNK = 16
#: Chunks handed to the pool ahead of what it has finished, per worker.
AHEAD = 4


#: What a worker makes documents with: set in the parent before a fork, or by ``_spawned``.
_MAKE: Callable[[list[int]], Iterable[Any]] | None = None


def default_context() -> Any:
    """fork where the platform offers it (workers start at once with the prepared parts);
    spawn elsewhere (Windows, macOS), where each worker prepares them itself."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_parallel(
    make: Callable[[list[int]], Iterable[Any]],
    count: int,
    jobs: int,
    rebuild: Callable[[Any], Callable[[list[int]], Iterable[Any]]],
    plan: Any,
    context: Any = None,
) -> Iterator[Any]:
    """``make(chunk)`` for chunks of ``range(count)`` in ``jobs`` processes (this one
    included), each result as it comes. A spawned worker calls ``rebuild(plan)`` first to
    get its own ``make``."""
    global _MAKE
    context = context or default_context()
    chunks = plan_chunks(count, jobs)
    forked = context.get_start_method() == "fork"
    if forked:
        _MAKE = make
    initializer, initargs = (_forked, ()) if forked else (_spawned, (rebuild, plan))
    workers = min(jobs - 1, len(chunks) - 1)  # no process without a chunk to take
    if workers < 1:
        yield from make(list(range(count)))
        return
    pool = ProcessPoolExecutor(workers, context, initializer=initializer, initargs=initargs)
    pending: set[Future] = set()
    front, back = 0, len(chunks)
    try:
        while front < back:
            while front < back - 1 and len(pending) < AHEAD * workers:
                pending.add(pool.submit(_make_chunk, chunks[front]))
                front += 1
            back -= 1
            yield from make(chunks[back])
            done = {future for future in pending if future.done()}
            pending -= done
            for future in done:
                yield from _results(future)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from _results(future)
    except BrokenProcessPool:  # a worker died before its chunk was handed over
        raise WorkerLost("工作进程意外退出") from None
    finally:  # also on Ctrl+C, an error, or a caller that gave up: stop soon
        pool.shutdown(wait=True, cancel_futures=True)
        _MAKE = None


def _results(future: Future) -> list[Any]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerLost("工作进程意外退出") from None


def plan_chunks(count: int, jobs: int) -> list[list[int]]:
    """Indexes in chunks, smaller towards where the processes should meet.

    The workers take chunks from the start and this process from the end, so they meet
    about (jobs - 1) / jobs of the way along; chunks shrinking towards that point (each a
    share of what is left on its side) let all finish within a document or two of each
    other, where equal chunks left one waiting for up to a whole chunk at the end.
    """
    meet = count * (jobs - 1) // jobs

    def guided(length: int, share: int) -> list[int]:
        sizes = []
        while length > 0:
            size = max(1, min(MAX_CHUNK, math.ceil(length / share), length))
            sizes.append(size)
            length -= size
        return sizes

    left = guided(meet, 4 * (jobs - 1))  # from the start towards the meeting point
    right = guided(count - meet, 4)[::-1]  # from the meeting point to the end
    chunks, start = [], 0
    for size in left + right:
        chunks.append(list(range(start, start + size)))
        start += size
    return chunks


def _quiet() -> None:
    """Ctrl+C is the parent's to handle: it stops the pool, which ends the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _forked() -> None:
    _quiet()
    gc.freeze()  # the inherited prepared parts live as long as the worker


def _spawned(rebuild: Callable[[Any], Callable[[list[int]], Iterable[Any]]], plan: Any) -> None:
    global _MAKE
    _quiet()
    _MAKE = rebuild(plan)
    gc.freeze()


def _make_chunk(indexes: list[int]) -> list[Any]:
    assert _MAKE is not None  # set by the initializer or inherited from the parent
    try:
        return list(_MAKE(indexes))
    except Exception as exc:
        # The pool sends the exception back pickled (its traceback as text); one that cannot
        # be rebuilt from its pickle would break the pool and hide the bug: name it instead.
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise RuntimeError(f"工作进程出错：{exc!r}") from exc
        raise
