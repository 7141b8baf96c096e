"""Progress: the pace and status of each target from the engine's tallies."""
