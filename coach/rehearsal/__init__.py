"""A rehearsal in progress: the turn loop, the counterparts that answer, and the session store."""
