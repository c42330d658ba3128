"""Reply rendering and the model reply's streaming path (markers, then hygiene) on adversarial replies: time
per size, which must grow about linearly (10x the text, at most about 12x the time). The hygiene stops
taking a reply at its runaway bound, so its time should hardly grow at all.

    .venv/bin/python benchmarks/adversarial_render.py

The shapes are the ones a hostile or broken server can send: one comma-spliced sentence, a phrase
repeated, no sentence end at all, a flood of '[' and '<' (each could start an outcome marker), many short
paragraphs and many list items (each a block of the final render). The stream is fed in 4-character
chunks, as a fast server sends tokens. The detector's own patterns are timed by detector_speed.py.
"""

from __future__ import annotations

import gc
import time

from coach.rehearsal.engines.hygiene import Assembler, Earlier, Voice
from coach.rehearsal.engines.markers import MarkerFilter
from coach.scenario import load_catalog
from coach.tui.widgets.message import flat_body

SIZES = (1_000, 10_000, 100_000)
SHAPES = {
    "comma-spliced": "we shipped it, the team agreed, the numbers moved, ",
    "repeated phrase": "week one ",
    "no sentence end": "and then i'll just do it ",
    "brackets": "[<[a<e",
    "paragraphs": "A short paragraph.\n\n",
    "list items": "- an item with **bold** text\n",
}
CHUNK = 4


def text_of(shape: str, size: int) -> str:
    unit = SHAPES[shape]
    return (unit * (size // len(unit) + 1))[:size]


def best_of(runs: int, work) -> float:
    """The best of `runs` timings, with the cyclic garbage collector paused while each runs: its passes
    walk every live object, so their cost grows with the heap, not with the code being measured."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def render(text: str) -> None:
    flat_body(text)


VOICE = Voice.of(load_catalog().get("promotion-after-win").scenario, 90)


def stream(text: str) -> None:
    # As the model counterpart reads a reply once the gate is open (streamed, sentence by sentence).
    markers, reply = MarkerFilter(), Assembler(VOICE, Earlier([]), hold=False)
    for i in range(0, len(text), CHUNK):
        reply.feed(markers.feed(text[i : i + CHUNK]))
        if reply.stop_reading:
            break
    reply.feed(markers.finish())
    reply.close(complete=False)
    reply.release()


def main() -> None:
    print(f"{'shape':<18}{'path':<13}" + "".join(f"{f'{s // 1000} kB':>11}" for s in SIZES) + "   100k/10k")
    for shape in SHAPES:
        for name, work in (("reply render", render), ("reply stream", stream)):
            times = [best_of(3, lambda t=text_of(shape, size): work(t)) for size in SIZES]
            ratio = times[2] / times[1] if times[1] else float("nan")
            cells = "".join(f"{t * 1000:>9.1f}ms" for t in times)
            print(f"{shape:<18}{name:<13}{cells}   {ratio:>6.1f}x")


if __name__ == "__main__":
    main()
