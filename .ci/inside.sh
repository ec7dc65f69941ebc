#!/usr/bin/env bash
# Runs by .ci/run as PID 1 of a new PID and mount namespace (unshare): mounts what the clean root
# needs, then runs the README's two commands in it as root. When this script ends, for whatever
# reason, the kernel kills every process left in the namespace and its mounts disappear with it;
# .ci/run then removes the root.
# usage: bash .ci/inside.sh WORK   (the root is WORK/root; phase times go to WORK/phases)
set -euo pipefail
{ # the whole script is read before it runs: editing the checkout meanwhile cannot change it
WORK=$1
R=$WORK/root
# This process's PID on the host, for .ci/run to stop the namespace on Ctrl-C or SIGTERM
# (read before /proc is replaced: the host's /proc still shows the host's PIDs).
# The redirection is opened by this shell itself, so /proc/self is this process.
HOSTPID=
while read -r key host _; do [ "$key" != NSpid: ] || HOSTPID=$host; done < /proc/self/status
echo "$HOSTPID" > "$WORK/ns.pid"
cpu_s() {   # CPU seconds (user + system) of every process of the namespace that has ended so far
  local f; read -ra f < "/proc/$HOSTPID/stat"   # fields 16, 17: cutime, cstime (clock ticks)
  echo $(((f[15] + f[16]) / $(getconf CLK_TCK)))
}

bind() {   # bind SRC DST [ro]
  mount --bind "$1" "$2"
  [ "${3:-}" != ro ] || mount -o remount,bind,ro "$2"
}
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"          # this namespace's processes only
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"
bind /dev "$R/dev"                                           # device nodes (not the host's sub-mounts)
bind /dev/pts "$R/dev/pts"
mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$R/dev/shm"    # private: chromium uses it
touch "$R/etc/resolv.conf"
bind "$(realpath /etc/resolv.conf)" "$R/etc/resolv.conf" ro
# The machine's local CA certificates, the network's configuration like resolv.conf (here, a
# TLS-inspecting proxy sits in front of registry.npmjs.org). They take effect only when apt
# installs the root's own ca-certificates package, whose update-ca-certificates adds them.
if [ -d /usr/local/share/ca-certificates ]; then
  mkdir -p "$R/usr/local/share/ca-certificates"
  bind /usr/local/share/ca-certificates "$R/usr/local/share/ca-certificates" ro
fi
# Download and build caches (see .ci/run: none of them can stand in for an install step).
CR=${CI_TRIAGE_CACHE:-/var/cache/ci-triage}/cleanroom
mkdir -p "$R/root/.npm" "$R/root/.cache/ccache" "$R/var/cache/ci-triage" "$CR/ccache"
bind "$CR/apt-archives" "$R/var/cache/apt/archives"
bind "$CR/npm-cache" "$R/root/.npm"
bind "$CR/ccache" "$R/root/.cache/ccache"
bind "$CR/build-cache" "$R/var/cache/ci-triage"
ENVS=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [ -n "${CLEANROOM_SHARED:-}" ]; then   # the shared corpus and its scorer: read-only data
  mkdir -p "$R/work/shared"
  bind "$CLEANROOM_SHARED" "$R/work/shared" ro
  ENVS+=(SHARED=/work/shared)
fi
for v in SKIP_SANITIZE SKIP_STATIC SKIP_BIG SKIP_FUZZ FUZZ_SECONDS JOBS CCACHE_DISABLE; do   # only to shorten a local run (.ci/run says so)
  [ -z "${!v:-}" ] || ENVS+=("$v=${!v}")
done

phase() {   # phase NAME LOG COMMAND: runs COMMAND in the root (bash -c), output to stdout and LOG
  local name=$1 log=$2 cmd=$3 t0=$SECONDS c0 rc=0
  c0=$(cpu_s)
  printf '\n==== clean room: %s\n' "$cmd"
  chroot "$R" /usr/bin/env -i "${ENVS[@]}" /bin/bash -c "cd /work/ci-triage && $cmd" 2>&1 | tee "$WORK/$log" || rc=$?
  printf '%s\t%s\t%s\t%s\n' "$((SECONDS - t0))" "$(($(cpu_s) - c0))" "$name" "$rc" >> "$WORK/phases"
  return "$rc"
}
phase "bash scripts/demo.sh (fresh root)" demo.log "bash scripts/demo.sh"
# The demo must print its diagnosis: the bundled pytest log cannot import 'yaml'.
grep -q "yaml" "$WORK/demo.log" || { echo "clean room: FAIL: scripts/demo.sh printed no diagnosis about 'yaml'" >&2; exit 1; }
phase "bash scripts/test.sh" test.log "bash scripts/test.sh"
exit 0
}
