"""Where `make serve` keeps the preview's site: in memory when the machine has room for it.

`mkdocs serve` builds into a folder it makes with Python's `tempfile` (so under TMPDIR),
and every rebuild empties that folder and writes the whole site again: about 430 files for
this handbook (each page's HTML and citation files, the theme's assets, the search
index). On this project's machines, whose disk is ext4, making one small file costs about
0.2 ms and in tmpfs about 0.013 ms (200 files: 40 ms against 2.5 ms); a preview rebuild
spent about a fifth of its time making files. So the preview's temporary folder goes to
/dev/shm, where it is a tmpfs with room to spare, and stays where the system puts it
otherwise. A TMPDIR the author has set is left as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

MEMORY = Path("/dev/shm")
MOUNTS = Path("/proc/self/mounts")
# Room the tmpfs must have free: a site is about 23 times the size of its docs folder
# here (11 MB from 0.48 MB, the theme's assets and the search index included), and the
# preview keeps a second copy of the search index. A tmpfs that fills up would fail a
# rebuild, so the margin is wide: a fixed 256 MiB and 64 times the docs folder.
FIXED_ROOM = 256 * 2**20
ROOM_PER_DOCS_BYTE = 64


def folder_bytes(folder: Path) -> int:
    """Bytes of the files under `folder` (0 for a folder that cannot be read)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def is_tmpfs(folder: Path, mounts: str) -> bool:
    """Whether `folder` is the mount point of a tmpfs, by the kernel's table of mounts."""
    for line in mounts.splitlines():
        fields = line.split()
        # An octal escape (\040) stands for a space in a mount point; /dev/shm has none.
        if len(fields) >= 3 and fields[1] == str(folder) and fields[2] == "tmpfs":
            return True
    return False


def memory_folder(docs_dir: Path, environ: dict[str, str], memory: Path = MEMORY, mounts: Path = MOUNTS) -> Path | None:
    """The folder to make the preview's site in, or None for the system's temporary folder."""
    if environ.get("TMPDIR"):
        return None
    try:
        if not is_tmpfs(memory, mounts.read_text(encoding="utf-8", errors="replace")):
            return None
        if not os.access(memory, os.W_OK | os.X_OK):
            return None
        stats = os.statvfs(memory)
    except OSError:  # no /proc (not Linux) or no /dev/shm: the system's folder
        return None
    free = stats.f_bavail * stats.f_frsize
    if free < FIXED_ROOM + ROOM_PER_DOCS_BYTE * folder_bytes(docs_dir):
        return None
    return memory
