"""The frame engine: the measures as lazy narwhals queries over any dataframe."""
