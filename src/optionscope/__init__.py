"""optionscope: decision support for policy options."""

__version__ = "0.1.0"
