"""Run an external program with a time limit; its failures become typed errors naming the Debian package."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Tool", "ToolError", "ToolFailed", "ToolMissing", "ToolTimeout"]


class ToolError(RuntimeError):
    """An external tool could not do its job; ``package`` is the Debian package that provides it."""

    def __init__(self, tool: str, package: str, message: str) -> None:
        super().__init__(message)
        self.tool = tool
        self.package = package
        self.message = message


class ToolMissing(ToolError):
    """The program is not installed."""


class ToolTimeout(ToolError):
    """The program ran past its time limit and was killed."""


class ToolFailed(ToolError):
    """The program exited with an error; the message carries the end of its stderr."""


@dataclass(frozen=True)
class Tool:
    """A program on ``PATH`` and the Debian package that ships it.

    >>> Tool("true", "coreutils").run(["true"], timeout=5).returncode
    0
    """

    name: str
    package: str

    def path(self) -> str:
        found = shutil.which(self.name)
        if found is None:
            raise ToolMissing(
                self.name,
                self.package,
                f"{self.name} is not installed: apt-get install {self.package} (or run scripts/system-deps.sh)",
            )
        return found

    def run(
        self, args: Sequence[str], *, timeout: float, env: dict[str, str] | None = None, input: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        """Run ``args`` (``args[0]`` is this tool's name); raise on a missing program, time-out or non-zero exit."""
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        command = [self.path(), *args[1:]]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                input=input,
                env={**os.environ, **(env or {})},
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise ToolTimeout(self.name, self.package, f"{self.name} took longer than {timeout:g} s") from e
        except OSError as e:  # not executable, out of processes …
            raise ToolFailed(self.name, self.package, f"{self.name} could not start: {e}") from e
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise ToolFailed(
                self.name,
                self.package,
                f"{self.name} exited with {done.returncode}: {' / '.join(tail) or 'no message'}",
            )
        return done
