# The workflow still parses; the build step now embeds inline cache metadata; the gate is unchanged.
/usr/bin/python3 "$CHECK" yaml .github/workflows/cart.yml \
  '"--build-arg BUILDKIT_INLINE_CACHE=1" in doc["jobs"]["image"]["steps"][1]["run"] and "BUILDKIT_INLINE_CACHE=1 --" not in doc["jobs"]["image"]["steps"][2]["run"] and doc["jobs"]["image"]["env"] == doc["env"]'
