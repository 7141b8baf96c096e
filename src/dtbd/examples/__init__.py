"""Example records: synthetic courses, persons, attendances and spending for a scheme."""
