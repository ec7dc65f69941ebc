"""Runs `ci-triage analyze --format json` over many logs, a batch of logs per process.

One process per log spent ~25 ms in process start-up for a few ms of analysis (the corpus
checks start thousands); `analyze` takes several logs and reports each as its own job (a
`gh run view` log may hold several), with the same findings as alone.
"""
import json
import subprocess

BATCH = 200


def analyze(binary, paths, extra=("--no-patches",)):
    """Yields (path, [job, ...]) for every path, in order."""
    paths = list(paths)
    for start in range(0, len(paths), BATCH):
        chunk = paths[start:start + BATCH]
        out = subprocess.run([binary, "analyze", *extra, "--format", "json", *chunk],
                             capture_output=True, check=True).stdout
        jobs = {}
        for job in json.loads(out)["jobs"]:
            jobs.setdefault(job["log"], []).append(job)
        for p in chunk:
            yield p, jobs.get(p, [])
