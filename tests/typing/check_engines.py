"""Type-checker-only: both engines have the one signature of ``Engine`` (mypy --strict)."""

from __future__ import annotations

from dtbd.engine._python import run_measures
from dtbd.engine._tallies import Engine
from dtbd.engine.frames._run import run_frames
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords
from dtbd.records._records import Records

python_engine: Engine[Records | LoadedRecords] = run_measures
frame_engine: Engine[FrameRecords] = run_frames
