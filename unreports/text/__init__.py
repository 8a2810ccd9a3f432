"""Text helpers: digit scripts, Arabic normalisation, numbers and dates."""
