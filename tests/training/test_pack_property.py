"""A pack read back is the pack written, and any change to its bytes is refused with one
sentence (never a traceback, never a pack that reads as another)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.model import Event, Recording, Session, new_id
from observe.training.criteria import Criteria
from observe.training.pack import PackError, make_pack, pack_text, parse_pack


def _pack(tiny_scheme):
    events = [Event(id=new_id(), code="hungry", t=1.5), Event(id=new_id(), code="feed", t=2.25)]
    master = Session(
        id=new_id(),
        dyad="D001",
        observer="M1",
        started_at="2026-03-02T10:00:00+00:00",
        scheme=tiny_scheme,
        scheme_digest=tiny_scheme.digest,
        duration=10.0,
        status="ended",
        events=events,
        ended_at="2026-03-02T10:00:10+00:00",
    )
    recording = Recording(name="v.mp4", size=1234, sha256="a" * 64)
    return make_pack("feeding01", master, recording, Criteria(agreement=0.85, kappa=0.6))


def test_a_pack_reads_back_as_written(tiny_scheme) -> None:
    """A shared pack would score trainees against something else than its maker made."""
    pack = _pack(tiny_scheme)
    assert parse_pack(pack_text(pack).encode(), "p.obpack") == pack


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(data=st.data())
def test_any_changed_byte_is_refused_with_a_sentence(tiny_scheme, data) -> None:
    """A pack damaged in copying would end in a traceback, or read as another pack."""
    pack = _pack(tiny_scheme)
    raw = bytearray(pack_text(pack).encode())
    where = data.draw(st.integers(0, len(raw) - 1))
    value = data.draw(st.integers(0, 255).filter(lambda b: b != raw[where]))
    raw[where] = value
    try:
        found = parse_pack(bytes(raw), "p.obpack")
    except PackError as error:
        assert str(error).startswith("p.obpack") and str(error).endswith(".")
    else:  # only a change JSON does not see (the spacing between its items) can pass
        assert found == pack
