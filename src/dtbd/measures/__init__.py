"""Measures: what each target counts, compiled to plain data that every engine runs."""
