"""Each observer's codes as the comparison sees them (DESIGN §6): per actor, on the common
time line (interaction time, :mod:`observe.analysis.reliability_clock`), in whole
milliseconds.

- **Onsets** (``point`` and ``start`` events of the compared codes) are what the event
  alignment pairs; each keeps its intensity and its time on its own session's clock.
- **Marks** are what the time-unit comparison tallies: the onsets, and each state code from
  its start to its stop (a state never stopped runs to the session's end).

**Actors.** Codes are compared per actor: the actor the scheme gives each code
(``scheme.actor_of``: the infant, each caregiver, anyone else a scheme codes), so the
infant's codes line up with the infant's and each parent's with that parent's. Results
name each actor by a **key**: its actor id (``infant``, ``parent_a``, …), except for a
scheme that lists no actors, whose two actors keep the keys results have always had —
``cue`` (the infant's, all cues) and ``response`` (the caregiver's, all responses) — so
every comparison of such sessions reads exactly as before. Two sessions share a code when
both schemes have it with the same actor id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen

from observe.analysis.alignment import Timed
from observe.analysis.reliability_clock import Interval, SessionClock, inside
from observe.analysis.reliability_results import ExcludedEvents
from observe.analysis.reliability_units import Marks
from observe.analysis.timeline import ONSET_KINDS, to_milliseconds
from observe.model import Session
from observe.scheme import CAREGIVER_ACTOR_ID, DEFAULT_ACTORS, INFANT_ACTOR_ID, Scheme

#: The keys of the two actors of a scheme that lists none (see the module's docstring).
DEFAULT_ACTOR_KEYS = {INFANT_ACTOR_ID: "cue", CAREGIVER_ACTOR_ID: "response"}
#: What those two actors' codes are called in headings: "Infant cues", "Caregiver responses".
ACTOR_TITLES = {"cue": "Infant cues", "response": "Caregiver responses"}


def actor_title(actor: str, labels: Mapping[str, str] | None = None) -> str:
    """The heading of an actor's codes: its label (``labels``: a result's ``actors``), or
    "Infant cues" / "Caregiver responses" for the two actors of a scheme that lists none."""
    if labels and actor in labels:
        return labels[actor]
    return ACTOR_TITLES.get(actor, actor)


def lists_actors(scheme: Scheme) -> bool:
    return scheme.actors != DEFAULT_ACTORS


def actor_key(scheme: Scheme, actor_id: str) -> str:
    """The key results give ``scheme``'s actor ``actor_id``."""
    return actor_id if lists_actors(scheme) else DEFAULT_ACTOR_KEYS.get(actor_id, actor_id)


def actor_keys(scheme: Scheme) -> tuple[str, ...]:
    """The keys of ``scheme``'s actors, in the scheme's order."""
    return tuple(actor_key(scheme, actor.id) for actor in scheme.actors)


def actor_labels(scheme: Scheme) -> dict[str, str]:
    """Each actor's key and heading, in the scheme's order."""
    return {key: actor_title(key, _listed(scheme)) for key in actor_keys(scheme)}


def _listed(scheme: Scheme) -> dict[str, str]:
    return {a.id: a.label for a in scheme.actors} if lists_actors(scheme) else {}


def code_actor_ids(scheme: Scheme) -> dict[str, str]:
    """Every code of ``scheme`` and the id of the actor it belongs to."""
    return {code.id: scheme.actor_of(code.id).id for code in scheme.codes}


def code_actors(scheme: Scheme) -> dict[str, str]:
    """Every code of ``scheme`` and its actor's key (``cue`` / ``response`` for a scheme
    that lists no actors)."""
    return {code: actor_key(scheme, actor) for code, actor in code_actor_ids(scheme).items()}


@frozen
class Coding:
    """One observer's onsets of one actor's compared codes, in time order."""

    events: tuple[Timed, ...]  # (interaction time, code)
    intensities: tuple[int | None, ...]
    marks: Marks

    def shifted(self, offset_ms: int) -> Coding:
        """The same codes ``offset_ms`` later (observer B's, put on A's time line)."""
        return Coding(
            events=tuple((t + offset_ms, code) for t, code in self.events),
            intensities=self.intensities,
            marks=Marks(
                moments=tuple((t + offset_ms, code) for t, code in self.marks.moments),
                states=tuple(
                    (start + offset_ms, stop + offset_ms, code)
                    for start, stop, code in self.marks.states
                ),
            ),
        )

    def outside(self, stretches: Sequence[tuple[int, int]]) -> tuple[Coding, int]:
        """Without the onsets strictly inside ``stretches`` (the other observer's pauses),
        and how many were left out. Marks stay: the time-unit comparison leaves out the
        paused units themselves."""
        kept = [k for k, (t, _code) in enumerate(self.events) if not inside(t, stretches)]
        coding = Coding(
            events=tuple(self.events[k] for k in kept),
            intensities=tuple(self.intensities[k] for k in kept),
            marks=self.marks,
        )
        return coding, len(self.events) - len(kept)


def coding(session: Session, clock: SessionClock, codes: dict[str, str], actor: str) -> Coding:
    """The session's codes of ``actor`` among the compared ``codes`` (code → actor)."""
    onsets: list[tuple[int, str, int | None]] = []
    states: list[tuple[int, int, str]] = []
    open_since: dict[str, int] = {}
    for event in session.events:  # in time order; equal times in the recorded order
        if codes.get(event.code) != actor:
            continue
        t = clock.interaction(to_milliseconds(event.t))
        if event.kind in ONSET_KINDS:
            onsets.append((t, event.code, event.intensity))
        if event.kind == "start":
            if event.code in open_since:  # started again without a stop: the first ends here
                states.append((open_since[event.code], t, event.code))
            open_since[event.code] = t
        elif event.kind == "stop" and event.code in open_since:
            states.append((open_since.pop(event.code), t, event.code))
    end = clock.interaction_end
    states += [(start, max(start, end), code) for code, start in open_since.items()]
    onsets.sort(key=lambda item: item[0])  # stable: equal times keep the recorded order
    return Coding(
        events=tuple((t, code) for t, code, _ in onsets),
        intensities=tuple(intensity for _, _, intensity in onsets),
        marks=Marks(
            moments=tuple((t, code) for t, code, _ in onsets),
            states=tuple(sorted(states)),
        ),
    )


def left_out(
    codings: list[tuple[Coding, Coding]],
    paused_a: Sequence[Interval],
    paused_b: Sequence[Interval],
    not_codable: Sequence[Interval],
) -> tuple[list[tuple[Coding, Coding]], ExcludedEvents, list[str]]:
    """Each actor's two codings (A's, B's on A's time line) without the onsets the event
    alignment leaves out — made while the other observer was paused, or strictly inside a
    period either observer marked as not codable (``not_codable``, ordered and disjoint) —
    how many of each observer's were left out, and a warning saying why."""
    kept: list[tuple[Coding, Coding]] = []
    paused = [0, 0]
    unseen = [0, 0]
    for first, second in codings:
        kept_a, out_a = first.outside(paused_b)
        kept_b, out_b = second.outside(paused_a)
        paused = [paused[0] + out_a, paused[1] + out_b]
        if not_codable:
            kept_a, gone_a = kept_a.outside(not_codable)
            kept_b, gone_b = kept_b.outside(not_codable)
            unseen = [unseen[0] + gone_a, unseen[1] + gone_b]
        kept.append((kept_a, kept_b))
    warnings = []
    if sum(paused):
        count = sum(paused)
        codes, are = ("code", "is") if count == 1 else ("codes", "are")
        warnings.append(
            f"{count} {codes} made while the other observer was paused ({paused[0]} of A's, "
            f"{paused[1]} of B's) {are} left out: the other observer could not have coded "
            f"{'it' if count == 1 else 'them'}."
        )
    if sum(unseen):
        count = sum(unseen)
        codes, are = ("code", "is") if count == 1 else ("codes", "are")
        warnings.append(
            f"{count} {codes} made in a period one of the observers marked as not codable "
            f"({unseen[0]} of A's, {unseen[1]} of B's) {are} left out, as each session's own "
            f"analysis leaves {'it' if count == 1 else 'them'} out."
        )
    excluded = ExcludedEvents(a=paused[0] + unseen[0], b=paused[1] + unseen[1])
    return kept, excluded, warnings
