"""quizgen: compile study content packs into Anki decks and printable quizzes.

The pipeline, one module per stage: :mod:`quizgen.load` (YAML → located data),
:mod:`quizgen.validate` (→ typed :class:`~quizgen.model.Pack` + problems),
:mod:`quizgen.bank` (→ questions), :mod:`quizgen.render` (→ bytes), and
:mod:`quizgen.write` (→ files on disk, atomically). :mod:`quizgen.build` runs it.
"""

from __future__ import annotations

__version__ = "0.1.0"
