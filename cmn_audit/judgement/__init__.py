"""A methodologist's judgement: what to review, decisions remembered, the text of explain/review."""
