"""Turning a story of flowables into a PDF file, safely and reproducibly.

The same story, paper and generated date always give the same bytes: reportlab's
``invariant`` mode fixes the internal ids and dates, and the metadata is fixed here.
The file is written through the archive's atomic, private-file helpers: next to its
destination, flushed to the disk and moved into place, so a half-written report never
replaces a good one; it is private to the user (0600), and any folder created for it is
0700 — a report describes a family.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from observe.reports import styles
from observe.reports.page import Furniture, generated_text, numbered_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from observe import __version__
from observe.errors import ObserveError


class ReportError(ObserveError):
    """A report cannot be written (unwritable path, nothing to report on)."""


def write_report(
    path: Path,
    story: Callable[[float], Sequence[Flowable]],
    *,
    title: str,
    running_title: str,
    scheme_digests: Iterable[str],
    pagesize: str | None,
    generated: datetime | None,
) -> Path:
    """Lay out ``story(width)`` on the chosen paper, with the page furniture, and write it
    to ``path`` (0600); return the path. Every report is written through here.

    ``pagesize`` is ``"a4"`` or ``"letter"`` (``None``: from the locale); ``generated`` is
    the date printed in the footer (``None``: now); the footer names each distinct scheme
    digest, shortened.
    """
    paper = styles.parse_paper(pagesize)
    furniture = Furniture(
        running_title=running_title,
        generated=generated_text(generated),
        version=__version__,
        scheme_digest=", ".join(sorted({digest[:12] for digest in scheme_digests})),
    )
    pdf = render_pdf(
        story(styles.content_width(paper)), paper=paper, title=title, furniture=furniture
    )
    return write_private(path, pdf)


def render_pdf(
    story: Sequence[Flowable], *, paper: styles.Paper, title: str, furniture: Furniture
) -> bytes:
    """The PDF for ``story`` as bytes."""
    buffer = io.BytesIO()
    page_width, page_height = styles.PAGE_SIZES[paper]
    document = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        leftMargin=styles.MARGIN,
        rightMargin=styles.MARGIN,
        topMargin=styles.TOP_MARGIN,
        bottomMargin=styles.BOTTOM_MARGIN,
        title=title,
        author="",
        subject="observe report",
        creator=f"observe {furniture.version}",
        producer="observe",
        keywords="",
        invariant=1,
    )
    # no frame padding: the content is exactly as wide as the running header and footer
    # rules (page width minus both margins), which is the width the stories are laid out for
    frame = Frame(
        styles.MARGIN,
        styles.BOTTOM_MARGIN,
        styles.content_width(paper),
        page_height - styles.TOP_MARGIN - styles.BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="content",
    )
    document.addPageTemplates([PageTemplate(id="report", frames=[frame])])
    document.build(list(story), canvasmaker=numbered_canvas(furniture))
    return buffer.getvalue()


def write_private(path: Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` as a 0600 file, atomically and durably (the archive's
    own file writes: fsync, ``F_FULLFSYNC`` on macOS, the folder fsync'd, a replace retried
    on Windows); every missing folder becomes 0700."""
    from observe.store.atomic import atomic_write

    path = Path(path).expanduser()
    if path.is_dir():
        raise ReportError(f"{path} is a folder; give a file name ending in .pdf.")
    try:
        _make_private_dirs(path.parent)
        atomic_write(path, content)
    except OSError as error:
        raise ReportError(
            f"cannot write the report to {path} ({error.strerror or error}); make that "
            "folder writable or choose another file (observe report … -o FILE.pdf)."
        ) from error
    return path


def _make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and each missing folder above it, every one 0700."""
    from observe.store.perms import make_private_dir

    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        make_private_dir(directory)
