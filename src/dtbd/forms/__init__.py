"""Official statistics forms as data, filled from records and written as .xlsx, Markdown, HTML."""
