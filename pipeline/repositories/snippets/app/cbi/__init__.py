"""CBI health surveillance (sample application for the pipeline runner)."""
