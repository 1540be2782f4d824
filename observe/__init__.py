"""observe: live coding and analysis of caregiver-infant attunement."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("observe")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
