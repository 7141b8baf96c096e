"""Renderers of results for people: HTML, dataframes, plots and their words."""
