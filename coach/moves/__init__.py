"""Understanding what the learner said: the trained move model and what is built on it."""
