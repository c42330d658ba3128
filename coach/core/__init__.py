"""The kernel: what every part of coach shares and nothing else.

Sessions and turns, the scorecard, the detection a learner's turn gets, the counterpart protocol, the
error types, settings, file paths and text hygiene. It imports no other coach package (the layers are
checked by `lint-imports`; see `.importlinter`), so anything here can be used anywhere.
"""
