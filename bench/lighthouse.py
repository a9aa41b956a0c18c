"""Lighthouse (from node_modules, default mobile settings) against a page of the served site, in Debian's Chromium."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from config import CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift")


def version() -> str:
    package = LIGHTHOUSE.resolve().parent.parent / "package.json"
    try:
        found: str = json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"
    return found


def run(url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; the full report stays in ``out`` (bench/results/lighthouse-*.json)."""
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    cmd = [
        str(LIGHTHOUSE), url, f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={out}", "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Lighthouse's trace recording fails now and then on a busy 2-core machine ("Something went wrong
    # with recording the trace"): one retry, and the error is reported if it fails again.
    for attempt in (1, 2):
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {"error": f"{exc.__class__.__name__}: {exc}"}
        if proc.returncode == 0 and out.is_file():
            break
        if attempt == 2:
            return {"error": f"lighthouse exited {proc.returncode} twice: {proc.stderr.strip()[-300:]}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits.get(ref["id"], {})
            judged = ref.get("weight", 0) > 0 and audit.get("score") is not None and category["id"] != "performance"
            if judged and audit["score"] < 1:
                failing.append(f"{category['id']}:{ref['id']}")
    return {
        "scores": {k: round(v["score"] * 100) if v["score"] is not None else None for k, v in report["categories"].items()},
        "metrics": {k: audits[k].get("numericValue") for k in METRICS if k in audits},
        "failing_audits": failing,
        "runtime_error": report.get("runtimeError"),
        "form_factor": report.get("configSettings", {}).get("formFactor"),
    }
