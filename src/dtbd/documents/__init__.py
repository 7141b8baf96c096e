"""A scheme's progress report as a document: self-contained HTML, Word (.docx) and Markdown."""
