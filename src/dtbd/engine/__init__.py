"""Engines: the measures run over Python objects or over dataframes, with the same tallies."""
