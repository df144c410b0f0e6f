"""Worker processes sharing a list of chunks with this one.

The workers take chunks from the start of the list and this process from the end, each
chunk claimed in a shared byte array, so no task is ever sent; a worker sends each chunk's
results over its own pipe as soon as they are made. Lighter than ``ProcessPoolExecutor``
for a batch, where it took 10 ms to start (a task message per chunk, a manager thread
competing with this process's own rendering) and 4 ms to shut down.
"""

from __future__ import annotations

import contextlib
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

_DONE = b""  # a worker's last message: it has no chunk left to take


class WorkerLost(Exception):
    """A worker process ended without finishing its work (killed, or out of memory)."""


class RemoteTraceback(Exception):
    """Where a worker's exception came from (its traceback, as text)."""


class ChunkRunner:
    """``workers`` processes, each running ``prepare(*args).make(index)`` on the chunks
    it claims; this process claims from the end with ``mine``."""

    def __init__(
        self,
        context,
        workers: int,
        chunks: list[list[int]],
        prepare: Callable[..., object],
        args: tuple,
    ) -> None:
        self.chunks = chunks
        self.claims = context.Array("b", len(chunks))  # 1 once a process has taken the chunk
        self._live: dict = {}  # pipe end → worker process
        self._ended: list = []
        try:
            for _ in range(workers):
                receive, send = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work, args=(prepare, args, chunks, self.claims, send), daemon=True
                )
                try:
                    process.start()
                finally:
                    send.close()
                self._live[receive] = process
        except BaseException:  # e.g. no more processes allowed: end those already started
            self.close()
            raise

    def mine(self) -> Iterator[int]:
        """Chunk numbers for this process, from the end, until a worker has the next one."""
        for n in reversed(range(len(self.chunks))):
            if not claim(self.claims, n):
                return
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
        with self.claims.get_lock():
            self.claims[:] = [1] * len(self.chunks)
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


def claim(claims, n: int) -> bool:
    """Take chunk ``n`` unless another process has."""
    with claims.get_lock():
        if claims[n]:
            return False
        claims[n] = 1
        return True


class _Failure:
    def __init__(self, exception: BaseException, text: str) -> None:
        self.exception = exception
        self.traceback = text


def _work(prepare: Callable[..., object], args: tuple, chunks, claims, send) -> None:
    """In a worker: prepare once, then make every chunk it can claim, from the start."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's, which stops us
    try:
        maker = prepare(*args)
        for n, chunk in enumerate(chunks):
            if claim(claims, n):
                results = [maker.make(index) for index in chunk]  # type: ignore[attr-defined]
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
