"""The offline counterpart's mind: what it heard, what it remembers, and how it decides what to say."""
