"""Rule checks: who was sent against a scheme's or a law's rules."""
