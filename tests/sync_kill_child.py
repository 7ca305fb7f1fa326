"""Child process for test_sync_faults: syncs one laptop's file again and again until killed."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.store.db import make_engine  # noqa: E402
from models.sync import sync_mission  # noqa: E402

engine = make_engine(Path(sys.argv[1]))
print("ready", flush=True)
while True:
    sync_mission(engine, sys.argv[2])
