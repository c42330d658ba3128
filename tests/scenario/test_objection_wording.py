"""An objection's lines must not put words in the learner's mouth: the workload manager who keeps Harlow with the
learner says so, without "you're not hearing me on Harlow" or "I can't take it off you" to a learner who never asked
to give it up (a blind rating of coherence set 133 found five such replies), and a worry headed off gets a nod that
credits nothing the learner did not say."""

from __future__ import annotations

import re

PRESUMES = re.compile(r"not hearing me|can't take it off you|you're protecting", re.IGNORECASE)


def test_the_harlow_objection_presumes_no_contest(catalog):
    objection = next(o for o in catalog.get("workload-boundary").scenario.counterpart.objections if o.id == "harlow-fixed")
    for line in [objection.line, *objection.press, *objection.pre_empted]:
        assert not PRESUMES.search(line), line
