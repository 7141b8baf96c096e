"""Reading a plan's targets out of its Vietnamese text: candidates and draft scheme files."""
