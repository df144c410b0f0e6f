"""Worker processes sharing a list of chunks with this one.

Workers can be started before the work is known (``begin`` hands it over): a spawned
worker (Windows, macOS) spends most of its start importing and preparing, which then
overlaps this process's own preparation. The workers take chunks from the front of the
list and this process from the back, each claim one step of a shared counter, so no task
is ever sent; a worker sends each chunk's results over its own pipe as soon as they are
made. Lighter than ``ProcessPoolExecutor`` for a batch, where it took 10 ms to start (a
task message per chunk, a manager thread competing with this process's rendering) and
4 ms to shut down.
"""

from __future__ import annotations

import contextlib
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

_DONE = b""  # a worker's last message: it has no chunk left to take
_FRONT, _BACK = 0, 1  # the shared counters: next chunk from the front, end of those left
#: Messages up to this size are written at once; a larger one waits for its reader (a
#: spawned worker may still be importing), so a thread hands it over instead.
_PIPE_BUFFER = 16 * 1024


class WorkerLost(Exception):
    """A worker process ended without finishing its work (killed, or out of memory)."""


class RemoteTraceback(Exception):
    """Where a worker's exception came from (its traceback, as text)."""


class ChunkRunner:
    """``workers`` processes, started now: each runs ``state = prepare(*args)`` at once,
    then, once ``begin`` hands over the chunks, ``finish(state, *late).make(index)`` on
    every chunk it claims. This process claims from the back with ``mine``."""

    def __init__(self, context, workers: int, prepare: Callable[..., object], args: tuple):
        self.counters = context.Array("q", 2)  # [front, back]: nothing to claim yet
        self._starts: list = []  # this process's end of each worker's start pipe
        self._begun = False  # whether ``begin`` handed the work over
        self._senders: list[threading.Thread] = []  # handing over a large message
        self._live: dict = {}  # pipe end for results → worker process
        self._ended: list = []
        try:
            for _ in range(workers):
                start_receive, start_send = context.Pipe(duplex=False)
                receive, send = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work,
                    args=(prepare, args, self.counters, start_receive, send),
                    daemon=True,
                )
                try:
                    process.start()
                finally:
                    start_receive.close()
                    send.close()
                self._starts.append(start_send)
                self._live[receive] = process
        except BaseException:  # e.g. no more processes allowed: end those already started
            self.close()
            raise

    def __enter__(self) -> ChunkRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin(self, chunks: list[list[int]], finish: Callable[..., object], late: tuple) -> None:
        """Hand the work over: the chunks, and what each worker finishes preparing with."""
        with self.counters.get_lock():
            self.counters[_BACK] = len(chunks)
        message = pickle.dumps((chunks, finish, late), pickle.HIGHEST_PROTOCOL)
        self._begun = True
        for start in self._starts:
            if len(message) <= _PIPE_BUFFER:
                _send(start, message)
            else:  # a worker still preparing reads it later: this process goes on meanwhile
                sender = threading.Thread(target=_send, args=(start, message), daemon=True)
                sender.start()
                self._senders.append(sender)

    def mine(self) -> Iterator[int]:
        """Chunk numbers for this process, from the back, until it meets the workers."""
        while (n := claim(self.counters, back=True)) is not None:
            yield n

    def ready(self) -> Iterator[object]:
        """The results the workers have sent so far, without waiting."""
        for receive in [r for r in self._live if r.poll()]:
            yield from self._receive(receive)

    def rest(self) -> Iterator[object]:
        """Every result still to come, as the workers send them."""
        while self._live:
            for receive in wait(list(self._live)):
                yield from self._receive(receive)

    def close(self) -> None:
        """Stop handing out chunks; let each worker finish the one it has and end."""
        with self.counters.get_lock():
            self.counters[_FRONT] = self.counters[_BACK]
        if not self._begun:  # nothing handed over: no need to wait for their preparing
            for process in self._live.values():
                process.terminate()
        for sender in self._senders:  # each ends once its worker has read, or has died
            sender.join()
        self._senders.clear()
        for start in self._starts:
            start.close()
        self._starts.clear()
        for receive in list(self._live):
            try:
                while receive.recv_bytes() != _DONE:
                    pass  # a result no longer wanted (the batch was interrupted)
            except (EOFError, OSError):
                pass
            self._end(receive)
        for process in self._ended:
            process.join()
            process.close()
        self._ended.clear()

    def _receive(self, receive) -> Iterator[object]:
        try:
            data = receive.recv_bytes()
        except (EOFError, OSError):
            code = self._end(receive).exitcode
            raise WorkerLost(f"工作进程意外退出（退出码 {code}）") from None
        if data == _DONE:
            self._end(receive)
            return
        results = pickle.loads(data)
        if isinstance(results, _Failure):
            raise results.exception from RemoteTraceback(results.traceback)
        yield from results

    def _end(self, receive):
        process = self._live.pop(receive)
        receive.close()
        process.join()  # at once: it has sent all it had, or has died
        self._ended.append(process)
        return process


def _send(start, message: bytes) -> None:
    with contextlib.suppress(OSError):  # a worker that died is reported by ``rest``
        start.send_bytes(message)


def claim(counters, *, back: bool = False) -> int | None:
    """The next chunk from the front (a worker) or the back (this process), if any is left."""
    with counters.get_lock():
        front, end = counters[_FRONT], counters[_BACK]
        if front >= end:
            return None
        if back:
            counters[_BACK] = end - 1
            return end - 1
        counters[_FRONT] = front + 1
        return front


class _Failure:
    def __init__(self, exception: BaseException, text: str) -> None:
        self.exception = exception
        self.traceback = text


def _work(prepare: Callable[..., object], args: tuple, counters, start, send) -> None:
    """In a worker: prepare, wait for the chunks, then make every chunk it can claim."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's, which stops us
    try:
        state = prepare(*args)
        chunks, finish, late = pickle.loads(start.recv_bytes())
        maker = finish(state, *late)
        while (n := claim(counters)) is not None:
            results = [maker.make(index) for index in chunks[n]]  # type: ignore[attr-defined]
            send.send_bytes(pickle.dumps(results, pickle.HIGHEST_PROTOCOL))
        send.send_bytes(_DONE)
    except BaseException as exc:
        text = "".join(traceback.format_exception(exc))
        try:
            data = pickle.dumps(_Failure(exc, text), pickle.HIGHEST_PROTOCOL)
            pickle.loads(data)  # some exceptions pickle but cannot be rebuilt
        except Exception:  # then its text, in an exception that can
            data = pickle.dumps(_Failure(RuntimeError(repr(exc)), text), pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):  # the parent has gone
            send.send_bytes(data)
    finally:
        send.close()
        start.close()
