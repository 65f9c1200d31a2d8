"""Plain Python helpers: no Django models, nothing else of ours imported."""
