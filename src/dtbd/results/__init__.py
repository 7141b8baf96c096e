"""Results as plain attrs data: progress, evaluations, findings, rule violations."""
