"""The concrete terms in what someone says: days, dates, durations, figures, and the options of a choice.

The counterpart echoes them ("So Tuesdays and Thursdays, from January") and agrees only to terms the
learner proposed, so the phrases are kept as written, not normalised into a calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
_DAYS = re.compile(
    rf"\b(?:{_DAY}(?:\s*(?:,|and|&|or|\+|/)\s*{_DAY})*"
    r"|(?:one|two|three|four|1|2|3|4)\s+(?:home\s+|office\s+|remote\s+|wfh\s+)?days?\s+(?:(?:at|from|in)\s+(?:home|the\s+office)\s+)?"
    r"(?:a|per|each)\s+week"
    r"|(?:a\s+)?(?:four|4|nine|9)[- ]day\s+(?:week|fortnight)|compressed\s+hours|weekends?)\b"
    r"(?!,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b)",  # "Monday 11 January" is a date, not a day off
    re.IGNORECASE,
)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = re.compile(
    rf"\b(?:(?:from|by|in|until|before|after|starting|start of|end of|mid|mid-|early|late)\s*)?"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})|(?:{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?!\w)))"
    r"|\b(?:next|this|the\s+end\s+of\s+the)\s+(?:week|month|quarter|term|year|sprint)\b"
    r"|\bq[1-4]\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\bweek\s+(?:\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)\b"
    r"|\bby\s+(?:monday|tuesday|wednesday|thursday|friday)\b"
    r"|\b(?:from|by|on|until|before|after|starting)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_NUMBER = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty)"
_DURATION = re.compile(
    rf"\b{_NUMBER}[- ](?:weeks?|months?|days?|quarters?|terms?|sprints?|years?)(?:[- ](?:trial|pilot|review|plan))?\b"
    r"|\b(?:a|one)\s+(?:fortnight|month|quarter|term|year)\b",
    re.IGNORECASE,
)
# A number ends on a digit ("£44,000." ends at the last 0) and a unit is a whole word: "£44,000. My proposal" is
# £44,000, not "£44,000. M" (millions).
_FIGURE = re.compile(
    r"(?:[£$€]\s?\d(?:[\d,.]*\d)?(?:\s?(?:k|m|bn|million|thousand)\b)?"
    r"|\b\d(?:[\d,.]*\d)?\s?(?:%|(?:percent|per cent|k|hours?|hrs?)\b))",
    re.IGNORECASE,
)
# Two figures that span one range: "£41,000 to £44,000", "41-44k", "between 30 and 35 hours" (the low end may go
# without its unit; the high end is a figure).
_LOW_END = r"[£$€]?\s?\d(?:[\d,.]*\d)?(?:\s?(?:%|(?:k|m|bn|million|thousand|percent|per cent|hours?|hrs?)\b))?"
_RANGE = re.compile(rf"\bbetween\s+{_LOW_END}\s+and\s+(?:{_FIGURE.pattern})"
                    rf"|(?<![\w£$€.,]){_LOW_END}\s*(?:-|–|—|\bto\b)\s*(?:{_FIGURE.pattern})", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
# (", which Priya agreed to" is an aside about an option, not the question's "which")
_CHOOSE = re.compile(r"\b(?:rather|prefer|either|between|whether|better(?: for you)?|(?<!,\s)which(?: one)?|would you like)\b[:,]?\s*",
                     re.IGNORECASE)
_ASKS_TO_CHOOSE = re.compile(r"\b(?:rather|prefer|which|either|whether|better)\b", re.IGNORECASE)


@dataclass
class Terms:
    days: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)  # those of the dates given as the latest they can be
    durations: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)  # lengths that say when a review falls ("a six-month review")
    ranges: list[str] = field(default_factory=list)  # those of the figures that span two ("£41,000 to £44,000")

    def all(self) -> list[str]:
        return [*self.days, *self.dates, *self.durations, *self.figures, *self.reviews]


_NEGATED = re.compile(r"\b(?:not|no|nae|never|except(?:\s+for)?|excluding|(?:any|every)\s+(?:day|weekday)\s+bar|but\s+not"
                      r"|apart from|other than|rather than"
                      r"|instead of|without)\s+(?:on\s+)?(?:a\s+)?$", re.I)


# A date in a story ("since I moved in March"), one the other side floated ("if you're thinking June"), or one
# ruled out after it ("June is too late") is not the learner's; a period after "once" or "every" is how often.
_STORY = re.compile(r"\b(?:since|ago|last|moved|back\s+in)\b[^.;!?]{0,25}$", re.I)
_THEIRS = re.compile(r"\byou(?:'re|\s+are|\s+were)?\s+(?:thinking|suggesting|offering|saying|proposing)\s+(?:of\s+|about\s+)?$", re.I)
_RULED_OUT = re.compile(r"^\W*(?:is|'s|would\s+be|are|was)\s+(?:too\s+(?:late|early|soon|far)|no\s+good|out|not\s+"
                        r"(?:possible|an\s+option|going\s+to\s+work))\b|^\W*(?:won't|wouldn't|doesn't|does\s+not|will\s+not"
                        r"|can't|cannot)\s+work\b", re.I)
_THEIR_FIGURE = re.compile(r"\byou(?:'ve|\s+have)?\s+(?:said|reckon(?:ed)?|think|thought|mentioned|quoted|estimated|put\s+it\s+at"
                           r"|(?:have|had|got)\s+me\s+(?:down\s+)?(?:at|on|as))\b[^.;!?,]{0,25}$", re.I)
_GIVEN_UP = re.compile(r"^[^\w.;!?]*(?:(?:is|'s|would\s+be|was|feels|seems|sounds)\s+(?:a\s+(?:bit\s+of\s+a\s+|big\s+)?stretch|too\s+"
                       r"(?:much|high|steep|big|far|many|rich|low|little|small|short|mean|cheap|heavy)"
                       r"|a\s+lot|out\s+of\s+the\s+question|not\s+(?:possible|doable|realistic"
                       r"|an\s+option)|off\s+the\s+table|a\s+non-starter)|(?:won't|wouldn't|doesn't|can't|cannot)\s+(?:fly|work|happen)"
                       # "£42k's off, then", "so £42k is out", "£42k's aff" (and not "is out of date", "is off to finance")
                       r"|(?:'s|’s|\s+is|\s+are)\s+(?:off|out|aff|oot|gone|dead|dropped)(?!\s+(?:of|to|for|in|on|at|there|by)\b))\b",
                       re.I)
# Given up before it is named: "forget the £42k", "scrap £42k", "never mind £42,000".
_DROPPED = re.compile(r"\b(?:forget|scrap|drop|ditch|bin|park|never\s+mind)\s+(?:about\s+)?(?:the\s+)?$", re.I)
# What the speaker is paid now ("I'm on £36.8k", "I earn 31,000", "my salary is £29k", "currently on £14.20 an
# hour"): where they start from, not a figure they put forward.
_PAID_NOW = re.compile(r"(?:\b(?:i'?m|i\s+am)\s+(?:currently\s+|only\s+|still\s+|just\s+)?on|\bi\s+(?:currently\s+|only\s+)?"
                       r"(?:earn|make|take\s+home|get\s+paid|am\s+paid)|\bi'?m\s+paid|\bmy\s+(?:current\s+|basic\s+)?"
                       r"(?:salary|pay|wage|rate|base)\s+(?:is|of)|\bcurrently\s+(?:on|at|paid))\s*(?:about\s+|around\s+|just\s+)?$",
                       re.I)
# A day ruled out after it is named: "with Mondays off the table", "Monday's out", "Fridays are no good".
_DAY_RULED_OUT = re.compile(r"^\W*(?:(?:is|are|'s|would\s+be|being|were)\s+)?(?:off\s+the\s+table"
                            r"|out(?!\s+(?:of|at|in|on|there|and|for|with))\b|no\s+good|a\s+no[-\s]go"
                            r"|excluded|ruled\s+out)",
                            re.I)


# A day said as one in the building ("Mondays I stay in the building for the network review", "in the office on
# Fridays"): where they will be, not the day they ask for.
_WORKPLACE = r"(?:the\s+)?(?:building|office|depot|yard|site|ward|school|shop|plant|warehouse)"
_IN_AFTER = re.compile(r"^\W*(?:(?:i|we)(?:'ll|'d|'m|\s+will|\s+would|\s+am)?\s+)?(?:always\s+|still\s+)?"
                       r"(?:stay|stays|be|am|are|'m|come|work|in)\s+(?:in\s+|at\s+|on\s+)?" + _WORKPLACE + r"\b"
                       r"|^\W*(?:stay|stays|are|is|'s)\s+(?:in\s+|at\s+)" + _WORKPLACE + r"\b", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|at)\s+" + _WORKPLACE + r"\s+(?:on\s+|every\s+)?$", re.I)


def _in_the_building(text: str, m: re.Match) -> bool:
    return bool(_IN_AFTER.match(text[m.end():]) or _IN_BEFORE.search(text[max(0, m.start() - 30) : m.start()]))


def _ruled_out_after(rest: str) -> bool:
    return bool(_DAY_RULED_OUT.match(rest) or _RULED_OUT.match(rest) or _GIVEN_UP.match(rest))


_IN_DAYS = re.compile(r"[- ]days?\b(?![- ](?:trial|pilot|review|plan))", re.I)
_HOW_OFTEN = re.compile(r"\b(?:once|twice|every|each|per|times)\s+$", re.I)
_ASKED_WHEN = re.compile(r"^(?:from|by|until|before|after|starting|start of|end of)\b", re.I)


def _said(pattern: re.Pattern, text: str) -> Iterator[tuple[str, re.Match, bool]]:
    """Every match as written, and whether the speaker rules it out ("not Mondays", "rather than April")."""
    for m in pattern.finditer(text):
        term = " ".join(m.group(0).strip(" ,.").split())
        if term:
            yield term, m, bool(_NEGATED.search(text[max(0, m.start() - 20) : m.start()]))


def _matches(pattern: re.Pattern, text: str) -> Iterator[tuple[str, re.Match]]:
    """Matches as written, minus any the speaker rules out."""
    return ((term, m) for term, m, ruled_out in _said(pattern, text) if not ruled_out)


def _found(pattern: re.Pattern, text: str, rules_out: re.Pattern | None = None) -> list[str]:
    """`_matches`' terms, minus any that `rules_out` finds just before them."""
    return [term for term, m in _matches(pattern, text)
            if not (rules_out and rules_out.search(text[max(0, m.start() - 20) : m.start()]))]


# What puts a date as the latest it can happen: "by", "before", "nominations close on", "the deadline is".
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until|till|no\s+later\s+than|close[sd]?|closing(?:\s+date)?|due|deadline"
                              # "deadline for signature is", "signature deadline:", "the cut-off is", "last day for forms is"
                              r"|(?:deadline|cut-?off|last\s+day)(?:\s+(?:for|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s*(?:is|was|:|-))"
                              r"(?:\s+(?:is|of|on|by))?\s+(?:the\s+)?$", re.IGNORECASE)


_MAY_ASKS = re.compile(r"\s+(?:i|we|you|he|she|they|it|this|that|be|have|not|need|ask|come|just|also)\b", re.I)


def _dates(text: str) -> tuple[list[str], list[str]]:
    """The dates the learner puts forward: not one ruled out or floated by the other side; a date said with
    "from", "by" or "before" first, a date inside a story last. And those of them given as deadlines ("before
    nominations close on 14 February"): what "by {date}" means, even when a start ("from the 1 April intake")
    is said first."""
    found, deadlines = [], []
    for term, m in _matches(_DATE, text):
        before = text[max(0, m.start() - 40) : m.start()]
        if term.lower() == "may" and _MAY_ASKS.match(text[m.end():]):
            continue  # "May we book the review?": the verb, not the month
        if not (_THEIRS.search(before) or _RULED_OUT.match(text[m.end():])):
            found.append((bool(_STORY.search(before)), not _ASKED_WHEN.match(term), term))
            if re.match(r"(?:by|before|until)\b", term, re.IGNORECASE) or _DEADLINE_BEFORE.search(before[-30:]):
                deadlines.append(term)
    return [term for *_, term in sorted(found, key=lambda f: f[:2])], deadlines


def spoken(duration: str) -> str:
    """A length as said on its own, for slots such as "for {duration}": "nine-month" (written before a noun) is
    "nine months", "a 12-week trial" is "12 weeks", and "Twelve weeks" that opened the learner's sentence is
    "twelve weeks" inside the counterpart's."""
    said = re.sub(r"[- ](?:trial|pilot|review|plan)$", "", duration)
    said = re.sub(r"^(?!(?:a|an|one|1)\b)(\w+)[- ](week|month|day|year|quarter|term|sprint)$", r"\1 \2s", said)
    said = re.sub(r"^(a|an|one|1)-(week|month|day|year|quarter|term|sprint)$", r"\1 \2", said)
    return said[:1].lower() + said[1:] if re.match(r"[A-Z][a-z]+\b", said) else said


# A length said as a condition or a story is not a term: "if it slips two weeks running", "three months ago",
# "two weeks' notice", "a month behind".
_NOT_A_TERM = re.compile(r"^['’]?\s*(?:running|in\s+a\s+row|straight|on\s+the\s+trot|ago|back|late|early|behind"
                         r"|overdue|notice|of\s+(?:notice|leave|holiday|sick)"
                         # how long someone has been somewhere: "she's two years in, and…", "two years' experience",
                         # "three years in the job", "six years here", "two years qualified"
                         r"|(?:of\s+)?experience"
                         r"|in\s+(?:the|this|that|her|his|their|my)\s+(?:job|role|post|team|department|trade)"
                         r"|here|with\s+us|on\s+the\s+(?:team|ward|desk|job|floor|line)|qualified|service|under\s+(?:her|his|their|my)\s+belt)\b",
                         re.I)
# "she's two years in, and…" (not "nine months in, then a review": that is how long, asked for)
_IN_POST_BEFORE = re.compile(r"(?:['’]s|\bis|\bare|['’]re|\bbeen)\s+$", re.I)
_IN_POST_AFTER = re.compile(r"^\s*in\b(?!\s+(?!(?:and|but|now|so|already|yet)\b)[a-z0-9])", re.I)
# ...or said after what someone has done for that long: "he's been here three years", "I've worked on the desk for six
# years".
_TENURE_BEFORE = re.compile(r"\b(?:been|worked|working|served)(?:\s+(?:here|there|(?:on|in|at|with)\s+(?:the\s+)?[\w-]+"
                            r"|doing\s+(?:it|this|that|the\s+[\w-]+(?:\s+[\w-]+)?)))?\s+(?:for\s+)?$", re.I)


# A length one goes back to is the fallback, not the proposal: "if it slips, I'm back in five days" (in the office),
# "back to four days", "I'll be back in two weeks".
_GOING_BACK = re.compile(r"\bback\s+(?:in|to|on|at)\s+(?:the\s+office\s+)?$", re.I)
# When a review falls, not how long the thing asked for lasts: "a six-month review", "a review after four weeks",
# "check in after a month" ("nine months with a six-month review" is a nine-month secondment).
_REVIEW_WORD = r"(?:review|check(?:ing)?(?:\s|-)?in|catch(?:\s|-)?up|checkpoint|look\s+at\s+it\s+again|reassess|take\s+stock)"
_REVIEW_AFTER = re.compile(_REVIEW_WORD + r"\w*\s+(?:\w+\s+){0,3}?(?:after|at|in|every)\s+(?:the\s+|a\s+)?$", re.I)
_REVIEW_NEXT = re.compile(r"^[\s-]*(?:\w+\s+)?" + _REVIEW_WORD + r"\b", re.I)


def terms_in(text: str) -> Terms:
    # A day ruled out before it anywhere in the line is not put forward by naming it again: "never Monday. Monday I
    # am always here for the network review."; one ruled out after it is that mention only ("if every Friday is too
    # much, we do every second Friday").
    said = list(_said(_DAYS, text))
    ruled_out = {term.lower() for term, _, negated in said if negated}
    days = [term for term, m, negated in said
            if not negated and term.lower() not in ruled_out and not _ruled_out_after(text[m.end():])
            and not _in_the_building(text, m)]
    # "12 weeks" is a duration, not a week number; "two days a week" is days, not a duration.
    durations, reviews = [], []
    for term, m in _matches(_DURATION, text):
        before = text[max(0, m.start() - 40) : m.start()]
        in_post = _IN_POST_BEFORE.search(before) and _IN_POST_AFTER.match(text[m.end():])
        if (_HOW_OFTEN.search(before[-20:]) or _GOING_BACK.search(before[-30:]) or _TENURE_BEFORE.search(before[-40:])
                or in_post or _NOT_A_TERM.match(text[m.end():].lstrip()) or any(term in x for x in days)):
            continue
        review = (re.search(_REVIEW_WORD, term, re.I) or _REVIEW_AFTER.search(before)
                  or _REVIEW_NEXT.match(text[m.end():]))
        (reviews if review else durations).append(term)
    # Beside a length in weeks or months, "one day" and "two days" count days, not a trial's length ("one day
    # for the first six weeks, then two days after the review" is a six-week pilot).
    if any(not _IN_DAYS.search(d) for d in durations):
        durations = [d for d in durations if not _IN_DAYS.search(d)]
    put_forward, deadlines = _dates(text)
    dates = [d for d in put_forward if not any(d in x or x in d for x in durations + reviews)]
    # A named day or month ("27 January") is the date meant, more than "this term" said around it.
    dates.sort(key=lambda d: not re.search(rf"\d|\b{_MONTH}\b", d, re.IGNORECASE))
    # A figure put in the other side's mouth ("you said it's about 40 hours; my timesheets say 52") is theirs, one
    # given up for another ("if £2,000 is a stretch, then £1,200") is no longer asked for, and the pay they are on
    # now ("I'm on £36.8k") is where they start from: none is a term they put forward.
    said_figures = list(_said(_FIGURE, text))
    figures = [term for term, m, ruled_out in said_figures if not ruled_out
               and not (_THEIR_FIGURE.search(text[max(0, m.start() - 40) : m.start()]) or _GIVEN_UP.match(text[m.end():])
                        or _DROPPED.search(text[max(0, m.start() - 20) : m.start()])
                        or _PAID_NOW.search(text[max(0, m.start() - 40) : m.start()]) and _is_pay(term))]
    # A range ("adverts run £41,000 to £44,000", "41-44k") is one term, after any single figure beside it: "…so
    # £42,000 is the middle of the market" asks for £42,000, and the range is the evidence for it.
    # ("from £36,800 to £41,000" is a change, not a range.)
    spans = [(m.start(), m.end(), " ".join(m.group(0).strip(" ,.").split())) for m in _RANGE.finditer(text)
             if not _FROM.search(text[max(0, m.start() - 12) : m.start()])]
    in_range = {term: r for term, m, _ in said_figures for a, b, r in spans if a <= m.start() < b}
    ranges = [r for _, _, r in spans if any(in_range.get(f) == r for f in figures)]
    listed = _listed([(term, m) for term, m, _ in said_figures if term in figures and term not in in_range], text)
    in_range.update(listed)
    ranges += list(dict.fromkeys(listed.values()))
    figures = [f for f in figures if f not in in_range] + ranges
    # The figure asked for goes first: the one after "asking for", or "from £36,800 to £41,000"'s second
    # (not the top of a range quoted as evidence: "adverts run £41,000 to £44,000").
    target = re.search(r"\b(?:ask(?:ing)? for|want|looking for|request(?:ing)?|propos(?:e|ing)|need)\s+(?:\w+\s+)?("
                       + _FIGURE.pattern + ")", text, re.IGNORECASE) or re.search(
        r"\bfrom\s+" + _FIGURE.pattern + r"\s+to\s+(" + _FIGURE.pattern + ")", text, re.IGNORECASE)
    if target and figures:
        asked = " ".join(target.group(1).strip(" ,.").split())
        asked = in_range.get(asked, asked)  # "I'm asking for £41k-£44k" asks for the range
        figures = [asked] + [f for f in figures if f != asked]
    return Terms(days=days, dates=dates, deadlines=[d for d in dates if d in deadlines], durations=durations,
                 figures=figures, options=choice_options(text), reviews=reviews,
                 ranges=[r for r in figures if r in ranges])


_LIST_GAP = re.compile(r"^\s*(?:,|&|and|or|,\s*(?:and|&|or))?\s*$", re.IGNORECASE)  # the comma may end the figure


def _listed(found: list[tuple[str, re.Match]], text: str) -> dict[str, str]:
    """Three or more figures of one kind listed together ("£41.5k, £42k & £44k") as their span ("£41.5k to £44k"):
    evidence said back whole, like a range. Each listed figure maps to its span."""
    runs: list[list[tuple[str, re.Match]]] = []
    for term, m in found:
        last = runs[-1][-1] if runs else None
        same_kind = last is not None and (figure_value(last[0]) or ("",))[0] == (figure_value(term) or ("?",))[0]
        if last is not None and same_kind and _LIST_GAP.match(text[last[1].end() : m.start()]):
            runs[-1].append((term, m))
        else:
            runs.append([(term, m)])
    spans: dict[str, str] = {}
    for run in runs:
        values = [(figure_value(term) or ("", 0.0))[1] for term, _ in run]
        if len(run) >= 3 and len(set(values)) > 1:
            low, high = run[values.index(min(values))][0], run[values.index(max(values))][0]
            spans.update({term: f"{low} to {high}" for term, _ in run})
    return spans


def _is_pay(figure: str) -> bool:
    """Money, or a plain number large enough to be a salary ("I'm on 36,800"), not "I'm on 45 hours"."""
    value = figure_value(figure)
    return value is not None and (value[0] == "money" or value[0] == "plain" and value[1] >= 1000)


def figure_value(figure: str) -> tuple[str, float] | None:
    """A figure's kind (money, per cent, hours, plain) and amount: "£41k" is ("money", 41000.0)."""
    m = re.match(r"([£$€])?\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn|million|thousand|%|percent|per cent|hours?|hrs?)?",
                 figure.strip(), re.IGNORECASE)
    if not m:
        return None
    unit = (m.group(3) or "").lower()
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}.get(unit, 1.0)
    kind = "money" if m.group(1) or scale > 1 else "pct" if unit in ("%", "percent", "per cent") else (
        "hours" if unit.startswith(("hour", "hr")) else "plain")
    return kind, float(m.group(2).replace(",", "")) * scale


def same_order(a: str, b: str) -> bool:
    """Two figures of one kind within a factor of three: a revised ask ("£41,000, then") rather than another thing
    asked for beside it ("a one-off award of £1,500" after "£40,500 from September")."""
    x, y = figure_value(a), figure_value(b)
    if x is None or y is None or x[0] != y[0]:
        return False
    low, high = sorted((x[1], y[1]))
    return low > 0 and high <= 3 * low


def choice_options(text: str) -> list[str]:
    """The two options of a 'which would you rather: X or Y?' question, as the learner put them."""
    for chunk in re.findall(r"[^?]*\?", text):
        sentence = re.split(r"(?<=[.!])\s+", chunk.strip())[-1]  # the question's own sentence, not the ones before
        if " or " not in sentence.lower() or not _ASKS_TO_CHOOSE.search(sentence):
            continue
        head, _, tail = sentence.rpartition(" or ")
        if _FILLER_OR.match(tail):  # "2 days a week or something, not sure…": no second option
            continue
        # a colon that introduces the options, not one inside a time ("Monday 9th at 12:30 before your late"); a
        # "which" after a noun opens a relative clause, not the question ("the certification which is around £1,800")
        marks = [m.end() for m in _CHOOSE.finditer(head) if not _relative_which(head, m.start())]
        marks += [max((m.end() for m in _INTRO_COLON.finditer(head)), default=0)]
        start = max(marks)
        first = head[start:] if start > 0 else " ".join(head.split()[-6:])
        # each option without the aside after it: "X, which Dom says he can live with, or Y?"
        listed = _option_list(first.rstrip(" ,"))  # "Tuesday, Wednesday or Thursday?": three options, not two
        a, b = _trim(_aside_cut(first.rstrip(" ,"))), _trim(_aside_cut(tail.rstrip("?")))
        # "which of those would you rather start with, or both?": the options are before, not "start with"; "what
        # they saw or didn't see" is one thing asked for, yes or no, not two to pick from
        if _NOT_AN_OPTION.match(b) or _OR_NOT.match(b):
            continue
        if a and b and not (_YES_NO.match(a) or _YES_NO.match(b)):
            # a piece of the question read as an option ("would the 4th", "is there budget tied to it", "think"):
            # better to pick without naming it ("the first one") than to say it back
            if _NOT_PICKABLE.match(a) or _NOT_PICKABLE.match(b):
                return []
            return [*listed, b] if listed and not any(_NOT_PICKABLE.match(x) for x in listed) else [a, b]
    return []


# A piece of a list of options: a short phrase that names a thing or a day ("the course", "a day off", "Tuesday",
# "two days"), not the question's own words before it ("which is easier for you, X or Y", "for thee, X or Y").
_LIST_PIECE = re.compile(r"^(?:(?:the|a|an|my|your|our|their|one|two|three|four|five|some|more|less|extra|paid|funded"
                         r"|unpaid|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|jan\w*|feb\w*|mar\w*"
                         r"|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b|[£$\d])"
                         r"[^,]*$", re.IGNORECASE)


def _option_list(first: str) -> list[str]:
    """The options of a list before its last "or": "Tuesday, Wednesday" of "Tuesday, Wednesday or Thursday?",
    "the course, the award" of "the course, the award or a day off?" ([] when it is no list of short phrases that
    name things: "for thee, Tuesday and Thursday or…" is a question with two options)."""
    pieces = [_JOINING.sub("", piece.strip(" -\u2013")) for piece in re.split(r",\s+", first)]
    if len(pieces) < 2 or not all(_LIST_PIECE.match(piece) and len(piece.split()) <= 6 for piece in pieces):
        return []
    if re.search(r"\d,\s*\d", first):  # "a one-off £1, 000 for…": a figure broken at its comma is no list
        return []
    return [piece.rstrip(" ?!.,;:") for piece in pieces]


_FILLER_OR = re.compile(r"\s*(?:something|anything|whatever|summat|owt|so|similar|thereabouts)(?:\s+(?:like\s+that|else|other))?"
                        r"\s*(?:[,.?!]|$)", re.IGNORECASE)
_AFTER_A_WORD = re.compile(r"[\w£$%)]\s+$")
# (or a question put inside a sentence: "let me know which one…", "not sure which")
_OPENS_A_QUESTION = re.compile(r"\b(?:so|and|but|now|then|ok|okay|right|for|know|tell|say|decide|ask|wonder\w*|sure|see"
                               r"|choose|pick|me|us|about|on|of|is|are)\s+$", re.IGNORECASE)


def _relative_which(head: str, start: int) -> bool:
    before = head[:start]
    return (head[start:start + 5].lower() == "which" and bool(_AFTER_A_WORD.search(before))
            and not _OPENS_A_QUESTION.search(before))


# What a real option does not look like: a clause that asks ("would it help more to…", "is there budget…"; "do a
# one-off award" is an option, "do" standing for the work), an order word ("the latter"), a bare number ("one or
# two gaps"), a word left over from an aside ("…, I think, or"), a clause of a question that is no choice ("whether
# there is anything that would give you or the head pause, for I should hate…": "you or the head" is inside it).
_NOT_PICKABLE = re.compile(r"^(?:(?:would|could|should|will|can|shall|is|are|was|were)\s+"
                           r"(?:it|there|you|we|i|they|he|she|the)\b|(?:which|what|who|how|why|when|where)\b"
                           r"|there(?:'s|\s+is|\s+are|\s+was|\s+were)\b|(?:for|because|since|as|though|although)\s+(?:i|we|you|it|they|he|she)\b"
                           r"|(?:the\s+)?(?:former|latter|other)(?:\s+one)?\W*$"
                           r"|(?:one|two|three|four|\d+|that|this|it|think|so|then)\W*$)", re.IGNORECASE)


_NOT_AN_OPTION = re.compile(r"^(?:both|either|neither|all|none|all of them|both of them|something else|anything else)"
                            r"(?: (?:of them|of those|together|at once))?\W*$", re.IGNORECASE)


# The first half's verb negated, as the second half of an "or": "saw or didn't see", "will sign or won't", "or not like".
_OR_NOT = re.compile(r"^(?:(?:did|do|does|is|are|was|were|could|would|should|has|have|had|must)n'?t|won'?t|can'?t|cannot"
                     r"|not)(?:\s+[\w'-]+)?\W*$", re.IGNORECASE)


# "Does that do it, or would you rather Wednesday?": a yes-or-no question is not one of two options to pick from.
_YES_NO = re.compile(r"^(?:does|do|did|is|are|was|were|can|could|would|will|shall|should|has|have)\s+"
                     r"(?:that|this|it|you|we|they|he|she|i)\b", re.IGNORECASE)


# "X, or Y. Which is easier?": the options sit in the sentence before a short question that asks to choose.
# (and as people put it: "which one you prefer?", "which would sit easier wi you?", "which'd you rather?")
_SHORT_CHOICE = re.compile(r"^\W*(?:so\s+|and\s+)?(?:which|what)(?: one| of those| of them| of the two)?(?:'d)?\s+"
                           r"(?:is|would be|works|suits|sits|fits|(?:do |would )?you (?:prefer|rather|like|want|choose"
                           r"|pick)|'s|would (?:make|help|work|suit|sit|fit|go)|makes|helps)\b[^?]{0,50}\?$", re.IGNORECASE)


# "Option one: X. Option two: Y." or "One: X. Two: Y.": options numbered in the sentences before the question.
# (a comma after "option one" or "firstly" too: "Option one, the rebuild stops. Option two, the pack moves.")
_NUMBERED = re.compile(r"\b(?:(?:option\s+(?:a|one|1)|first(?:ly)?)\s*[:),\u2013-]|(?:one|1)\s*[:)\u2013-])"
                       r"\s*(?P<a>[^.;]+)[.;]\s+"
                       r"(?:(?:option\s+(?:b|two|2)|second(?:ly)?)\s*[:),\u2013-]|(?:two|2)\s*[:)\u2013-])"
                       r"\s*(?P<b>[^.;?]+)[.;]?\s*"
                       # "…Option three, Tom's two accounts go to someone else.": a third one, picked among all three
                       r"(?:(?:(?:option\s+(?:c|three|3)|third(?:ly)?)\s*[:),\u2013-]|(?:three|3)\s*[:)\u2013-])"
                       r"\s*(?P<c>[^.;?]+)[.;]?\s*)?$", re.IGNORECASE)


_LEADING_OR = re.compile(r"^(?:or|and)\s+", re.IGNORECASE)


def options_before(question: str, previous: str, earlier: str = "", pick: bool = False) -> list[str]:
    """The two options a short 'which is easier?' (or, with `pick`, 'your pick.') points back to, as the learner
    put them just before (in the sentence before, or numbered in the ones before that: `earlier` is all of the
    turn before the question)."""
    if not (pick or _SHORT_CHOICE.match(question)):
        return []
    numbered = _NUMBERED.search(earlier or previous) or _INLINE_NUMBERED.search(previous)
    if numbered:  # each option up to its first aside ("Aisha takes the pack, and I pair with her…")
        keys = ("a", "b", "c") if numbered.groupdict().get("c") else ("a", "b")
        firsts = [re.split(r",\s+(?:and|but|so|which|with)\s+", numbered.group(k).strip(" ,.:;"))[0] for k in keys]
        # ("2) Or I swap early cover with Leanne": the option, not its "or")
        return [_LEADING_OR.sub("", _aside_cut(option).strip(" ,.:;")) for option in firsts]
    # "I'll own the review. Or the redesign. Your pick." (not "Or both, if you'd rather.", which names none)
    alone = None if _ONLY_QUANTIFIERS.match(previous) else re.match(r"^\W*or\s+(.+)$", previous, re.IGNORECASE)
    first = earlier[: len(earlier) - len(previous)].strip() if alone and earlier.endswith(previous) else ""
    if alone and first:
        a = re.sub(r"^(?:i'll|i\s+will|i\s+could|i\s+can)\s+", "", re.split(r"(?<=[.!?])\s+", first)[-1], flags=re.IGNORECASE)
        return [x for x in (_trim(a), _trim(alone.group(1))) if x] if _trim(a) and _trim(alone.group(1)) else []
    if _ONLY_QUANTIFIERS.match(previous) and earlier.endswith(previous):  # "X, or Y. Either, or both. Your call."
        before = re.split(r"(?<=[.!?])\s+", earlier[: len(earlier) - len(previous)].strip())
        previous = before[-1] if before and before[-1] else previous
    if " or " not in previous.lower():
        return []
    head, _, tail = previous.rstrip(".!").rpartition(" or ")
    head = _ASIDE_INSIDE.sub("", head)  # "the Harlow account, about 40 clients, or…": the aside is not the option
    first = re.split(r"[:;]|,\s", head)[-1]
    # "Would you rather X, or Y", "Should I X, or Y", "If it helps we could X, or Y": the option is X
    first = _ASKED_FRAME.sub("", first)
    # "what I could do is take X": the option starts after the frame
    first = re.sub(r"^.*?\b(?:is|are|be|either)\s+", "", first, count=1, flags=re.IGNORECASE)
    first = re.sub(r"^(?:we|i)?\s*(?:could|can|might|would|will)\s+(?:do|have|go with|try|take(?:\s+on)?|pick\s+up|handle)\s+",
                   "", first, flags=re.IGNORECASE)
    a, b = _trim(first), _trim(_aside_cut(tail))
    return [a, b] if a and b else []


_ASKED_FRAME = re.compile(r"^\W*(?:(?:would|should|could|shall|can|do)\s+(?:you|ye|ya|u|i|we)\s+(?:rather\s+|prefer\s+)?"
                          r"|if\b[^,]{0,40}?\b(?:we|i)\s+(?:could|can|might|would)\s+)", re.IGNORECASE)


# A sentence of "either", "or both", "any of them" alone: it hands over options said before it, and names none.
_ONLY_QUANTIFIERS = re.compile(r"^\W*(?:(?:either|both|neither|any|one|all|whichever|or|and)"
                               r"(?:\s+(?:one|of\s+them|of\s+those|is\s+fine|works))?(?:\W+|$))+"
                               # "Or both, if you'd rather."
                               r"(?:if\s+(?:you|u)(?:'d|\s+would)?\s+(?:rather|like|prefer|want)\W*)?$", re.IGNORECASE)


# "(1) a one-off award, or (2) the certificate": options marked in one sentence.
_INLINE_NUMBERED = re.compile(r"(?:^|[\s:;,])\(?(?:1|a|i)\)\s*(?P<a>[^.;?]+?)[,;]?\s+(?:or\s+)?\(?(?:2|b|ii)\)\s*(?P<b>[^.;?]+)",
                              re.IGNORECASE)


# What an aside about an option opens with ("the certificate, about £2,000, paid from the training budget").
_ASIDE = r"about|around|roughly|approx\w*|costing|paid|funded|at\s+[£$€\d]"
_ASIDE_INSIDE = re.compile(rf",\s+(?:{_ASIDE})\b[^,]*(?=,\s*$)", re.IGNORECASE)


def _aside_cut(option: str) -> str:
    """The last option without the aside after it: "the CPIM course, which comes out of training, not pay", "the
    certificate, about £2,000, paid from the training budget"."""
    # (", whichever is easier to get past group" is an aside too, not the last option; so is a when: "a review on 14
    # October, before the December nominations are settled")
    option = re.split(rf",\s+(?:which(?:ever)?|whatever|whenever|depending|that|so|because|as|since|and|but|though"
                      rf"|before|after|until|till|ahead\s+of|in\s+time\s+for|while|{_ASIDE})\b", option, maxsplit=1,
                      flags=re.IGNORECASE)[0]
    return _UNMARKED_ASIDE.split(option, maxsplit=1)[0]  # typed without the comma: "…or Y because of the review"


# An aside after an option with no comma before it, as dictated or typed in one breath: "…or Wednesdays and Fridays I
# don't mind which but not Mondays", "…or we wait see how next quarter go because I no want make you enter wahala".
_UNMARKED_ASIDE = re.compile(r"\s+(?:because|cos|coz|bcoz|as\s+long\s+as|whichever|(?:i\s+)?(?:do\s+not|don'?t|dont)\s+mind"
                             r"|if\s+(?:that'?s|thats|that\s+is)\s+(?:ok|okay|alright|all\s+right|fine))\b", re.IGNORECASE)


# What leads into an option, not part of it: "rather I did Tuesdays, or…" offers Tuesdays ("did" stands for the work).
# ("I" or "we" stays before a modal: "I can take you off earlies" is said back "you can take me off earlies", not
# "can take me off earlies")
_LEAD = re.compile(r"^(?:to\s+|that\s+|(?:if\s+)?(?:i|we)\s+(?!(?:can|could|will|would|might|should|shall|may|must)\b))"
                   r"(?:(?:do|did|does)\s+(?!it\b|that\b|this\b))?", re.IGNORECASE)


def _trim(option: str) -> str:
    option = _JOINING.sub("", option.strip(" ,.:;-"))  # ", and I keep…"
    # "which would you rather I take on, the refunds design or…": the option is what follows the comma
    head, comma, tail = option.rpartition(", ")
    if comma and len(tail.split()) >= 2 and not _SUBORDINATE.match(tail):
        option = _JOINING.sub("", tail)  # "…retention bonus, or company pay for my diploma"
    elif comma and _SUBORDINATE.match(tail):
        option = head  # "a 12% adjustment triggered by the freeze lifting, whenever that is"
    option = re.sub(r"^(?:the\s+)?(?:option\s+of\s+)", "", option, flags=re.IGNORECASE)
    option = _ASKED_LEAD.sub("", option)  # "which one be the best for you you nominate me now": the question's words
    option = _ASKING_TAIL.sub("", _LEAD.sub("", option))  # "Wednesday and Thursday work better for you for the…"
    option = _RELATIVE_TAIL.sub("", option)  # "the certification which is around £1,800"
    return option.strip().rstrip(" ?!.,;:")  # said back inside a sentence of ours: no "?." after it


# Words that join or open a clause, not part of the option: "So Tuesday and Wednesday, or…", "Would Tuesday and
# Thursday or…", "…, or then two for the last eight?"
_JOINING = re.compile(r"^(?:(?:or|and|but|either|so|then|maybe|like|just|well"
                      r"|(?:would|could|should)(?!\s+(?:you|u|ye|i|we|they|he|she|it|there|the)\b))\b[\s,]*)+",
                      re.IGNORECASE)
_ASKING_TAIL = re.compile(r"\s+(?:would\s+)?(?:works?|suits?|is|be)\s+(?:better|best|easier)\s+for\s+(?:you|u|ye|thee)\b.*$",
                          re.IGNORECASE)
_ASKED_LEAD = re.compile(r"^(?:is|be|would\s+be|will\s+be|works?|suits?)\s+(?:the\s+)?(?:best|better|easier|easiest)\s+"
                         r"for\s+(?:you|u|ye|thee)\b[\s,:]*(?=\S)", re.IGNORECASE)
_RELATIVE_TAIL = re.compile(r"(?<=\w)(?<!ever)\s+(?:which|that)\s+(?:is|are|costs?|comes?\s+to|runs?)\b.*$", re.IGNORECASE)
# An aside after an option's comma, not the option: "…, whenever that is", "…, if that helps"
_SUBORDINATE = re.compile(r"(?:whenever|wherever|whatever|however|if|when|as|since|because|though|although|unless|say)\b",
                          re.IGNORECASE)
_INTRO_COLON = re.compile(r"(?<!\d):|:(?!\d)")


_SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
         "i've": "you've", "i'll": "you'll", "i'd": "you'd", "you": "me", "your": "my", "yours": "mine",
         "yourself": "myself", "you're": "I'm", "you've": "I've", "you'll": "I'll", "you'd": "I'd"}


def from_other_side(option: str) -> str:
    """An option as the other person says it back: "the course I've been after" -> "the course you've been after",
    "you talk to the joiners I am mentoring" -> "I talk to the joiners you are mentoring". Said mid-sentence ("If I
    have to pick, …"), an option that began the learner's sentence loses its capital ("Between now and February…"),
    unless it starts with a name."""
    option = _PRONOUN.sub(_swapped, option)
    first = option.split(" ", 1)[0]
    if first.lower() in _PLAIN_OPENERS and first[:1].isupper():
        option = option[:1].lower() + option[1:]
    return option


# Words that open an option only because the option opened a sentence: "Between now and February I lead…"
_PLAIN_OPENERS = frozenset("a an the between from in on at by after before during until till this that these those "
                           "some one two three four five six maybe perhaps probably either both just only we".split())


# "I am" and "you are" turn round whole; "you" is "I" where it starts a clause ("you talk to them") and "me" elsewhere
# ("I brief you").
_PRONOUN = re.compile(r"\b(?:(?P<be>i am|i was|you are|you were|am i|are you|was i|were you)"
                      r"|(?P<word>i'm|i've|i'll|i'd|you're|you've|you'll|you'd|i|me|my|mine|myself|you|your|yours|yourself))\b",
                      re.IGNORECASE)
_BE = {"i am": "you are", "i was": "you were", "you are": "I am", "you were": "I was", "am i": "are you",
       "are you": "am I", "was i": "were you", "were you": "was I"}
# "you" that starts a clause is its subject ("you talk to the joiners", "or you ring them"): "I"; elsewhere it is the
# object of what comes before it ("take you off", "cover for you"): "me".
_CLAUSE_START = re.compile(r"(?:^|[,;:(]|\b(?:and|or|but|so|if|when|while|because|that|where|unless|until|then))\s*$",
                           re.IGNORECASE)


def _swapped(m: re.Match) -> str:
    if m.group("be"):
        return _BE[" ".join(m.group("be").lower().split())]
    word = m.group("word").lower()
    if word == "you" and _CLAUSE_START.search(m.string[: m.start()]) and m.string[m.end() :].lstrip()[:1].isalpha():
        return "I"
    return _SWAP[word]


_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"twenty": "20", "thirty": "30"}


def key(term: str) -> str:
    """A term as compared with another: case, spacing, hyphens, number words and a plural 's' do not matter."""
    text = re.sub(r"[^a-z0-9£$€%]+", " ", term.lower()).strip()
    return " ".join(_WORDS.get(w, w.rstrip("s") if len(w) > 3 else w) for w in text.split())


def unproposed(reply: str, proposed: list[str]) -> list[str]:
    """Terms in a counterpart's reply that the learner never proposed (days, dates, durations, figures)."""
    said = " " + " ".join(key(p) for p in proposed) + " "
    return [t for t in terms_in(reply).all() if f" {key(t)} " not in said]
