"""opengu: Government 3.0 for a Korean district office."""

__version__ = "0.1.0"
