#!/bin/bash
# Stand-in for `helm` while capturing corpus cases (helm is not packaged for Debian 12).
# It prints, for its Nth call in a case, the lines written in $W/helm/out.N by cases_k8s.sh:
# first line = exit code, optional second line "#sleep S", the rest = what helm v3 prints for that
# scenario, written from helm's source (see the case notes).  It never talks to a cluster.
d=/tmp/ci-corpus-k8s/helm
n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 )); echo $n > "$d/count"
f=$d/out.$n
[ -f "$f" ] || { echo "helm_lines.sh: no scripted output for call $n" >&2; exit 99; }
rc=$(head -1 "$f")
tail -n +2 "$f" | while IFS= read -r l; do
  case $l in
    '#sleep '*) sleep "${l#\#sleep }" ;;
    '#err '*) printf '%s\n' "${l#\#err }" >&2 ;;
    *) printf '%s\n' "$l" ;;
  esac
done
exit "$rc"
