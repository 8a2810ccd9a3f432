"""unreports: United Nations reports to paragraphs and statistics with provenance."""

__version__ = "0.1.0"
