"""Marsad's data files (TSV); a package so :mod:`importlib.resources` can find them."""
