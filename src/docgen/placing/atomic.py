"""Writing one file atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    tmp = write_temp(path.parent, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_STAGED = itertools.count()
_PID = [os.getpid()]  # cached: a batch stages thousands of files
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _PID.__setitem__(0, os.getpid()))


def write_temp(folder: Path, data: bytes, *, fsync: bool = True, prefix: str = ".docgen-") -> Path:
    """Write ``data`` to a new temporary file in ``folder`` (same file system as the target).

    The name is the process id and a counter, created exclusively (O_EXCL): as safe as
    mkstemp's random names and cheaper, which counts when a batch stages thousands; the
    bytes go straight to the descriptor (three system calls for a file, no buffer object).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY
    while True:
        tmp = folder / f"{prefix}{_PID[0]}-{next(_STAGED)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)  # the umask applies, as for any new file
            break
        except FileExistsError:  # left over from an earlier run of a process with our pid
            continue
        except FileNotFoundError:  # the folder does not exist yet
            folder.mkdir(parents=True, exist_ok=True)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@contextmanager
def plain_error(target: Path) -> Iterator[None]:
    """An operating-system refusal (file open in Word, read-only folder) as a Chinese message."""
    try:
        yield
    except OSError as exc:
        raise OutputError(
            f"无法写入 {target}（{exc.strerror or exc}）。"
            "如果这个文件正在 Word 或 WPS 中打开，请先关闭后重新运行；"
            "也可以用 -o 指定另一个输出文件夹。"
        ) from None
