"""Workshop tools for trainers: reports across sessions, scenario checks, shareable exports."""
