# Shared by .ci/run and .ci/base.sh (sourced).

mounts_under() {   # mounts_under DIR: mount points at or below DIR (this mount namespace), deepest first
  local dir; dir=$(realpath -m "$1")
  # mountinfo field 5 is the mount point (octal escapes for blanks).
  awk -v d="$dir" '{ p = $5; gsub(/\\040/, " ", p); if (p == d || index(p, d "/") == 1) print p }' \
    /proc/self/mountinfo | sort -r
}

remove_tree() {   # remove_tree DIR: unmounts whatever is still mounted below DIR, then deletes it
  local dir=$1 m
  [ -e "$dir" ] || return 0
  while read -r m; do
    [ -n "$m" ] && { umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || true; }
  done < <(mounts_under "$dir")
  # A bind mount left below DIR would let rm reach into the host (/dev, the caches): never.
  if [ -n "$(mounts_under "$dir")" ]; then
    echo "cleanroom: NOT removing $dir: still mounted there: $(mounts_under "$dir" | tr '\n' ' ')" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
}
