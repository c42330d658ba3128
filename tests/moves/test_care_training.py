"""The care reader trains deterministically from the care rows, reads a line alone and whole, and is the one the
detector asks about distress."""

from __future__ import annotations

from coach.moves.model import CARE, MoveModel


def test_the_same_rows_train_the_same_reader(train_twice, tmp_path):
    from coach.moves import train_care

    (tmp_path / "care").mkdir()
    first, second = train_twice(train_care, 8, "care/rows.jsonl")
    assert first.read_bytes() == second.read_bytes()
    reader = MoveModel.load(first)
    assert reader.labels == (CARE,) and reader.whole_turn
    crisis = reader.score("I've written letters to my kids for after I'm gone.").confidence[CARE]
    ordinary = reader.score("Could we move the review to Thursday afternoon?").confidence[CARE]
    assert crisis > ordinary


def test_the_detector_asks_the_care_reader():
    from coach.moves.detector import Detector
    from coach.moves.model import shared_care_model
    from coach.scenario import load_criteria

    detector = Detector(load_criteria())
    assert detector._care_model is shared_care_model()


def test_strain_in_an_ordinary_rehearsal_goes_on_and_a_crisis_still_pauses():
    """The move model's care output paused on these (a held-out middling script; read coherence sets 22 and 36)
    and missed these (read care set 23): the care reader does neither."""
    from coach.moves.detector import Detector
    from coach.scenario import load_criteria

    detector = Detector(load_criteria())
    for line in ("I don't know how promotions really work here, to be honest. I've heard calibration is kind of a "
                 "black box.",
                 "I'm some tired, b'y, I've been at it fifty hours a week since Christmas and I'm not keeping up, "
                 "that's the truth of it.",
                 "to be honest I've been lying awake some nights running the schedule in my head and my partner says "
                 "I talk about corrugator downtime in my sleep which is funny but also not"):
        assert not detector.is_distress(line), line
    for line in ("Pension form? Bin it. I'll not be here to draw it. Sorted.",
                 "yeah sure. tbh sprint's fine, i've just been looking up bridges near the office lol. not joking really"):
        assert detector.is_distress(line), line
