"""Read a .docx or .pdf in a child process that a hostile file can exhaust without harm.

The web process hands the file's bytes to `python -m articles.document_reader` and gets
back text or a refusal. The child limits itself before it reads a byte: address space
(RLIMIT_AS), CPU seconds (RLIMIT_CPU), no files written (RLIMIT_FSIZE), no core dump; it
ends itself (SIGALRM) when its time is up, and the parent kills it if it has not. Whatever
a file does, the worst outcome is a refusal naming it: the web process's own memory and
time never depend on the file.

A subprocess rather than `multiprocessing`: nothing is forked from a threaded web worker,
and the child is a plain, short-lived program with one job.
"""

import dataclasses
import json
import logging
import math
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

from articles.documents import DocumentLimits, docx_text, pdf_text
from articles.reading import UnreadableArticle

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONVERTERS = {".docx": docx_text, ".pdf": pdf_text}
# Exit status of a child that ran out of memory and could not even say so.
OUT_OF_MEMORY = 3
# Seconds the child may take to start Python, on top of the limit (which it then keeps
# itself, with a timer); past both, the parent kills it.
STARTUP_SECONDS = 2.0


def document_limits() -> DocumentLimits:
    """The limits for reading one document, from the settings (`factdesk.limits`)."""
    # Imported here, not above: the child imports this module and needs no settings.
    from factdesk.limits import current

    return DocumentLimits(
        max_chars=current("MAX_ARTICLE_CHARS"),
        max_expanded_bytes=current("DOCUMENT_MAX_EXPANDED_BYTES"),
        max_parts=current("DOCUMENT_MAX_PARTS"),
        max_pages=current("DOCUMENT_MAX_PAGES"),
        seconds=current("DOCUMENT_READ_SECONDS"),
        memory_bytes=current("DOCUMENT_READ_MEMORY_BYTES"),
    )


def read_document(name: str, data: bytes, *, seconds: float | None = None) -> str:
    """The text of a .docx or .pdf file, read in a child process, or UnreadableArticle.

    ``seconds`` shortens the time limit (what is left of a batch's time, say).
    """
    suffix = Path(name).suffix.lower()
    limits = document_limits()
    if seconds is not None and seconds < limits.seconds:
        limits = dataclasses.replace(limits, seconds=max(seconds, 0.1))
    header = json.dumps({"name": name, "suffix": suffix, "limits": dataclasses.asdict(limits)})
    too_slow = UnreadableArticle(
        f"{name}: took longer than {limits.seconds:g} seconds to read, so FactDesk stopped "
        f"reading it; the limit is {limits.seconds:g} seconds."
    )
    try:
        child = subprocess.run(
            # -B: the child writes nothing, not even bytecode (it may not write files).
            [sys.executable, "-B", "-m", "articles.document_reader"],
            input=header.encode() + b"\n" + data,
            capture_output=True,
            cwd=PROJECT_ROOT,
            env=_child_environment(),
            timeout=limits.seconds + STARTUP_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child already
        raise too_slow from exc
    except OSError as exc:
        logger.error("The document reader could not be started: %s", exc)
        raise UnreadableArticle(
            f"{name}: could not be read: FactDesk's document reader did not start."
        ) from exc
    if child.returncode == 0:
        try:
            answer = json.loads(child.stdout)
        except ValueError:
            answer = {"refused": f"{name}: could not be read (the reader's answer was garbled)."}
        if "refused" in answer:
            raise UnreadableArticle(answer["refused"])
        return answer["text"]
    if child.returncode in (-signal.SIGALRM, -signal.SIGXCPU):
        raise too_slow
    if child.returncode == OUT_OF_MEMORY:
        raise UnreadableArticle(
            f"{name}: needs more than {limits.memory_bytes / 1_048_576:g} MB of memory to "
            "read, so FactDesk stopped reading it."
        )
    logger.warning("The document reader stopped on %r: %s", name, _exit_reason(child))
    raise UnreadableArticle(
        f"{name}: could not be read (the reader stopped: {_exit_reason(child)})."
    )


# What the child needs of the environment: none of the web process's settings or secrets.
_PASSED_ON = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")


def _child_environment() -> dict[str, str]:
    return {key: os.environ[key] for key in _PASSED_ON if key in os.environ}


def _exit_reason(child: subprocess.CompletedProcess) -> str:
    if child.returncode < 0:
        return signal.Signals(-child.returncode).name
    last_line = child.stderr.decode(errors="replace").strip().splitlines()[-1:]
    return last_line[0][:200] if last_line else f"exit status {child.returncode}"


# The child ----------------------------------------------------------------------------------


def _limit_this_process(limits: DocumentLimits) -> None:
    import resource

    cpu = math.ceil(limits.seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Wall-clock time, which a file blocking on nothing but memory would not spend as CPU;
    # SIGALRM's default action ends the process even inside a C library.
    signal.setitimer(signal.ITIMER_REAL, limits.seconds)


def _child_main() -> int:
    request = json.loads(sys.stdin.buffer.readline())
    limits = DocumentLimits(**request["limits"])
    _limit_this_process(limits)
    data = sys.stdin.buffer.read()
    name = request["name"]
    # Only the answer goes to stdout, and pypdf's warnings about a broken file (one per
    # object, in their thousands) go nowhere: the parent holds both streams in memory.
    answer_to, sys.stdout = sys.stdout, sys.stderr
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        answer = {"text": CONVERTERS[request["suffix"]](data, name, limits)}
    except UnreadableArticle as refusal:
        answer = {"refused": str(refusal)}
    except MemoryError:
        return OUT_OF_MEMORY
    except Exception as exc:  # a converter bug must still come back as a refusal
        answer = {"refused": f"{name}: could not be read ({type(exc).__name__})."}
    answer_to.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_child_main())
    except MemoryError:
        sys.exit(OUT_OF_MEMORY)
