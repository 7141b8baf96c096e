"""The plan audit: a scheme's own figures checked against each other."""
