"""How much address space a limit on it (``ulimit -v``) leaves the process.

pydantic's Rust core and the C++ reader of the Russian analyser's dictionaries end the
process when an allocation fails, rather than raise :class:`MemoryError`; the command
checks for room before it reaches them. Standard library only: the command's start-up
imports this before click or pydantic.
"""


def room() -> int | None:
    """Bytes of address space left under the soft limit, or ``None`` with no limit (or no
    way to measure what is used)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Unix
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):  # no /proc
        return None
    return soft - used
