"""What a key comes to in the live core (Shift and Caps Lock included), and what it says
when the disk refuses a fold. Plain Python: no screen.

If these failed, a visitor with Caps Lock on would record nothing ("not a key of this
scheme") while the infant showed cue after cue, or a full disk would be reported as
"every event is safe" while changes were waiting in memory.
"""

from __future__ import annotations

from attrs import evolve

from observe.live import code_for_key
from observe.scheme import Response, Scheme

from .recorders import coded, coding


def test_an_uppercase_letter_with_no_code_of_its_own_is_its_lowercase_code(
    tiny_scheme: Scheme,
) -> None:
    assert code_for_key(tiny_scheme, "H", "H").id == "hungry"
    assert code_for_key(tiny_scheme, "h", "h").id == "hungry"
    assert code_for_key(tiny_scheme, "Z", "Z") is None
    own = evolve(tiny_scheme, responses=[*tiny_scheme.responses, Response("big", "Big", "H")])
    assert code_for_key(own, "H", "H").id == "big", "a scheme's own uppercase key wins"


def test_caps_lock_records_the_code_and_says_so_once(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    first = live.press("H", "H", 1001.0)
    second = live.press("F", "F", 1002.0)
    assert first is not None and first.done and first.event is not None
    assert first.hint is not None and "Caps Lock" in first.hint and "Hungry" in first.hint
    assert second is not None and second.done and second.hint is None, "said once"
    assert [(code, t) for code, t, *_ in coded(live)] == [("hungry", 1.0), ("feed", 2.0)]


def test_press_sorts_codes_digits_and_other_keys(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    live.press("h", "h", 1001.0)
    assert live.press("2", "2", 1001.5).event.intensity == 2
    assert "not a key of this scheme" in live.press("z", "z", 1002.0).refused
    assert live.press("n", "n", 1002.0) is None, "the screen's own key (a note)"
    assert live.press("up", None, 1002.0) is None, "a key that types nothing"
    caps_end = live.press("X", "X", 1003.0)
    assert "Caps Lock" in caps_end.refused and "x" in caps_end.refused
    assert [code for code, *_ in coded(live)] == ["hungry"]


def test_a_failed_fold_says_every_change_is_safe_only_when_it_is(tiny_scheme: Scheme) -> None:
    """Disk full: the pause and the keys before it wait in memory; the fold that the pause
    asks for fails too. The NOT SAVED notice is then the one message; once everything is
    in the journal, a failed fold may say so."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    recorder.refusing = "the disk is full: /archive/sessions/x.journal; free some space"
    for n in range(31):
        live.record(tiny_scheme.cues[0], 1001.0 + n)
    paused = live.toggle_pause(1040.0)
    assert not paused.saved and paused.fold_now
    notice = live.writes.not_saved_notice()
    assert notice is not None and "32 changes" in notice
    assert live.writes.fold_failed_notice("no space left on device") is None
    recorder.refusing = None
    assert live.retry().saved
    said = live.writes.fold_failed_notice("no space left on device")
    assert said is not None and "every change is safe in the journal" in said
    assert live.writes.not_saved_notice() is None
