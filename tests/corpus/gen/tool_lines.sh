#!/bin/bash
# Stand-in for tools that are not packaged for Debian 12 (helm; the kubectl-argo-rollouts plugin)
# while capturing corpus cases.  Linked as $W/bin/<tool>, it prints, for its Nth call in a case,
# the lines written in $W/<tool>/out.N by cases_k8s.sh: first line = exit code, then lines to print
# ("#sleep S" pauses, "#err TEXT" goes to stderr) = what the tool prints for that scenario, written
# from the tool's source (see the case notes).  It never talks to a cluster.
d=/tmp/ci-corpus-k8s/$(basename "$0")
n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 )); echo $n > "$d/count"
f=$d/out.$n
[ -f "$f" ] || { echo "tool_lines.sh: no scripted output for call $n" >&2; exit 99; }
rc=$(head -1 "$f")
tail -n +2 "$f" | while IFS= read -r l; do
  case $l in
    '#sleep '*) sleep "${l#\#sleep }" ;;
    '#err '*) printf '%s\n' "${l#\#err }" >&2 ;;
    *) printf '%s\n' "$l" ;;
  esac
done
exit "$rc"
