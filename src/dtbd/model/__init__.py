"""The model: schemes, targets, scopes, periods, people, courses, budgets and rules."""
