"""The analytic reference (справка): its context, wording, history, charts, HTML and DOCX."""
