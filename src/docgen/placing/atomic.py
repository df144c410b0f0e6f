"""Writing one file atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import errno
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


def write_temp(
    folder: Path, data: bytes, *, fsync: bool = True, prefix: str = ".docgen-", suffix: str = ".tmp"
) -> Path:
    """Write ``data`` to a new temporary file in ``folder`` (same file system as the target).

    The name is the process id and a counter, created exclusively (O_EXCL): as safe as
    mkstemp's random names and cheaper, which counts when a batch stages thousands; the
    bytes go straight to the descriptor (three system calls for a file, no buffer object).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY
    while True:
        tmp = folder / f"{prefix}{_PID[0]}-{next(_STAGED)}{suffix}"
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
        raise refusal(exc, target) from None


def refusal(exc: OSError, target: Path | str | None = None) -> OutputError:
    """``exc`` in a clerk's words, naming the file or folder the system refused.

    Also the CLI's last net (docgen.cli): a refusal no command foresaw (an output folder
    that cannot be made, a name too long) is reported this way, never as a traceback.
    """
    where = target if target is not None else (exc.filename or "")
    if Path(where).name.startswith(".docgen-"):  # our temporary file: name its folder
        where = Path(where).parent
    reason = _REASONS.get(exc.errno or 0, f"系统错误 {exc.errno}" if exc.errno else "系统错误")
    locked = getattr(exc, "winerror", None) == 32  # ERROR_SHARING_VIOLATION: open in Word
    if locked:
        reason = _REASONS[errno.EBUSY]
    if locked or exc.errno in (errno.EBUSY, errno.EACCES, errno.EPERM):
        advice = (
            "如果这个文件正在 Word 或 WPS 中打开，请先关闭后重新运行；"
            "也可以用 -o 指定另一个输出文件夹。"
        )
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "请清理磁盘空间，或用 -o 指定另一个磁盘上的文件夹。"
    else:
        advice = "请检查这个文件或文件夹的名称和位置，或用 -o 指定另一个输出文件夹。"
    return OutputError(f"无法写入 {where}（{reason}）。{advice}")


#: Why the system refused, in a clerk's words (its own words are English on most PCs).
_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘是只读的",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一处是文件而不是文件夹",
    errno.EEXIST: "同名的文件已存在",
    errno.EISDIR: "这里是一个文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "读写磁盘出错",
}
