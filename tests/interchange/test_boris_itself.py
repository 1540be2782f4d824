"""An export checked by BORIS itself: its reader opens the project without complaint, counts
the same starts and stops observe wrote, and what it saves imports back unchanged.

BORIS is a Qt application and no dependency of observe, so these run only where a Python
with BORIS installed is named by ``OBSERVE_BORIS_PYTHON`` (for instance a venv made with
``pip install boris-behav-obs``, with ``QT_QPA_PLATFORM=offscreen`` set for it). If they
failed, BORIS users would be told the project is damaged, or see starts as stops.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from .boris_helpers import observe, stored

BORIS_PYTHON = os.environ.get("OBSERVE_BORIS_PYTHON")
pytestmark = pytest.mark.skipif(
    not BORIS_PYTHON,
    reason="set OBSERVE_BORIS_PYTHON to a Python with BORIS (pip install boris-behav-obs)",
)

#: Run by BORIS's Python: open the project as BORIS does, check it as BORIS's "check
#: project integrity" does, flag each event as BORIS counts it, and save it as BORIS saves.
IN_BORIS = """
import json, sys
from boris import config as cfg, project_functions as pf, utilities as util
source, saved = sys.argv[1:3]
_, _, pj, message = pf.open_project_json(source)
assert "error" not in pj, pj["error"]
integrity = pf.check_project_integrity(pj, cfg.S, source, media_file_available=True)
flags = {
    obs_id: [[float(e[0]), e[2], e[-1].lower()]
             for e in pf.events_start_stop(pj[cfg.ETHOGRAM], obs[cfg.EVENTS], obs[cfg.TYPE])]
    for obs_id, obs in pj[cfg.OBSERVATIONS].items()
}
open(saved, "w").write(json.dumps(pj, default=util.decimal_default, indent=None))
print(json.dumps({"message": message, "integrity": integrity, "flags": flags}))
"""


def test_boris_opens_an_export_counts_its_states_and_saves_what_comes_back(
    tmp_path: Path,
) -> None:
    laptop = tmp_path / "laptop"
    assert observe(laptop, "demo").exit_code == 0
    project = tmp_path / "visits.boris"
    exported = observe(
        laptop, "export", "--dyad", "DEMO-05", "--format", "boris", "-o", str(project)
    )
    assert exported.exit_code == 0, exported.output
    saved = tmp_path / "saved.boris"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [str(BORIS_PYTHON), "-c", IN_BORIS, str(project), str(saved)],
        capture_output=True, text=True, env=environment, timeout=300, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-2000:]
    said = json.loads(ran.stdout.strip().splitlines()[-1])
    assert said["message"] == "" and said["integrity"] == ""
    extras = json.loads(project.read_text())["observe"]["observations"]
    originals = stored(laptop)
    for obs_id, flags in said["flags"].items():
        session = originals[extras[obs_id]["session"]["id"]]
        assert Counter(map(tuple, flags)) == Counter((e.t, e.code, e.kind) for e in session.events)
    office = tmp_path / "office"
    back = observe(office, "import-boris", str(saved))
    assert back.exit_code == 0, back.output
    copies = stored(office)
    assert copies and all(copies[i] == originals[i] for i in copies)
