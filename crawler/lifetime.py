"""Child processes that end with their parent: the kernel's parent-death signal (Linux).

The crawl runs in a child process and reads documents in worker processes. Should the
parent die, even by SIGKILL, they must not go on beside a new run: each asks the kernel to
send it a signal when its parent ends.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# The crawler's exit code when a signal stopped it before it finished: the run is resumable.
INTERRUPTED_EXIT = 3


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    """Have the kernel send `signum` to this process when its parent ends.

    A parent that died before the call is caught too: the process then signals itself.
    Elsewhere than on Linux this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0:
        return
    if os.getppid() != parent:  # orphaned between fork and prctl
        os.kill(os.getpid(), signum)
