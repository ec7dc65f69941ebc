# Login and logout now name the host the job pushes to.
/usr/bin/python3 "$CHECK" yaml .github/workflows/release.yml \
  '"docker login localhost:5050 " in doc["jobs"]["publish"]["steps"][1]["run"] and doc["jobs"]["publish"]["steps"][3]["run"] == "docker logout localhost:5050"'
