# Buildx is set up before the build, which now runs under buildx; the anchor still resolves.
/usr/bin/python3 "$CHECK" yaml .github/workflows/pricing.yml \
  '[s.get("uses") for s in doc["jobs"]["build"]["steps"]][:2] == ["actions/checkout@v4", "docker/setup-buildx-action@v3"] and "docker buildx build --load --network=host" in doc["jobs"]["build"]["steps"][2]["run"] and doc["jobs"]["build"]["defaults"]["run"]["shell"] == "bash"'
