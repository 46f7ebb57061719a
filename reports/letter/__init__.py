"""A school's letter: its context, number and deadline, follow-up, HTML, DOCX and e-mail draft."""
