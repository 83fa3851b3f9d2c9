"""Outputs that are committed whole or not at all, and never over an input.

A command stages each of its outputs in a temporary file beside the target and
renames them all into place only when every one is complete.  A target that is
one of the command's inputs (a fact file, a source text, a shapes file) or
another output of the same command is refused before anything is written, and
so is a symlink or anything that is not a regular file, unless the caller says
``force``: then a symlink's target is replaced and the link kept, and a device
or pipe (``/dev/stdout``) is written into once all outputs are complete.  An existing
file keeps its mode.  Temporary files are removed on any error, on Ctrl-C and
on SIGTERM (the CLI turns SIGTERM into SystemExit, so the same clean-up runs).

``replace_bytes`` is the same write for a file that is not an output of a
command, such as an entry of the build cache: bytes, renamed over whatever is at
its path.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from diplokg.errors import OutputError, UsageError
from diplokg.safetext import printable


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


class Outputs:
    """The outputs of one command, staged and then committed together.

    ``inputs`` are the files the command read: none of them may be an output.
    Use as a context manager: leaving it by an exception removes every staged file.
    """

    def __init__(self, inputs: Iterable[Path] = (), force: bool = False):
        self.inputs = [Path(p) for p in inputs]
        self.force = force
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, final path)

    def check(self, path: Path, what: str = "output") -> Path:
        """The path to write for ``path``; raise UsageError or OutputError if it may not be."""
        path = Path(path)
        for earlier in self.inputs:
            if same_file(path, earlier):
                raise UsageError(f"{what} {path} is also an input ({earlier}); "
                                 "choose another output path")
        for _, final in self.staged:
            if same_file(path, final):
                raise UsageError(f"{what} {path} is given for two outputs; "
                                 "choose a different path for each")
        if path.is_symlink():
            if not self.force:
                raise OutputError(f"{what} {path} is a symbolic link; give the path of a "
                                  "regular file, or --force to replace the file it points to")
            path = path.resolve()
        if path.is_dir():
            raise OutputError(f"{what} {path} is a folder; give the path of a regular file")
        if path.exists() and not path.is_file() and not self.force:
            raise OutputError(f"{what} {path} is not a regular file (a device or pipe); give "
                              "the path of a regular file, or --force to write into it")
        return path

    def stage(self, path: Path, lines: Iterable[str], what: str = "output") -> None:
        """Write ``lines`` to a temporary file beside ``path``, for ``commit`` to rename."""
        final = self.check(path, what)
        try:
            folder = final.parent if final.is_file() or not final.exists() else None
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True)
            mode = (stat.S_IMODE(final.stat().st_mode) if final.is_file()
                    else 0o666 & ~_umask())  # mkstemp makes it private
            temporary = _temporary(final, folder, lines, mode, sync=True)
        except OSError as error:
            raise OutputError(f"{what} {path}: cannot write: {error.strerror or error}") from None
        self.staged.append((temporary, final))

    def commit(self) -> None:
        for temporary, final in self.staged:
            try:
                if final.exists() and not final.is_file():  # a device or pipe, with force
                    with temporary.open("rb") as data, final.open("wb") as out:
                        shutil.copyfileobj(data, out)
                    temporary.unlink()
                else:
                    os.replace(temporary, final)
            except OSError as error:
                raise OutputError(f"{final}: cannot write: {error.strerror or error}") from None
        self.staged = []

    def abort(self) -> None:
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged = []

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, error_type, error, trace) -> None:
        self.abort()  # after commit there is nothing left to remove


def write_atomic(path: Path, lines: Iterable[str], inputs: Iterable[Path] = (),
                 force: bool = False, what: str = "output") -> None:
    """Write one output through a temporary file, so it is whole or untouched."""
    with Outputs(inputs, force) as outputs:
        outputs.stage(path, lines, what)
        outputs.commit()


def replace_bytes(path: Path, data: bytes, sync: bool = True) -> None:
    """Put ``data`` at ``path`` through a temporary file beside it, renamed over it: a
    reader finds the old file or the new one, never part of one.  Whatever is at
    ``path`` is replaced, a symbolic link too (it is not followed); the new file is
    private to its owner.  Without ``sync`` a crash may leave a file that is cut
    short, for callers that check what they read.  OSError if it cannot be done,
    with no temporary file left behind."""
    path = Path(path)
    temporary = _temporary(path, path.parent, data, None, sync)
    try:
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


def _temporary(final: Path, folder: Path | None, content: bytes | Iterable[str],
               mode: int | None, sync: bool) -> Path:
    """A new file in ``folder`` (None: the system's temporary folder), named after
    ``final``, holding ``content``: bytes as they are, or lines of text, each ended by a
    newline, in UTF-8.  It is removed again if anything fails, Ctrl-C included."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{final.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            else:
                text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
                for line in content:
                    text.write(line)
                    text.write("\n")
                text.flush()
                text.detach()  # leaves ``out`` open, for the ``with`` to close
            if sync:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


@contextlib.contextmanager
def replacing_folder(out_dir: Path, what: str) -> Iterator[Path]:
    """A new folder beside ``out_dir`` to write into, which takes the place of
    ``out_dir`` when the block ends without an error and is removed otherwise, so
    ``out_dir`` is never half-written.  The caller checks first that ``out_dir`` may be
    replaced.  OSError becomes OutputError naming ``out_dir``.  ``what`` names the
    temporary folder (".out.site-1a2b3c4d")."""
    target = Path(os.path.abspath(out_dir))  # "." has no name to put a folder beside
    new = target.parent / f".{target.name}.{what}-{secrets.token_hex(4)}"
    old = new.with_name(f"{new.name}-old")
    made: list[Path] = []  # what to remove at the end: only folders made here
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new.mkdir()
        made.append(new)
        yield new
        if target.exists():
            os.chmod(new, stat.S_IMODE(target.stat().st_mode))
            os.rename(target, old)
            made.append(old)
            try:
                os.rename(new, target)
            except OSError:
                os.rename(old, target)
                raise
        else:
            os.rename(new, target)
    except OSError as error:
        raise OutputError(f"{printable(out_dir)}: cannot write: "
                          f"{printable(error.strerror or error)}") from None
    finally:
        for leftover in made:  # after a success only the earlier folder is left
            shutil.rmtree(leftover, ignore_errors=True)
