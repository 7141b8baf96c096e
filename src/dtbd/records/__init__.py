"""Records in: the Records container, dicts, CSV, Parquet and Excel files, and dataframes."""
