"""Outputs: terminal, JSON, JUnit XML, Markdown, HTML, run history."""
