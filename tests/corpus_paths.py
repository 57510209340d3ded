"""Where the shared, annotated corpus lies: ``../shared`` beside the checkout, or ``$KG_SHARED``."""
from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[2] / "shared")
DEV = SHARED / "corpus" / "dev"
ESL = SHARED / "corpus" / "time" / "esl-timex.jsonl"
