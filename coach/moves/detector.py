"""The offline move detector: which criteria a learner's turn shows, how confidently, and where.

The decision is the trained move model's (`coach.moves`): one pass per turn gives a confidence per label
for the whole turn and for each sentence, so a shown move is quoted by the sentence that shows it best.
Criteria the model was not trained on (a scenario's `[[rubric.custom]]`, or a criteria library's own) are
recognised from their example lines, or from regex signals run with a time limit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from coach.core.detection import SHOWN, Detection, Hit, on_shown_scale
from coach.moves.care import needs_care
from coach.moves.features import MAX_CHARS, reading_spans
from coach.moves.model import CARE, MoveModel, shared_care_model, shared_model
from coach.moves.signals import Signals
from coach.scenario.criteria import CriteriaLibrary, Criterion

if TYPE_CHECKING:
    from coach.moves.custom import ExampleHead

# "Touched on": a confidence this fraction of the way to a label's "maybe" cut-off. The maybe cut-off lets 95% of
# the true moves through on the rows it was chosen on, fewer on wording nobody here wrote, so the scorecard says
# "never came up" only below this (on the scorecard sets 3 to 11 it cut false absences from 5% to 3%).
FAINT = 0.35
# Example lines stand alone, so a move that only counts after a refusal is read as if one came before.
_ASSUMED_REFUSAL = "No, I can't agree to that right now."


class Detector:
    def __init__(self, library: CriteriaLibrary, extra: Iterable[Criterion] = (), model: MoveModel | None = None,
                 care_model: MoveModel | None = None):
        self.model = model or shared_model()
        self._care_given = care_model or (self.model if model is not None else None)  # a test's model reads care too
        extra = tuple(extra)
        self._flags = {c.id for c in [*library.criterion, *extra] if c.kind == "flag"}
        # The model reads the library's criteria it was trained on; the rest (an author's) by examples or signals.
        self._learned = [c.id for c in library.criterion if c.id in self.model.labels]
        self._own_criteria = [c for c in [*library.criterion, *extra] if c.id not in self._learned]
        self._examples: dict[str, ExampleHead] = {}
        self._signals: dict[str, Signals] = {}
        for c in self._own_criteria:
            if c.examples:
                from coach.moves.custom import ExampleHead  # numpy and word vectors: only for an author's criteria

                self._examples[c.id] = ExampleHead.build(c.examples, c.counter_examples)
            elif c.signals is not None:
                self._signals[c.id] = Signals.build(c)
        self._vague = [re.compile(p) for p in library.detector.vague]
        self._example_moves: dict[str, frozenset[str]] = {}
        self._recalled: set[str] = set()

    def recognises(self, criterion_id: str) -> bool:
        """Whether offline play can see this criterion at all."""
        return criterion_id in self._learned or criterion_id in self._examples or criterion_id in self._signals

    def example_moves(self, line: str) -> frozenset[str]:
        """The moves an example line (a debrief's model line, a criterion's example) shows in any context.
        Remembered: every session scored against the scenario asks about the same few lines."""
        found = self._example_moves.get(line)
        if found is None:
            found = (self.detect(line, care=False).move_ids
                     | self.detect(line, previous=_ASSUMED_REFUSAL, care=False).move_ids
                     | self._clear_in_a_sentence(line) | self._clear_in_a_sentence(line, _ASSUMED_REFUSAL))
            self._example_moves[line] = found
        return found

    def recall_examples(self, known: Mapping[str, Iterable[str]]) -> None:
        """Take `example_moves` answers kept from an earlier run (see `coach.service.example_cache`), for the
        same `examples_key`: reading a scenario's model lines is most of the model's work in a short score."""
        for line, moves in known.items():
            if line not in self._example_moves:
                self._example_moves[line] = frozenset(m for m in moves if self.recognises(m))
                self._recalled.add(line)

    def examples_read(self) -> dict[str, list[str]]:
        """The `example_moves` answers this detector worked out itself (not recalled), to keep for a later run."""
        return {line: sorted(moves) for line, moves in self._example_moves.items() if line not in self._recalled}

    @cached_property
    def examples_key(self) -> str | None:
        """What `example_moves` answers depend on: the model, the criteria it reads, and an author's criteria
        (None for a model not read from a file: nothing to key it by)."""
        if self.model.fingerprint is None:
            return None
        criteria = [c.model_dump_json() for c in self._own_criteria]
        said = "\n".join([self.model.fingerprint, ",".join(self._learned), _ASSUMED_REFUSAL, *criteria])
        return hashlib.sha256(said.encode("utf-8")).hexdigest()[:32]

    def _clear_in_a_sentence(self, line: str, previous: str | None = None) -> frozenset[str]:
        """Moves one sentence of the line clearly makes on its own: a model line that sets the measures and then
        says "I'll book our check-in for week six now." shows the next step, although the turn read whole,
        diluted by the first sentence, stays just under the cut-off."""
        analysis = self.model.analyse(line, previous)
        labels, clear = self.model.labels, analysis.scores.clear
        return frozenset(label for j, label in enumerate(labels) if label in self._learned and label not in self._flags
                         and any(float(p[j]) >= clear[label] for p in analysis.by_sentence))

    def is_distress(self, text: str) -> bool:
        """Acute distress: the session pauses with care. Overload at work is not (see `coach.moves.care`)."""
        return bool(text) and self._acute(text)

    @cached_property
    def _care_model(self) -> MoveModel:
        """Care has a reader of its own (`coach.moves.train_care`), loaded when a rehearsal first asks (a scorecard
        never does); without one, or with a move model given (a test's), the move model's care output."""
        return self._care_given or shared_care_model() or self.model

    def _acute(self, text: str) -> bool:
        care = self._care_model
        return needs_care(text, care.score(text).confidence[CARE], care.clear[CARE])

    def detect(self, text: str, previous: str | None = None, *, care: bool = True) -> Detection:
        """What the turn shows. The model remembers its reading of each turn (`MoveModel.analyse`), so the
        counterpart, the hint and the scorecard share one pass. `care=False` skips the check for acute
        distress (`distress` is then False): a scorecard does not pause, only a rehearsal does."""
        analysis = self.model.analyse(text, previous)
        scores = analysis.scores
        confidence = {cid: on_shown_scale(scores.confidence[cid], scores.clear[cid]) for cid in self._learned}
        shown = {cid for cid in self._learned if scores.confidence[cid] >= scores.clear[cid]}
        maybe = {cid for cid in self._learned if scores.maybe[cid] <= scores.confidence[cid] < scores.clear[cid]}
        faint = {cid for cid in self._learned if FAINT * scores.maybe[cid] <= scores.confidence[cid] < scores.maybe[cid]}
        spans: dict[str, tuple[int, int]] = {}
        near: dict[str, tuple[int, int]] = {}
        for cid in shown:
            spans[cid] = analysis.best_span(cid, self.model.labels) or (0, min(len(text), MAX_CHARS))
        for cid in maybe | faint:
            near[cid] = analysis.best_span(cid, self.model.labels) or (0, min(len(text), MAX_CHARS))
        for cid, head in self._examples.items():
            confidence[cid] = head.confidence(text)
            if confidence[cid] >= SHOWN:
                shown.add(cid)
                spans[cid] = self._best_example_span(head, text)
            elif confidence[cid] >= 0.4:
                maybe.add(cid)
                near[cid] = self._best_example_span(head, text)
        for cid, signals in self._signals.items():
            span = signals.find(text, previous)
            confidence[cid] = 1.0 if span else 0.0
            if span:
                shown.add(cid)
                spans[cid] = span
        hits = {cid: Hit(cid, a, b, text[a:b]) for cid, (a, b) in spans.items()}
        order = sorted(hits, key=lambda cid: (hits[cid].start, cid))
        return Detection(
            text=text,
            moves=tuple(hits[c] for c in order if c not in self._flags),
            flags=tuple(hits[c] for c in order if c in self._flags),
            vague=self._is_vague(text, shown, maybe),
            distress=care and self._acute(text),
            confidence=MappingProxyType(confidence),
            maybe=frozenset(maybe),
            near=tuple(Hit(cid, a, b, text[a:b]) for cid, (a, b) in sorted(near.items())
                       if cid not in self._flags and cid not in faint),
            faint=tuple(Hit(cid, a, b, text[a:b]) for cid, (a, b) in sorted(near.items()) if cid in faint - self._flags),
        )

    def _is_vague(self, text: str, shown: set[str], maybe: set[str]) -> bool:
        """Nothing shown or nearly shown, and either a few words or leaning on filler ("stuff", "kind of")."""
        if shown - self._flags or maybe - self._flags:
            return False
        norm = text[:MAX_CHARS].lower()
        return len(norm.split()) < 6 or sum(len(p.findall(norm)) for p in self._vague) >= 2

    @staticmethod
    def _best_example_span(head: ExampleHead, text: str) -> tuple[int, int]:
        spans = reading_spans(text) or [(0, min(len(text), MAX_CHARS))]
        return max(spans, key=lambda s: head.probability(text[s[0] : s[1]]))
