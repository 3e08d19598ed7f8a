"""quizgen: compile study content packs into Anki decks and printable quizzes.

The pipeline, one module per stage: :mod:`quizgen.load` (YAML → located data),
:mod:`quizgen.validate` (→ typed :class:`~quizgen.model.Pack` + problems),
:mod:`quizgen.bank` (→ questions), :mod:`quizgen.render` (→ bytes), and
:mod:`quizgen.write` (→ files on disk, atomically). :mod:`quizgen.build` runs it.
"""

# No imports, not even of __future__: the command starts here, and until
# quizgen.__main__ takes over Ctrl-C, each import is a moment it would print a traceback.
__version__ = "0.1.0"
