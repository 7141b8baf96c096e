"""Figures: stated quantities (qualifier, numbers, unit), parsed, compared and formatted."""
