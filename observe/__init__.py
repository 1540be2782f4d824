"""observe: live coding and analysis of caregiver-infant attunement."""

#: The one place the version is written; pyproject.toml reads it from here. (Asking
#: importlib.metadata at import time cost every start of observe about 50 ms.)
__version__ = "0.1.0"
