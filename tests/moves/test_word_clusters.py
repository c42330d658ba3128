"""Word clusters as features: a word's cluster and the pairs of neighbouring clusters, so a word nobody in the
corpus used still shares columns with its near synonyms. The run time must read the columns training wrote."""

from __future__ import annotations

from collections import Counter

from coach.moves.features import cluster_features, sentence_features, split_sentence, word_clusters
from coach.moves.model import MoveModel


def test_a_word_stands_for_its_cluster_and_neighbours_pair_up(tmp_path):
    path = tmp_path / "clusters.txt"
    path.write_text("pay salary wage remuneration\nrise increase\n", encoding="utf-8")
    words, _ = split_sentence("A remuneration increase of £2k, Bob?")
    assert cluster_features(words, path) == [
        "k:0", "k:1", "k:<money>", "k:?",  # "a" and "Bob" are in no cluster; a figure or mark stands for itself
        "k:<s>_-", "k:-_0", "k:0_1", "k:1_-", "k:-_<money>", "k:<money>_-", "k:-_?", "k:?_</s>",
    ]
    same, _ = split_sentence("a wage rise")
    assert set(cluster_features(same, path)) & set(cluster_features(words, path)) >= {"k:0", "k:1", "k:0_1"}


def test_without_a_cluster_file_there_are_no_cluster_features(tmp_path):
    assert word_clusters(tmp_path / "absent.txt") == {}
    assert cluster_features(["pay", "rise"], tmp_path / "absent.txt") == []


def test_the_run_time_reads_the_columns_training_wrote():
    model = MoveModel.load()
    for sentence in ["Could I have a remuneration increase from April?", "i wud like a raise pls, 5% if pos",
                     "What's stopping the team from taking the Monday pack?", "ok", "Give me the title or I walk."]:
        expected = Counter(model.vocabulary.columns(sentence_features(sentence)))
        assert Counter(model._sentence_columns(sentence)) == expected, sentence
