"""Scheme files: TOML, JSON and YAML through dtbd's cattrs converter, and their JSON Schema."""
