"""kg's own error and warning types.

The library raises these; the CLI turns them into one line on stderr and a non-zero exit code
in one place (``kg.cli``). Messages name the bad value and what would fix it.
"""

__all__ = ["KGError", "InputError", "OutputError", "ModelNotInstalled", "KGWarning", "InputWarning"]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input path or document that cannot be used."""


class OutputError(KGError):
    """An output path that cannot be written."""


class ModelNotInstalled(KGError):
    """A spaCy pipeline that kg needs is not installed."""


class KGWarning(UserWarning):
    """Base class of kg's warnings."""


class InputWarning(KGWarning):
    """A file or record that was skipped or read with a fallback; the message names it."""
