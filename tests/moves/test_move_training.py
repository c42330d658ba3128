"""Training the move model is one deterministic command: the same corpus gives the same file, byte for byte."""

from __future__ import annotations

import json

import pytest

from coach.moves import corpus
from coach.moves.model import GATE, MoveModel

pytest.importorskip("sklearn", reason="training needs the train extra (scikit-learn)")


def _small_corpus(root):
    """Every 12th corpus row (about 560), written as a corpus of its own."""
    (root / "corpus").mkdir(parents=True)
    rows = []
    for path in corpus.training_files():
        rows += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    (root / "corpus" / "sample.jsonl").write_text("\n".join(rows[::12]), encoding="utf-8")


def test_the_same_corpus_trains_the_same_model(tmp_path):
    from coach.moves.train import train

    _small_corpus(tmp_path / "data")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        train(out, verbose=False, root=tmp_path / "data", casino_path=None, grid=(4.0,))
    assert first.read_bytes() == second.read_bytes()
    model = MoveModel.load(first)
    assert set(model.labels) == {*corpus.LABELS, GATE}
    assert model.score("I'd like the senior title from April.").confidence["specific-ask"] > 0.5
    # the flags read the line alone: what came before does not make a line more or less aggressive or hedged
    for flag in corpus.FLAGS:
        j = model.labels.index(flag)
        assert not model.numpy_reading.weights[model.context_start:, j].any()
        line = "Give me the title or I'll walk, and sorry, I know it's probably a silly thing to ask."
        assert model.score(line, "Fair question.").confidence[flag] == pytest.approx(model.score(line).confidence[flag])


def test_near_duplicates_never_straddle_splits():
    rows = corpus.load(corpus.training_files())
    groups = corpus.near_duplicate_groups(rows)
    splits = corpus.assign_splits(rows)
    by_group: dict[int, set[str]] = {}
    for g, s in zip(groups, splits):
        by_group.setdefault(g, set()).add(s)
    assert all(len(s) == 1 for s in by_group.values())


def test_blind_sets_share_no_near_duplicate_with_the_training_rows():
    """Stock phrases ("fine whatever", "mm-hm", "let me know if there's anything I can do") turn up wherever
    people talk, so a blind set may share a handful of them with the corpus (7 of 360 at most so far); never
    more than 3% of its rows."""
    training = corpus.load(corpus.training_files())
    for path in corpus.blind_files():
        blind = list(corpus.read(path))
        groups = corpus.near_duplicate_groups(training + blind)
        seen = set(groups[: len(training)])
        shared = [row.text for row, g in zip(blind, groups[len(training) :]) if g in seen and len(row.text.split()) >= 6]
        assert len(shared) <= 0.03 * len(blind), f"{path.name}: {shared[:5]}"


def test_corpus_size_and_coverage():
    rows = corpus.load(corpus.training_files())
    assert len(rows) >= 6000
    for label in corpus.LABELS:
        assert sum(label in r.labels for r in rows) >= 200, label
    labelled = [r for r in rows if r.informs is None]  # rows marked for some moves only say nothing of the rest
    multi = sum(len(r.labels - {corpus.CARE}) >= 2 for r in labelled)
    assert multi / len(labelled) >= 0.25
    assert sum(r.care == "overload" for r in rows) >= 300


def test_every_corpus_file_is_well_formed():
    from importlib import util

    spec = util.spec_from_file_location("check_rows", corpus.ROOT / "check_rows.py")
    check_rows = util.module_from_spec(spec)
    spec.loader.exec_module(check_rows)
    for path in [*corpus.training_files(), *corpus.blind_files()]:
        _, problems, _ = check_rows.check(str(path))
        assert not problems, problems[:3]
    json.loads((corpus.ROOT / "blind" / "custom-criteria-2026-12-04.json").read_text(encoding="utf-8"))


def test_past_the_column_limit_the_strongest_columns_are_kept():
    """The weights file stays under 10 MB however the vocabulary grows: past `MAX_COLUMNS`, the columns one plain fit
    weighs least are left out before training."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from coach.moves.train import strongest_columns

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    noise = rng.random((200, 5)) * 0.01
    X = csr_matrix(np.column_stack([noise, y.astype(float), 1 - y]))  # columns 5 and 6 tell the label
    keep = strongest_columns(X, y[:, None].astype(np.int8), np.ones((200, 1), bool), 32.0, limit=2)
    assert keep.tolist() == [False] * 5 + [True, True]
    assert strongest_columns(X, y[:, None].astype(np.int8), np.ones((200, 1), bool), 32.0, limit=7).all()


def test_a_row_marked_for_some_labels_speaks_only_for_those(tmp_path):
    """A coherence script's line says which moves its writer meant, not its flags: it trains and is measured on the
    labels in its `informs` alone, and is no neutral turn."""
    from coach.moves.evaluation import evaluate
    from coach.moves.train import masks

    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": "No, and that's final.", "previous": None, "moves": [], "flags": [],
                                "informs": ["specific-ask", "next-steps"]}) + "\n", encoding="utf-8")
    row = next(corpus.read(path))
    assert row.informs == {"specific-ask", "next-steps"} and not row.neutral
    assert masks([row])[0].tolist() == [label in row.informs for label in corpus.LABELS]

    class Hears:  # a detector that hears aggression, a flag the row does not speak for
        def detect(self, text, previous=None):
            from coach.core.detection import Detection, Hit

            return Detection(text, flags=(Hit("aggression", 0, 3, text[:3]),))

    report = evaluate(Hears(), [row], ["specific-ask", "aggression"])
    assert report.per_criterion["aggression"].fp == 0 and report.neutral.rows == 0
