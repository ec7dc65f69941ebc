#!/bin/bash
# Regenerate tests/corpus/ctr/: images, registries, caches, smoke tests and database migrations.
#
#   bash tests/corpus/gen/cases_ctr.sh              # all ctr cases (starts and stops the services)
#   bash tests/corpus/gen/cases_ctr.sh ctr_b_run    # some
#
# Reuses make_cases.sh (proj/cap/spec/rc) and wrap_gha.py. Every step's output is the real
# stdout+stderr of the real tool, run as the runner runs a step, against servers on 127.0.0.1
# that this script starts (ports 18300-18399) and stops again:
#   dockerd (Debian docker.io 20.10, vfs, no bridge; base images imported from a busybox rootfs
#   and a debootstrap'd bookworm) - builds use --network=host as a consequence;
#   CNCF distribution registry (Debian docker-registry) :18350 with htpasswd, :18351 open;
#   ctr_stub_registry.py :18352-18356 (hosted registries refusing a push or a pull);
#   ctr_stub_app.py :18380 (http), :18381 (http, 12 s warm-up), :18384 (https, self-signed);
#   PostgreSQL 15 :18332.
# Where a tool cannot run here (buildx, docker/build-push-action, k6, flyway) its lines are written
# from its source / users' reports, and the case notes say so and which lines.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-ctr/cases
S=/tmp/ci-corpus-ctr
GROUP=${CTR_GROUP:-ctr}        # output group under tests/corpus (a relative path for a scratch run)
mkdir -p "$W"
BIN20=$S/bin20                      # docker 20.10 CLI first on PATH (BuildKit through the daemon)
PATH20="PATH=$BIN20:$BASEPATH"
PODENV="CONTAINERS_STORAGE_CONF=$S/storage.conf CONTAINERS_REGISTRIES_CONF=$S/registries.conf BUILDAH_ISOLATION=chroot"
REG=127.0.0.1:18350                 # htpasswd registry (ci-bot / deployer)
OPEN=127.0.0.1:18351                # open registry holding the base images
APP=http://127.0.0.1:18380
PG=127.0.0.1:18332
DOCKER20="docker CLI $(/usr/bin/docker version --format '{{.Client.Version}}' 2>/dev/null) + engine 20.10.24+dfsg1 (BuildKit embedded)"
DOCKER28="docker CLI $(/usr/local/bin/docker version --format '{{.Client.Version}}' 2>/dev/null) (no buildx plugin: legacy builder) + engine 20.10.24+dfsg1"
NOTE_CTR="Tool output really captured on Debian 12 (servers on 127.0.0.1 started by gen/cases_ctr.sh) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_ctr.sh + wrap_gha.py."

# ---------------------------------------------------------------- services
svc_pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
svc_up() {
  mkdir -p "$S"
  if ! svc_pid_alive "$S/docker.pid"; then
    /usr/sbin/dockerd --storage-driver=vfs --bridge=none --iptables=false --ip-forward=false \
      -H "unix://$S/docker.sock" --data-root "$S/docker" --exec-root "$S/docker-exec" \
      --pidfile "$S/docker.pid" > "$S/dockerd.log" 2>&1 &
    sleep 6
  fi
  [ -e /var/run/docker.sock ] || ln -s "$S/docker.sock" /var/run/docker.sock
  for r in auth open; do
    svc_pid_alive "$S/reg-$r/pid" || { /usr/bin/docker-registry serve "$S/reg-$r/config.yml" > "$S/reg-$r/log" 2>&1 & echo $! > "$S/reg-$r/pid"; }
  done
  svc_pid_alive "$S/stubreg.pid" || { /usr/bin/python3 "$HERE/ctr_stub_registry.py" 18352:ghcr-denied 18353:hub-ratelimit \
      18354:gar-denied 18355:ecr-expired 18356:ghcr-org > "$S/stubreg.log" 2>&1 & echo $! > "$S/stubreg.pid"; }
  svc_pid_alive "$S/app.pid" || { /usr/bin/python3 "$HERE/ctr_stub_app.py" 18380 > "$S/app.log" 2>&1 & echo $! > "$S/app.pid"; }
  if [ ! -f "$S/tls/app.crt" ]; then
    mkdir -p "$S/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=staging.internal" \
      -keyout "$S/tls/app.key" -out "$S/tls/app.crt" > /dev/null 2>&1
  fi
  svc_pid_alive "$S/apptls.pid" || { /usr/bin/python3 "$HERE/ctr_stub_app.py" 18384 --tls "$S/tls/app.crt" "$S/tls/app.key" > "$S/apptls.log" 2>&1 & echo $! > "$S/apptls.pid"; }
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $S/pg/data status" > /dev/null 2>&1 || \
    su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $S/pg/data -o '-p 18332 -k $S/pg -c listen_addresses=127.0.0.1' -l $S/pg/log start" > /dev/null
  sleep 1
}
svc_down() {
  local p
  for p in "$S/stubreg.pid" "$S/app.pid" "$S/apptls.pid" "$S/app-warm.pid" "$S/reg-auth/pid" "$S/reg-open/pid"; do
    svc_pid_alive "$p" && kill "$(cat "$p")"
  done
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $S/pg/data stop" > /dev/null 2>&1
  svc_pid_alive "$S/docker.pid" && kill "$(cat "$S/docker.pid")" && sleep 5
  [ -L /var/run/docker.sock ] && rm -f /var/run/docker.sock
  return 0
}
# psql as the admin role against the corpus PostgreSQL
pgadm() { PGPASSWORD=pgadmin psql -q -h 127.0.0.1 -p 18332 -U postgres "$@" > /dev/null 2>&1; }
# fresh database NAME owned by role NAME (password NAME-pw)
pgdb() {
  pgadm -c "DROP DATABASE IF EXISTS \"$1\"" -c "DROP ROLE IF EXISTS \"$1\""
  pgadm -c "CREATE ROLE \"$1\" LOGIN PASSWORD '$1-pw'" -c "CREATE DATABASE \"$1\" OWNER \"$1\""
}
# cap with the runner's GITHUB_* variables and machine set-up in the (hidden) environment:
#   ccap CASE IDX [SETUP...] -- [cap args...]   SETUP: extra K=V not shown in the env: block
ccap() {
  local c=$1 i=$2; shift 2
  local setup="GITHUB_SHA=3f9c2d7e81b04a6c5e2f19d8a7c4b6e0f1d2a3b4 GITHUB_RUN_ID=14822736519 GITHUB_REF_NAME=main GITHUB_RUN_NUMBER=412"
  while [ $# -gt 0 ] && [ "$1" != -- ]; do setup="$setup $1"; shift; done
  [ "${1:-}" = -- ] && shift
  CAP_ENV="$setup" cap "$c" "$i" "$@"
}
# a GitHub Actions-like docker config dir for the step (HOME=/home/runner)
nologin() {  # no registry credentials left by an earlier case (docker, podman/buildah/skopeo)
  rm -rf /home/runner/.docker /home/runner/.config/containers/auth.json /run/containers/0/auth.json
}

# ---------------------------------------------------------------- docker-build
ctr_b_run() {
  local C=docker-build-buildkit-run-settings-keyerror
  proj ledgerline/ctr-billing-api
  mkdir -p app scripts
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/python:3.11-slim
WORKDIR /srv/billing
COPY app/ app/
COPY scripts/ scripts/
ENV BILLING_ENV=production
RUN python3 scripts/check_settings.py
CMD ["python3", "-m", "app"]
EOF
  cat > app/__init__.py <<'EOF'
EOF
  cat > app/settings.py <<'EOF'
import os

REQUIRED = ("BILLING_ENV", "BILLING_DB_URL")


def load():
    return {name: os.environ[name] for name in REQUIRED}
EOF
  cat > scripts/check_settings.py <<'EOF'
import sys

sys.path.insert(0, ".")
from app import settings  # noqa: E402

cfg = settings.load()
print("settings ok:", ", ".join(sorted(cfg)))
EOF
  ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 <<'EOF'
docker build --network=host --progress=plain \
  --tag 127.0.0.1:18351/ledgerline/billing-api:${GITHUB_SHA::12} .
EOF
  spec $C $GROUP <<EOF
name $C
job build-image
repo ledgerline/ctr-billing-api
runner u24
primary docker-build
tool $DOCKER20
field exit_code $(rc $C 1)
evidence KeyError: 'BILLING_DB_URL'
evidence executor failed running [/bin/sh -c python3 scripts/check_settings.py]: exit code: 1
notes BuildKit (docker 20.10 CLI, --progress=plain): a RUN step's script raises KeyError, the build stops at the RUN instruction. ${NOTE_CTR//REPO/ctr-billing-api}
step -
  from $W/$C/1
  ansi 1
EOF
}

ctr_b_copy() {
  local C=docker-build-legacy-copy-dist-excluded
  proj pinecone-web/ctr-storefront
  mkdir -p src dist
  echo 'console.log("storefront")' > src/index.js
  echo 'console.log("bundle")' > dist/main.js
  printf 'node_modules\ndist\n*.log\n' > .dockerignore
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/busybox:1.35
WORKDIR /usr/share/storefront
COPY dist/ ./
COPY src/ ./src/
EXPOSE 8080
EOF
  nologin
  cap $C 1 <<'EOF'
docker build --network=host -t storefront:ci .
EOF
  spec $C $GROUP <<EOF
name $C
job docker
repo pinecone-web/ctr-storefront
runner u22
primary docker-build
tool $DOCKER28
field exit_code $(rc $C 1)
evidence COPY failed: file not found in build context or excluded by .dockerignore
notes Legacy builder (docker 28 CLI without buildx prints the deprecation notice); dist/ exists in the checkout but .dockerignore excludes it, so COPY dist/ fails. ${NOTE_CTR//REPO/ctr-storefront}
step -
  from $W/$C/1
EOF
}

ctr_b_parse() {
  local C=docker-build-buildkit-unknown-instruction
  proj tidewater/ctr-ingest-worker
  mkdir -p worker
  echo 'print("worker")' > worker/main.py
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/python:3.11-slim AS runtime
WORKDIR /opt/ingest
COPPY worker/ ./worker/
ENTRYPOINT ["python3", "worker/main.py"]
EOF
  ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 <<'EOF'
docker build --network=host --progress=plain -f Dockerfile -t ingest-worker:pr-${PR_NUMBER:-0} .
EOF
  spec $C $GROUP <<EOF
name $C
job image (linux/amd64)
repo tidewater/ctr-ingest-worker
runner u24new
primary docker-build
tool $DOCKER20
field exit_code $(rc $C 1)
evidence unknown instruction: COPPY
notes BuildKit Dockerfile frontend rejects a misspelt instruction before any step runs. ${NOTE_CTR//REPO/ctr-ingest-worker}
step -
  from $W/$C/1
EOF
}

ctr_b_base() {
  local C=docker-build-buildkit-base-tag-missing
  proj halcyon-labs/ctr-notifier
  cat > Dockerfile <<'EOF'
ARG PYTHON_VERSION=3.13
FROM 127.0.0.1:18351/base/python:${PYTHON_VERSION}-slim
WORKDIR /app
COPY . .
CMD ["python3", "-m", "notifier"]
EOF
  mkdir -p notifier; : > notifier/__init__.py
  ccap $C 1 "$PATH20" -- default DOCKER_BUILDKIT=1 IMAGE=127.0.0.1:18351/halcyon/notifier <<'EOF'
docker build --network=host --progress=plain -t "$IMAGE:${GITHUB_SHA::8}" .
EOF
  spec $C $GROUP <<EOF
name $C
job publish
repo halcyon-labs/ctr-notifier
runner u24
primary docker-build
tool $DOCKER20 + docker-registry 2.8.2 (CNCF distribution)
field exit_code $(rc $C 1)
field image 127.0.0.1:18351/base/python:3.13-slim
field registry 127.0.0.1:18351
evidence_all 127.0.0.1:18351/base/python:3.13-slim: not found
notes FROM tag that the registry does not have (ARG default bumped to a version never mirrored). ${NOTE_CTR//REPO/ctr-notifier}
step Build image
  from $W/$C/1
EOF
}

ctr_b_stage() {
  local C=docker-build-buildkit-copy-from-stage-missing
  proj orbit-labs/ctr-console
  mkdir -p web
  echo '{"name":"console"}' > web/package.json
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/busybox:1.35 AS assets
WORKDIR /build
COPY web/ ./
RUN mkdir -p out && cp package.json out/

FROM 127.0.0.1:18351/base/busybox:1.35
COPY --from=assets /build/dist /srv/www
CMD ["httpd", "-f", "-h", "/srv/www"]
EOF
  ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 <<'EOF'
docker build --network=host --progress=plain -t orbit/console:ci . 2>&1 | tee build.log
EOF
  spec $C $GROUP <<EOF
name $C
job build
repo orbit-labs/ctr-console
runner selfhosted build-runner-07
primary docker-build
tool $DOCKER20
field exit_code $(rc $C 1)
evidence_all "/build/dist" not found: not found
notes Multi-stage build: the final stage copies /build/dist from a stage that writes out/. BuildKit fails computing the cache key. Self-hosted runner preamble. ${NOTE_CTR//REPO/ctr-console}
step -
  from $W/$C/1
EOF
}

ctr_b_podman() {
  local C=docker-build-podman-run-make-not-found
  proj northwind-dev/ctr-ledger-cli
  mkdir -p cmd
  echo 'all:' > Makefile
  cat > Containerfile <<'EOF'
FROM 127.0.0.1:18351/base/busybox:1.35
WORKDIR /src
COPY . .
RUN make release
ENTRYPOINT ["/src/bin/ledger"]
EOF
  ccap $C 1 $PODENV -- bash <<'EOF'
podman build --format docker -t ledger-cli:${GITHUB_SHA::7} -f Containerfile .
EOF
  spec $C $GROUP <<EOF
name $C
job container
repo northwind-dev/ctr-ledger-cli
runner u24new
primary docker-build
tool $(podman --version) (vfs storage, chroot isolation)
field exit_code $(rc $C 1)
evidence make: not found
evidence Error: building at STEP "RUN make release"
notes podman build: the base image has no make, RUN exits 127. ${NOTE_CTR//REPO/ctr-ledger-cli}
step -
  from $W/$C/1
EOF
}

ctr_b_buildah() {
  local C=docker-build-buildah-copy-jar-missing
  proj ledgerline/ctr-settlement
  mkdir -p src/main/java
  echo 'class App {}' > src/main/java/App.java
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/debian:bookworm-slim
WORKDIR /opt/settlement
COPY target/settlement-1.4.0.jar app.jar
ENTRYPOINT ["java", "-jar", "/opt/settlement/app.jar"]
EOF
  ccap $C 1 $PODENV -- <<'EOF'
buildah bud --layers -t 127.0.0.1:18350/ledgerline/settlement:1.4.0 .
EOF
  spec $C $GROUP <<EOF
name $C
job package
repo ledgerline/ctr-settlement
runner u22
primary docker-build
tool $(buildah --version) (vfs storage, chroot isolation)
field exit_code $(rc $C 1)
evidence_all no such file or directory
notes buildah bud: the jar is not built in this job (no mvn package before the image step), COPY finds no source. ${NOTE_CTR//REPO/ctr-settlement}
step -
  from $W/$C/1
EOF
}

ctr_b_compose() {
  local C=docker-build-compose-worker-pip-fails
  proj tidewater/ctr-pipeline
  mkdir -p worker api
  cat > docker-compose.yml <<'EOF'
version: "3.8"
services:
  api:
    build: ./api
    image: pipeline-api:ci
  worker:
    build:
      context: ./worker
      network: host
    image: pipeline-worker:ci
EOF
  printf 'FROM 127.0.0.1:18351/base/busybox:1.35\nCOPY . /srv/api\n' > api/Dockerfile
  echo 'ok' > api/README
  cat > worker/Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/python:3.11-slim
WORKDIR /srv/worker
COPY requirements.txt .
RUN python3 -c "import sys; reqs = open('requirements.txt').read().split(); missing = [r for r in reqs if r != 'celery==5.3.6']; sys.exit('unsupported pins: ' + ', '.join(missing)) if missing else None"
COPY . .
EOF
  printf 'celery==5.3.6\nredis==5.0.1\n' > worker/requirements.txt
  cap $C 1 bash <<'EOF'
docker-compose -f docker-compose.yml build worker
EOF
  spec $C $GROUP <<EOF
name $C
job compose-build
repo tidewater/ctr-pipeline
runner u22
primary docker-build
tool docker-compose 1.29.2 (docker-py 5.0.3, Debian) + engine 20.10.24+dfsg1 (legacy builder)
field exit_code $(rc $C 1)
evidence unsupported pins: redis==5.0.1
evidence Service 'worker' failed to build : Build failed
notes docker-compose v1 build of one service; the RUN step exits with a message. ${NOTE_CTR//REPO/ctr-pipeline}
step -
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- templated output helpers
# tmpl CASE IDX EXIT 'SCRIPT' [SHELL] <<EOF ... : a run: step whose output is written here (a tool
# that cannot run on Debian 12 - buildx, k6, flyway - worded from its source / users' reports)
tmpl() {
  mkdir -p "$W/$1"; cat > "$W/$1/out$2.txt"; echo "$3" > "$W/$1/rc$2"
  printf '%s\n' "$4" > "$W/$1/step$2.sh"; echo "${5:-$SH_DEFAULT}" > "$W/$1/shell$2"; : > "$W/$1/env$2"
}
# bk_body DIR TAG: real BuildKit --progress=plain lines of building DIR (docker 20.10 engine),
# without the "#N sha256:" digest lines that buildx >= 0.10 no longer prints
bk_body() {
  (cd "$1" && DOCKER_BUILDKIT=1 /usr/bin/docker build --network=host --progress=plain -t "$2" . 2>&1) \
    | grep -vE '^#[0-9]+ sha256:'
}
# bpa_head WORKFLOW-RUN-URL BUILD-ARGS: docker/build-push-action@v4 groups before the build
# (main.ts: runtime token ACs, Docker info = real `docker version` + `docker info`, the Buildx
# version line as hosted runners printed it in a public log, the [command] line of getArgs)
bpa_head() {
  echo '##[group]GitHub Actions runtime token ACs'
  echo 'refs/heads/main: read/write'
  echo '##[endgroup]'
  echo '##[group]Docker info'
  echo '[command]/usr/bin/docker version'
  /usr/local/bin/docker version 2>&1
  echo '[command]/usr/bin/docker info'
  /usr/local/bin/docker info 2>&1
  echo '##[endgroup]'
  echo '##[group]Buildx version'
  echo '[command]/usr/bin/docker buildx version'
  echo 'github.com/docker/buildx 0.10.4+azure-1 c513d34049e499c53468deac6c4267ee72948f02'
  echo '##[endgroup]'
  echo "[command]/usr/bin/docker buildx build $2 --iidfile /tmp/docker-actions-toolkit-Qx81Lm/iidfile --provenance mode=min,inline-only=true,builder-id=$1 --metadata-file /tmp/docker-actions-toolkit-Qx81Lm/metadata-file ."
}
NOTE_BX="buildx is not packaged for Debian 12, so this step is partly templated: the #N step lines are real docker 20.10 BuildKit output of the same Dockerfile (digest lines dropped); the buildx command line, the cache import/export lines and the final ERROR/##[error] lines are worded after buildx/buildkit and docker/build-push-action sources and public reports"

# ---------------------------------------------------------------- docker-cache
cache_proj() {  # a small service whose image build takes a few real steps
  mkdir -p src
  printf 'flask==3.0.3\ngunicorn==22.0.0\n' > requirements.txt
  echo 'print("serve")' > src/serve.py
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/python:3.11-slim
WORKDIR /srv/app
COPY requirements.txt .
RUN python3 -c "print(open('requirements.txt').read().count('=='), 'pins')" && sleep 2
COPY src/ src/
RUN python3 -m compileall -q src
CMD ["python3", "src/serve.py"]
EOF
}

ctr_c_gha400() {
  local C=docker-cache-gha-export-400-build-push-action
  proj pinecone-web/ctr-checkout
  cache_proj
  local O=$W/$C/out1.txt; mkdir -p "$W/$C"
  { bpa_head https://github.com/pinecone-web/ctr-checkout/actions/runs/14822736519 \
      "--cache-from type=gha,scope=checkout --cache-to type=gha,mode=max,scope=checkout --tag 127.0.0.1:18351/pinecone/checkout:3f9c2d7 --load"
    echo '#0 importing cache manifest from gha:8473924810553719482'
    echo '#0 DONE 0.3s'
    echo
    bk_body "$PWD" 127.0.0.1:18351/pinecone/checkout:3f9c2d7
    cat <<'EOF'

#12 exporting cache
#12 preparing build cache for export
#12 preparing build cache for export 2.9s done
#12 ERROR: failed to parse error response 400: <h2>Our services aren't available right now</h2><p>We're working to restore all services as soon as possible. Please check back soon.</p>: invalid character '<' looking for beginning of value
------
 > exporting cache:
------
ERROR: failed to solve: failed to parse error response 400: <h2>Our services aren't available right now</h2><p>We're working to restore all services as soon as possible. Please check back soon.</p>: invalid character '<' looking for beginning of value
EOF
  } > "$O"
  spec $C $GROUP <<EOF
name $C
job docker-image
repo pinecone-web/ctr-checkout
runner u22
primary docker-cache
tool docker/build-push-action@v4 + buildx 0.10.4 (templated) around real BuildKit step lines (docker 20.10 engine)
evidence #12 ERROR: failed to parse error response 400
evidence_runner buildx failed with: ERROR: failed to solve: failed to parse error response 400
notes The GitHub Actions cache service answers the cache export with an HTML 400 page; the image built, the job fails on cache-to (remedy: ignore-error=true on cache-to, retry). $NOTE_BX (moby/buildkit#2276, docker/build-push-action#1409/#1485). Generator: tests/corpus/gen/cases_ctr.sh.
step Build and push
  uses docker/build-push-action@v4
  with context: .
  with load: true
  with tags: 127.0.0.1:18351/pinecone/checkout:3f9c2d7
  with cache-from: type=gha,scope=checkout
  with cache-to: type=gha,mode=max,scope=checkout
  with no-cache: false
  with pull: false
  with github-token: ***
  output $O
  exit 1
  error buildx failed with: ERROR: failed to solve: failed to parse error response 400: <h2>Our services aren't available right now</h2><p>We're working to restore all services as soon as possible. Please check back soon.</p>: invalid character '<' looking for beginning of value
EOF
}

ctr_c_timeout() {
  local C=docker-cache-gha-export-timeout-buildx
  proj halcyon-labs/ctr-search-indexer
  cache_proj
  { echo '#0 building with "builder-5c2e8f1a-7b3d-4f0e-9a61-2d4c8e7b1f39" instance using docker-container driver'
    echo
    echo '#1 importing cache manifest from gha:13990712842208341567'
    echo '#1 DONE 1.1s'
    echo
    bk_body "$PWD" search-indexer:ci
    cat <<'EOF'

#13 exporting to GitHub Actions Cache
#13 preparing build cache for export
#13 writing layer sha256:5c8b3f4f1e0d2a7b9c6e3d1f0a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b
#13 writing layer sha256:5c8b3f4f1e0d2a7b9c6e3d1f0a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b 0.2s done
#13 preparing build cache for export 600.4s done
#13 ERROR: maximum timeout reached
------
 > exporting to GitHub Actions Cache:
------
ERROR: failed to solve: maximum timeout reached
EOF
  } | tmpl $C 1 1 'docker buildx build --cache-from type=gha,scope=indexer --cache-to type=gha,mode=max,scope=indexer \
  --tag search-indexer:ci --load .' "$SH_BASH"
  spec $C $GROUP <<EOF
name $C
job build (indexer)
repo halcyon-labs/ctr-search-indexer
runner u24
primary docker-cache
tool buildx (docker-container driver; templated) around real BuildKit step lines (docker 20.10 engine)
field exit_code 1
evidence #13 ERROR: maximum timeout reached
evidence ERROR: failed to solve: maximum timeout reached
notes type=gha cache export throttled until buildkit's export deadline; the image built, the export failed the step. $NOTE_BX (moby/buildkit#2492, #5650). The "writing layer" digest is illustrative. Generator: tests/corpus/gen/cases_ctr.sh.
step -
  from $W/$C/1
  ansi 1
EOF
}

ctr_c_driver() {
  local C=docker-cache-docker-driver-cache-export-unsupported
  proj orbit-labs/ctr-scheduler
  cache_proj
  tmpl $C 1 1 'docker buildx build \
  --cache-from type=gha \
  --cache-to type=gha,mode=max \
  -t ghcr.io/orbit-labs/scheduler:pr-218 .' <<'EOF'
ERROR: failed to build: Cache export is not supported for the docker driver.
Switch to a different driver, or turn on the containerd image store, and try again.
Learn more at https://docs.docker.com/go/build-cache-backends/
EOF
  spec $C $GROUP <<EOF
name $C
job docker
repo orbit-labs/ctr-scheduler
runner u24new
primary docker-cache
tool buildx (docker driver; templated)
field exit_code 1
evidence ERROR: failed to build: Cache export is not supported for the docker driver.
notes No docker/setup-buildx-action before the build, so buildx uses the docker driver, which rejects --cache-to. Output worded as buildx >= 0.13 prints it (quoted verbatim in several public repositories' CI notes); buildx cannot run here. Generator: tests/corpus/gen/cases_ctr.sh.
step -
  from $W/$C/1
EOF
}

ctr_c_localmv() {
  local C=docker-cache-local-cache-dir-missing-mv
  proj tidewater/ctr-geo-api
  cache_proj
  { echo '#0 building with "builder-2f7c9a4e-3d1b-4c8e-b6a0-9e5d7f3c1a82" instance using docker-container driver'
    echo
    echo 'WARNING: local cache import at /tmp/.buildx-cache not found due to err: could not read /tmp/.buildx-cache/index.json: open /tmp/.buildx-cache/index.json: no such file or directory'
    bk_body "$PWD" geo-api:ci
  } | tmpl $C 1 0 'docker buildx build --load -t geo-api:ci \
  --cache-from type=local,src=/tmp/.buildx-cache \
  --cache-to type=local,dest=/tmp/.buildx-cache-new,mode=max,ignore-error=true .'
  rm -rf /tmp/.buildx-cache /tmp/.buildx-cache-new
  ccap $C 2 -- <<'EOF'
rm -rf /tmp/.buildx-cache
mv /tmp/.buildx-cache-new /tmp/.buildx-cache
EOF
  spec $C $GROUP <<EOF
name $C
job image
repo tidewater/ctr-geo-api
runner u22
primary docker-cache
tool buildx local cache (templated) + GNU coreutils mv (real)
field exit_code $(rc $C 2)
evidence mv: cannot stat '/tmp/.buildx-cache-new': No such file or directory
notes The "move cache" workaround step fails because the build step left no exported local cache (export errors ignored); the build step's warning shows no cache was found either. Build step: $NOTE_BX (docker/buildx#1194 for the warning). The mv step is real. Generator: tests/corpus/gen/cases_ctr.sh.
step -
  from $W/$C/1
step Move cache
  from $W/$C/2
EOF
}

ctr_c_ecr400() {
  local C=docker-cache-registry-cache-export-400
  proj northwind-dev/ctr-payments
  cache_proj
  { echo '#0 building with "ci-builder" instance using docker-container driver'
    echo
    echo '#1 importing cache manifest from 318704455812.dkr.ecr.eu-central-1.amazonaws.com/payments:buildcache'
    echo '#1 DONE 0.8s'
    echo
    bk_body "$PWD" payments:ci
    cat <<'EOF'

#13 exporting cache to registry
#13 preparing build cache for export
#13 writing layer sha256:0b2c6d3e4f5a67788990aabbccddeeff00112233445566778899aabbccddeeff
#13 writing layer sha256:0b2c6d3e4f5a67788990aabbccddeeff00112233445566778899aabbccddeeff 0.3s done
#13 writing config sha256:7d1e0f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6
#13 writing config sha256:7d1e0f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6 0.4s done
#13 writing cache manifest sha256:c41f8e9d0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4
#13 preparing build cache for export 2.6s done
#13 ERROR: error writing manifest blob: failed commit on ref "sha256:c41f8e9d0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4": unexpected status: 400 Bad Request
------
 > exporting cache to registry:
------
ERROR: failed to solve: error writing manifest blob: failed commit on ref "sha256:c41f8e9d0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4": unexpected status: 400 Bad Request
EOF
  } | tmpl $C 1 1 'docker buildx build --push \
  --cache-from type=registry,ref=${ECR_REPO}:buildcache \
  --cache-to type=registry,ref=${ECR_REPO}:buildcache,mode=max \
  -t ${ECR_REPO}:${GITHUB_SHA::7} .' "$SH_BASH"
  echo "ECR_REPO: 318704455812.dkr.ecr.eu-central-1.amazonaws.com/payments" > "$W/$C/env1"
  spec $C $GROUP <<EOF
name $C
job release
repo northwind-dev/ctr-payments
runner u24
primary docker-cache
tool buildx registry cache (templated) around real BuildKit step lines (docker 20.10 engine)
field exit_code 1
field registry 318704455812.dkr.ecr.eu-central-1.amazonaws.com
evidence #13 ERROR: error writing manifest blob
evidence ERROR: failed to solve: error writing manifest blob
notes Registry cache export rejected by a registry that does not accept buildkit's cache manifest list (ECR without image-manifest=true,oci-mediatypes=true). $NOTE_BX (moby/buildkit#1865 and ECR cache reports). Digests are illustrative. Generator: tests/corpus/gen/cases_ctr.sh.
step -
  from $W/$C/1
EOF
}

ctr_c_zero() {
  local C=docker-cache-lockfile-change-zero-cached-timeout
  proj pinecone-web/ctr-catalog
  mkdir -p src
  printf '{"lockfileVersion": 3, "packages": {"": {"name": "catalog"}}}\n' > package-lock.json
  echo 'console.log(1)' > src/index.js
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18351/base/busybox:1.35
COPY package-lock.json /srv/catalog/
WORKDIR /srv/catalog
RUN echo "installing dependencies" && sleep 14 && mkdir -p node_modules
COPY src/ src/
RUN echo "bundling" && sleep 14 && cp -r src dist
EOF
  # the cache the previous run on main left behind (inline cache, same Dockerfile, older lockfile)
  DOCKER_BUILDKIT=1 /usr/bin/docker build --network=host -q --build-arg BUILDKIT_INLINE_CACHE=1 -t $OPEN/pinecone/catalog:buildcache . > /dev/null 2>&1
  /usr/bin/docker push -q $OPEN/pinecone/catalog:buildcache > /dev/null 2>&1
  /usr/bin/docker rmi $OPEN/pinecone/catalog:buildcache > /dev/null 2>&1
  /usr/bin/docker builder prune -af > /dev/null 2>&1
  printf '{"lockfileVersion": 3, "packages": {"": {"name": "catalog", "dependencies": {"left-pad": "1.3.0"}}}}\n' > package-lock.json
  CAP_KILL="-s KILL 26" ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 <<'EOF'
docker build --network=host --progress=plain \
  --cache-from 127.0.0.1:18351/pinecone/catalog:buildcache \
  --build-arg BUILDKIT_INLINE_CACHE=1 \
  -t 127.0.0.1:18351/pinecone/catalog:${GITHUB_SHA::7} .
EOF
  spec $C $GROUP <<EOF
name $C
job build
repo pinecone-web/ctr-catalog
runner u24
primary docker-cache
categories docker-cache timeout
tool $DOCKER20
field timeout_seconds 60
evidence importing cache manifest from 127.0.0.1:18351/pinecone/catalog:buildcache
evidence RUN echo "installing dependencies"
evidence_runner has timed out after 1 minutes
notes The lockfile is copied before every other instruction, so a dependency change invalidates all layers: the registry cache is imported but no step shows CACHED, and the slow steps run again until the step's timeout-minutes kills the build (real output up to the kill; the time-out line is the runner's wording). Root cause: the layer cache cannot be reused (Dockerfile order); the time-out is the symptom. ${NOTE_CTR//REPO/ctr-catalog}
step Build image
  from $W/$C/1
  end timeout 1
  duration 26
EOF
}

ctr_c_loadstdin() {
  local C=docker-cache-restore-miss-load-stdin-empty
  proj halcyon-labs/ctr-ml-serving
  mkdir -p "$W/$C"
  printf 'Cache not found for input keys: docker-layers-Linux-9e4c1d7a52b08f36e1a94d2c7b5f0e83, docker-layers-Linux-\n' > "$W/$C/out1.txt"
  rm -rf /home/runner/.cache/images
  ccap $C 2 -- bash <<'EOF'
gunzip -c ~/.cache/images/ml-serving-base.tar.gz | docker load
docker build --network=host -t ml-serving:ci .
EOF
  sed -i "s#$S/docker/tmp/#/var/lib/docker/tmp/#" "$W/$C/out2.txt"   # daemon data-root as on a runner
  spec $C $GROUP <<EOF
name $C
job image
repo halcyon-labs/ctr-ml-serving
runner u24new
primary docker-cache
tool actions/cache@v4 (framing) + gzip + $DOCKER28
field exit_code $(rc $C 2)
evidence ml-serving-base.tar.gz: No such file or directory
evidence repositories: no such file or directory
notes actions/cache restored nothing (its "Cache not found" line is the action's wording, templated), and the next step pipes a missing archive into docker load (real gzip and docker output; pipefail; the daemon's data-root path is mapped to /var/lib/docker). ${NOTE_CTR//REPO/ctr-ml-serving}
step Restore image cache
  uses actions/cache@v4
  with path: ~/.cache/images
  with key: docker-layers-Linux-9e4c1d7a52b08f36e1a94d2c7b5f0e83
  with restore-keys: docker-layers-Linux-
  with enableCrossOsArchive: false
  with fail-on-cache-miss: false
  with lookup-only: false
  output $W/$C/out1.txt
  exit 0
step -
  from $W/$C/2
EOF
}

# ---------------------------------------------------------------- registry-auth
small_image() {  # tag the busybox base as the job's freshly built image
  /usr/bin/docker tag $OPEN/base/busybox:1.35 "$1" > /dev/null 2>&1
}

ctr_r_nologin() {
  local C=registry-auth-push-without-login
  proj orbit-labs/ctr-gateway
  nologin; small_image $REG/orbit/gateway:1.8.2
  ccap $C 1 -- <<'EOF'
docker push 127.0.0.1:18350/orbit/gateway:1.8.2
EOF
  spec $C $GROUP <<EOF
name $C
job push
repo orbit-labs/ctr-gateway
runner u24
primary registry-auth
tool $DOCKER28 + docker-registry 2.8.2 (CNCF distribution, htpasswd)
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
field image 127.0.0.1:18350/orbit/gateway:1.8.2
evidence no basic auth credentials
notes docker push to a registry that requires a login, with no login step in the job. ${NOTE_CTR//REPO/ctr-gateway}
step -
  from $W/$C/1
EOF
}

ctr_r_wrongpw() {
  local C=registry-auth-login-wrong-password
  proj ledgerline/ctr-reconciler
  nologin
  ccap $C 1 "$PATH20" -- bash REGISTRY=127.0.0.1:18350 REGISTRY_USER=ci-bot SECRET:REGISTRY_PASSWORD=expired-token-2024 <<'EOF'
docker login "$REGISTRY" -u "$REGISTRY_USER" -p "$REGISTRY_PASSWORD"
docker push "$REGISTRY/ledgerline/reconciler:${GITHUB_SHA::7}"
EOF
  spec $C $GROUP <<EOF
name $C
job publish
repo ledgerline/ctr-reconciler
runner u22
primary registry-auth
tool docker CLI 20.10.24+dfsg1 + engine 20.10.24+dfsg1 + docker-registry 2.8.2 (htpasswd)
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence login attempt to http://127.0.0.1:18350/v2/ failed with status: 401 Unauthorized
notes docker login with a stale password (the CLI also warns about --password on the command line). ${NOTE_CTR//REPO/ctr-reconciler}
step -
  from $W/$C/1
EOF
}

ctr_r_stdin() {
  local C=registry-auth-login-password-stdin-empty-user
  proj halcyon-labs/ctr-edge-proxy
  nologin
  ccap $C 1 -- bash REGISTRY_USER= SECRET:REGISTRY_TOKEN= <<'EOF'
echo "$REGISTRY_TOKEN" | docker login 127.0.0.1:18350 --username "$REGISTRY_USER" --password-stdin
EOF
  spec $C $GROUP <<EOF
name $C
job release (edge-proxy)
repo halcyon-labs/ctr-edge-proxy
runner u24new
primary registry-auth
tool $DOCKER28
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence username is empty
notes The secrets are not available to this run (pull request from a fork), so both expand to empty strings and docker login refuses. ${NOTE_CTR//REPO/ctr-edge-proxy}
step Log in to registry
  from $W/$C/1
EOF
}

ctr_r_tty() {
  local C=registry-auth-login-non-tty
  proj tidewater/ctr-tiles
  nologin
  ccap $C 1 "$PATH20" -- default REGISTRY=127.0.0.1:18350 <<'EOF'
docker login $REGISTRY -u "$DOCKER_USER" -p "$DOCKER_PASSWORD"
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-tiles
repo tidewater/ctr-tiles
runner selfhosted tiles-runner-02
primary registry-auth
tool docker CLI 20.10.24+dfsg1
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence Error: Cannot perform an interactive login from a non TTY device
notes DOCKER_USER / DOCKER_PASSWORD are not defined in the step's env (misspelt secret mapping), so docker login falls back to an interactive prompt. ${NOTE_CTR//REPO/ctr-tiles}
step -
  from $W/$C/1
EOF
}

ctr_r_ghcr() {
  local C=registry-auth-ghcr-write-package-denied
  proj pinecone-web/ctr-search-ui
  nologin; small_image 127.0.0.1:18352/pinecone-web/search-ui:main
  mkdir -p "$W/$C"
  printf 'Logging into 127.0.0.1:18352...\nLogin Succeeded!\n' > "$W/$C/out1.txt"
  echo dummy | /usr/bin/docker --config /home/runner/.docker login -u pinecone-bot --password-stdin 127.0.0.1:18352 > /dev/null 2>&1
  ccap $C 2 -- <<'EOF'
docker push 127.0.0.1:18352/pinecone-web/search-ui:main
EOF
  spec $C $GROUP <<EOF
name $C
job image
repo pinecone-web/ctr-search-ui
runner u24
primary registry-auth
tool docker/login-action@v3 (framing) + $DOCKER28 + registry STUB answering like ghcr.io
field exit_code $(rc $C 2)
field registry 127.0.0.1:18352
field image 127.0.0.1:18352/pinecone-web/search-ui:main
evidence denied: permission_denied: write_package
notes Login works but the token may not write the package (workflow permissions without packages: write, or the package not linked to the repository). The registry is a local stub returning ghcr.io's DENIED message as users report it (e.g. Snowfork/snowbridge#1272, docker/build-push-action#806); the docker client output is real. login-action lines after its source (docker.ts). ${NOTE_CTR//REPO/ctr-search-ui}
step Log in to GHCR
  uses docker/login-action@v3
  with registry: 127.0.0.1:18352
  with username: pinecone-bot
  with password: ***
  with ecr: auto
  with logout: true
  output $W/$C/out1.txt
  exit 0
step -
  from $W/$C/2
EOF
}

ctr_r_podman() {
  local C=registry-auth-podman-push-bad-creds
  proj northwind-dev/ctr-ledger-sync
  nologin
  ccap $C 1 $PODENV -- bash REGISTRY=127.0.0.1:18350 REGISTRY_USER=deployer SECRET:REGISTRY_PASSWORD=deploy-pass-8 <<'EOF'
podman pull -q 127.0.0.1:18351/base/busybox:1.35
podman tag 127.0.0.1:18351/base/busybox:1.35 $REGISTRY/northwind/ledger-sync:2.3.0
podman push --creds "$REGISTRY_USER:$REGISTRY_PASSWORD" $REGISTRY/northwind/ledger-sync:2.3.0
EOF
  spec $C $GROUP <<EOF
name $C
job push-image
repo northwind-dev/ctr-ledger-sync
runner u24
primary registry-auth
tool $(podman --version) + docker-registry 2.8.2 (htpasswd)
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence_all unauthorized
notes podman push with a wrong password. ${NOTE_CTR//REPO/ctr-ledger-sync}
step -
  from $W/$C/1
EOF
}

ctr_r_skopeo() {
  local C=registry-auth-skopeo-copy-no-credentials
  proj orbit-labs/ctr-mirror-images
  nologin
  ccap $C 1 $PODENV -- bash <<'EOF'
for img in base/busybox:1.35 base/debian:bookworm-slim; do
  skopeo copy --src-tls-verify=false --dest-tls-verify=false \
    docker://127.0.0.1:18351/$img docker://127.0.0.1:18350/mirror/$img
done
EOF
  spec $C $GROUP <<EOF
name $C
job mirror
repo orbit-labs/ctr-mirror-images
runner u22
primary registry-auth
tool $(skopeo --version) + docker-registry 2.8.2 (htpasswd)
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence_all authentication required
notes skopeo copy into the private registry without --dest-creds or a prior skopeo login. ${NOTE_CTR//REPO/ctr-mirror-images}
step Mirror base images
  from $W/$C/1
EOF
}

ctr_r_gar() {
  local C=registry-auth-gar-upload-permission-denied
  proj halcyon-labs/ctr-recommender
  nologin; small_image 127.0.0.1:18354/halcyon-prod-4471/services/recommender:v41
  ccap $C 1 "$PATH20" -- bash <<'EOF'
docker push 127.0.0.1:18354/halcyon-prod-4471/services/recommender:v41
EOF
  spec $C $GROUP <<EOF
name $C
job deploy
repo halcyon-labs/ctr-recommender
runner u24new
primary registry-auth
tool docker CLI 20.10.24+dfsg1 + registry STUB answering like Artifact Registry
field exit_code $(rc $C 1)
field registry 127.0.0.1:18354
field image 127.0.0.1:18354/halcyon-prod-4471/services/recommender:v41
evidence artifactregistry.repositories.uploadArtifacts
notes The service account lacks roles/artifactregistry.writer (or docker was configured for another region). Stub returns Artifact Registry's DENIED text as users report it (GoogleCloudPlatform/cymbal-superstore#4); docker output is real. ${NOTE_CTR//REPO/ctr-recommender}
step -
  from $W/$C/1
EOF
}

ctr_r_ecr() {
  local C=registry-auth-ecr-token-expired-buildah
  proj northwind-dev/ctr-fraud-score
  ccap $C 1 $PODENV -- bash ECR_REGISTRY=127.0.0.1:18355 <<'EOF'
buildah pull -q 127.0.0.1:18351/base/busybox:1.35 > /dev/null
buildah tag 127.0.0.1:18351/base/busybox:1.35 $ECR_REGISTRY/fraud-score:${GITHUB_SHA::7}
buildah push --tls-verify=false $ECR_REGISTRY/fraud-score:${GITHUB_SHA::7}
EOF
  spec $C $GROUP <<EOF
name $C
job push
repo northwind-dev/ctr-fraud-score
runner selfhosted ecs-builder-1
primary registry-auth
tool $(buildah --version) + registry STUB answering like Amazon ECR
field exit_code $(rc $C 1)
field registry 127.0.0.1:18355
evidence Your authorization token has expired. Reauthenticate and try again.
notes A long job reuses an ECR login token older than 12 hours. Stub returns ECR's DENIED text as users report it (aws-samples/ecs-bg-external-controller#13); buildah output is real. ${NOTE_CTR//REPO/ctr-fraud-score}
step -
  from $W/$C/1
EOF
}

ctr_r_ratelimit() {
  local C=registry-auth-hub-pull-rate-limit
  proj tidewater/ctr-etl
  cat > Dockerfile <<'EOF'
FROM 127.0.0.1:18353/library/python:3.12-slim
WORKDIR /etl
COPY . .
EOF
  ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 <<'EOF'
docker build --network=host --progress=plain -t etl:${GITHUB_SHA::7} .
EOF
  spec $C $GROUP <<EOF
name $C
job build
repo tidewater/ctr-etl
runner u24
primary registry-auth
categories registry-auth docker-build
tool $DOCKER20 + registry STUB answering like Docker Hub
field exit_code $(rc $C 1)
field registry 127.0.0.1:18353
evidence_all failed with status code [manifests 3.12-slim]: 429 Too Many Requests
notes Anonymous pulls of the base image hit the pull rate limit; a docker login (authenticated pulls) or a mirror fixes it. Stub answers 429 with Docker Hub's TOOMANYREQUESTS body (widely reported wording), which this BuildKit version does not print; BuildKit output is real. ${NOTE_CTR//REPO/ctr-etl}
step -
  from $W/$C/1
EOF
}

ctr_r_stdin2() {
  local C=registry-auth-login-password-stdin-no-username
  proj orbit-labs/ctr-audit-log
  nologin
  ccap $C 1 "$PATH20" -- bash SECRET:GHCR_TOKEN=ghp_placeholder <<'EOF'
echo "$GHCR_TOKEN" | docker login 127.0.0.1:18350 --password-stdin
docker push 127.0.0.1:18350/orbit-labs/audit-log:latest
EOF
  spec $C $GROUP <<EOF
name $C
job publish
repo orbit-labs/ctr-audit-log
runner u24
primary registry-auth
tool docker CLI 20.10.24+dfsg1
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence Must provide --username with --password-stdin
notes docker login --password-stdin without --username. ${NOTE_CTR//REPO/ctr-audit-log}
step -
  from $W/$C/1
EOF
}

ctr_r_ratelimit_run() {
  local C=registry-auth-hub-rate-limit-docker-run
  proj ledgerline/ctr-ledger-db
  ccap $C 1 -- bash <<'EOF'
docker run --rm --network host -e POSTGRES_PASSWORD=ci 127.0.0.1:18353/library/postgres:16-alpine postgres --version
EOF
  spec $C $GROUP <<EOF
name $C
job integration
repo ledgerline/ctr-ledger-db
runner u22
primary registry-auth
tool $DOCKER28 + registry STUB answering like Docker Hub
field exit_code $(rc $C 1)
field registry 127.0.0.1:18353
field image 127.0.0.1:18353/library/postgres:16-alpine
evidence toomanyrequests: You have reached your pull rate limit.
notes Anonymous pull of a service image hits the pull rate limit. Stub returns Docker Hub's TOOMANYREQUESTS text (widely reported wording); docker output is real. ${NOTE_CTR//REPO/ctr-ledger-db}
step -
  from $W/$C/1
EOF
}

ctr_r_loginaction() {
  local C=registry-auth-login-action-unauthorized
  proj ledgerline/ctr-statements
  nologin
  mkdir -p "$W/$C"
  local err
  err=$(echo 'wrong-token' | /usr/local/bin/docker --config /tmp/ci-corpus-ctr/cfg-la login --password-stdin --username ci-bot 127.0.0.1:18350 2>&1 >/dev/null)
  printf 'Logging into 127.0.0.1:18350...\n' > "$W/$C/out1.txt"
  printf '%s\n' "$err" > "$W/$C/err1.txt"
  spec $C $GROUP <<EOF
name $C
job build-and-push
repo ledgerline/ctr-statements
runner u22
primary registry-auth
tool docker/login-action@v3 (framing) + $DOCKER28 + docker-registry 2.8.2 (htpasswd)
field registry 127.0.0.1:18350
evidence_runner failed with status: 401 Unauthorized
notes login-action passes the docker CLI's stderr to core.setFailed, so the registry's answer becomes the ##[error] line (the error text is the real output of 'docker login --password-stdin' with a wrong token; the action's lines after its source docker.ts). ${NOTE_CTR//REPO/ctr-statements}
step Log in to the registry
  uses docker/login-action@v3
  with registry: 127.0.0.1:18350
  with username: ci-bot
  with password: ***
  with ecr: auto
  with logout: true
  output $W/$C/out1.txt
  exit 1
  error $(head -1 "$W/$C/err1.txt")
EOF
}

# ---------------------------------------------------------------- smoke-tests
ctr_s_curl401() {
  local C=smoke-tests-curl-fail-with-body-401
  proj pinecone-web/ctr-orders
  ccap $C 1 -- bash APP_URL=http://127.0.0.1:18380 SECRET:SMOKE_TOKEN=stale-token <<'EOF'
curl -sS --fail-with-body -H "Authorization: Bearer $SMOKE_TOKEN" "$APP_URL/api/v1/orders"
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-staging
repo pinecone-web/ctr-orders
runner u24
primary smoke-tests
tool $(curl --version | head -1 | cut -d' ' -f1-2) against a local app
field exit_code $(rc $C 1)
field http_status 401
field url http://127.0.0.1:18380/api/v1/orders
evidence curl: (22) The requested URL returned error: 401
notes Post-deploy smoke check with a stale smoke-test token; --fail-with-body prints the body before the error. ${NOTE_CTR//REPO/ctr-orders}
step Smoke test
  from $W/$C/1
EOF
}

ctr_s_curlloop() {
  local C=smoke-tests-curl-status-loop-503
  proj halcyon-labs/ctr-profile-svc
  ccap $C 1 -- bash SERVICE_URL=http://127.0.0.1:18380 <<'EOF'
for attempt in 1 2 3 4 5; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL/readyz")
  echo "readiness attempt $attempt: HTTP $code"
  [ "$code" = "200" ] && exit 0
  sleep 3
done
echo "service not ready after 5 attempts ($SERVICE_URL/readyz answered $code)"
curl -s "$SERVICE_URL/readyz"; echo
exit 1
EOF
  spec $C $GROUP <<EOF
name $C
job deploy (staging)
repo halcyon-labs/ctr-profile-svc
runner u22
primary smoke-tests
tool curl 7.88.1 (-w '%{http_code}') in a bash retry loop
field exit_code $(rc $C 1)
field http_status 503
field url http://127.0.0.1:18380/readyz
evidence service not ready after 5 attempts
evidence {"status": "unavailable"
notes Readiness loop around curl -w '%{http_code}': the app answers 503 (its database check fails) until the loop gives up. ${NOTE_CTR//REPO/ctr-profile-svc}
step Wait for readiness
  from $W/$C/1
  duration 15
EOF
}

ctr_s_connrefused() {
  local C=smoke-tests-curl-retry-connection-refused
  proj tidewater/ctr-routing
  ccap $C 1 -- default <<'EOF'
curl --fail --silent --show-error --retry 4 --retry-connrefused --retry-delay 2 \
  http://127.0.0.1:18390/health/live
EOF
  spec $C $GROUP <<EOF
name $C
job smoke
repo tidewater/ctr-routing
runner u24new
primary smoke-tests
tool curl 7.88.1
field exit_code $(rc $C 1)
field url http://127.0.0.1:18390/health/live
evidence curl: (7) Failed to connect to 127.0.0.1 port 18390
notes Nothing listens on the service port (the app never started); curl retries on connection refused and gives up. ${NOTE_CTR//REPO/ctr-routing}
step -
  from $W/$C/1
  duration 9
EOF
}

ctr_s_timeout28() {
  local C=smoke-tests-curl-max-time-28
  proj northwind-dev/ctr-statements-api
  ccap $C 1 -- bash BASE_URL=http://127.0.0.1:18380 <<'EOF'
echo "GET $BASE_URL/slow (max 5s)"
curl -fsS --max-time 5 "$BASE_URL/slow" -o /dev/null
EOF
  spec $C $GROUP <<EOF
name $C
job post-deploy-checks
repo northwind-dev/ctr-statements-api
runner u24
primary smoke-tests
tool curl 7.88.1
field exit_code $(rc $C 1)
field timeout_seconds 5
field url http://127.0.0.1:18380/slow
evidence curl: (28) Operation timed out after
notes The endpoint answers after 30 s; curl --max-time 5 gives up (exit 28). ${NOTE_CTR//REPO/ctr-statements-api}
step -
  from $W/$C/1
  duration 5
EOF
}

ctr_s_httpie() {
  local C=smoke-tests-httpie-check-status-500
  proj ledgerline/ctr-reports
  ccap $C 1 -- bash APP_URL=http://127.0.0.1:18380 <<'EOF'
http --check-status --ignore-stdin --print=hb --timeout 10 GET "$APP_URL/api/v1/reports" Accept:application/json
EOF
  spec $C $GROUP <<EOF
name $C
job verify-release
repo ledgerline/ctr-reports
runner u22
primary smoke-tests
tool HTTPie $(http --version) (Debian httpie)
field exit_code $(rc $C 1)
field http_status 500
field url http://127.0.0.1:18380/api/v1/reports
evidence HTTP/1.0 500 Internal Server Error
evidence http: LogLevel.WARNING: HTTP 500 Internal Server Error
notes httpie --check-status exits 5 on a 5xx answer (Debian httpie 3.2.1 prints its warning as "LogLevel.WARNING"). ${NOTE_CTR//REPO/ctr-reports}
step Smoke test reports API
  from $W/$C/1
EOF
}

ctr_s_requests() {
  local C=smoke-tests-python-requests-connection-refused
  proj orbit-labs/ctr-notifications
  mkdir -p scripts
  cat > scripts/smoke.py <<'EOF'
import os
import sys

import requests

BASE = os.environ["SMOKE_BASE_URL"].rstrip("/")


def main() -> int:
    for path in ("/healthz", "/api/v1/version"):
        resp = requests.get(BASE + path, timeout=5)
        resp.raise_for_status()
        print(f"ok {path} {resp.status_code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
EOF
  ccap $C 1 -- bash py SMOKE_BASE_URL=http://127.0.0.1:18391 <<'EOF'
python scripts/smoke.py
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-preview
repo orbit-labs/ctr-notifications
runner u24
setup python 3.11.2
primary smoke-tests
tool Python $(/usr/bin/python3 -c 'import platform;print(platform.python_version())') + requests $(/usr/bin/python3 -c 'import requests;print(requests.__version__)') (Debian)
field exit_code $(rc $C 1)
field url http://127.0.0.1:18391/healthz
evidence requests.exceptions.ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=18391)
notes The preview environment's URL points at a port nothing listens on. ${NOTE_CTR//REPO/ctr-notifications}
step Smoke test preview
  from $W/$C/1
EOF
}

ctr_s_urllib() {
  local C=smoke-tests-urllib-502-bad-gateway
  proj tidewater/ctr-catalog-edge
  ccap $C 1 -- default py CATALOG_URL=http://127.0.0.1:18380/api/v2/catalog <<'EOF'
python - <<'PY'
import json, os, urllib.request
with urllib.request.urlopen(os.environ["CATALOG_URL"], timeout=10) as r:
    items = json.load(r)
print(f"catalog ok: {len(items)} items")
PY
EOF
  spec $C $GROUP <<EOF
name $C
job canary-check
repo tidewater/ctr-catalog-edge
runner selfhosted edge-runner-04
setup python 3.11.2
primary smoke-tests
tool Python $(/usr/bin/python3 -c 'import platform;print(platform.python_version())') urllib
field exit_code $(rc $C 1)
field http_status 502
field url http://127.0.0.1:18380/api/v2/catalog
evidence urllib.error.HTTPError: HTTP Error 502: Bad Gateway
notes The proxy in front of the new release answers 502. ${NOTE_CTR//REPO/ctr-catalog-edge}
step -
  from $W/$C/1
EOF
}

ctr_s_node() {
  local C=smoke-tests-node-fetch-econnrefused
  proj pinecone-web/ctr-web-shop
  mkdir -p scripts
  cat > scripts/smoke.mjs <<'EOF'
const base = process.env.SHOP_URL;
const paths = ['/healthz', '/api/v1/version'];
for (const p of paths) {
  const res = await fetch(base + p, { signal: AbortSignal.timeout(10000) });
  if (!res.ok) {
    throw new Error(`GET ${p} answered ${res.status}`);
  }
  console.log(`ok ${p} ${res.status}`);
}
EOF
  ccap $C 1 -- SHOP_URL=http://127.0.0.1:18392 <<'EOF'
node scripts/smoke.mjs
EOF
  spec $C $GROUP <<EOF
name $C
job e2e-smoke
repo pinecone-web/ctr-web-shop
runner u24new
primary smoke-tests
tool node $(node --version) (built-in fetch / undici)
field exit_code $(rc $C 1)
field url http://127.0.0.1:18392
evidence TypeError: fetch failed
evidence Error: connect ECONNREFUSED 127.0.0.1:18392
notes Node 20 fetch-based smoke script; the service is not listening. ${NOTE_CTR//REPO/ctr-web-shop}
step Smoke
  from $W/$C/1
EOF
}

ctr_s_k6() {
  local C=smoke-tests-k6-thresholds-crossed
  proj halcyon-labs/ctr-search-api
  tmpl $C 1 99 'k6 run --quiet tests/load/smoke.js' <<'EOF'

     ✓ status is 200
     ✗ search answers in time
      ↳  61% — ✓ 183 / ✗ 117

   ✓ checks.........................: 80.50% ✓ 483      ✗ 117
     data_received..................: 1.9 MB 63 kB/s
     data_sent......................: 52 kB  1.7 kB/s
     http_req_blocked...............: avg=14.6µs   min=2.1µs   med=5.3µs    max=1.43ms   p(90)=8.9µs    p(95)=11.2µs
     http_req_connecting............: avg=5.2µs    min=0s      med=0s       max=611.4µs  p(90)=0s       p(95)=0s
   ✗ http_req_duration..............: avg=412.71ms min=38.17ms med=301.4ms  max=2.91s    p(90)=871.3ms  p(95)=1.12s
       { expected_response:true }...: avg=412.71ms min=38.17ms med=301.4ms  max=2.91s    p(90)=871.3ms  p(95)=1.12s
   ✓ http_req_failed................: 0.00%  ✓ 0        ✗ 300
     http_req_receiving.............: avg=98.4µs   min=21.7µs  med=77.1µs   max=1.02ms   p(90)=170.2µs  p(95)=214.9µs
     http_req_sending...............: avg=24.1µs   min=6.8µs   med=19.3µs   max=402.6µs  p(90)=38.4µs   p(95)=51.1µs
     http_req_tls_handshaking.......: avg=0s       min=0s      med=0s       max=0s       p(90)=0s       p(95)=0s
     http_req_waiting...............: avg=412.59ms min=38.09ms med=301.3ms  max=2.91s    p(90)=871.2ms  p(95)=1.12s
     http_reqs......................: 300    9.91479/s
     iteration_duration.............: avg=1.01s    min=538.6ms med=902.7ms  max=3.41s    p(90)=1.37s    p(95)=1.62s
     iterations.....................: 300    9.91479/s
     vus............................: 10     min=10     max=10
     vus_max........................: 10     min=10     max=10

time="2026-12-02T15:41:07Z" level=error msg="thresholds on metrics 'http_req_duration' have been crossed"
EOF
  spec $C $GROUP <<EOF
name $C
job smoke-load
repo halcyon-labs/ctr-search-api
runner u24
primary smoke-tests
tool k6 (templated: end-of-test summary layout and the threshold error as k6 v0.4x prints them)
field exit_code 99
evidence ✗ http_req_duration
evidence thresholds on metrics 'http_req_duration' have been crossed
notes k6 is not packaged for Debian 12 (npm 'k6' is a types-only dummy), so this output is written from k6's source (cmd/run.go: "thresholds on metrics '%s' have been crossed", exit code 99 = ThresholdsHaveFailed) and the summary layout of public k6 issue reports (grafana/k6#4319, #3518); numbers are illustrative. Generator: tests/corpus/gen/cases_ctr.sh.
step Run k6 smoke test
  from $W/$C/1
  duration 30
EOF
}

ctr_s_pytest() {
  local C=smoke-tests-pytest-suite-login-401
  proj ledgerline/ctr-customer-portal
  mkdir -p tests/smoke
  : > tests/__init__.py; : > tests/smoke/__init__.py
  cat > tests/smoke/conftest.py <<'EOF'
import os

import pytest


@pytest.fixture(scope="session")
def base_url():
    return os.environ["SMOKE_BASE_URL"].rstrip("/")
EOF
  cat > tests/smoke/test_deployed.py <<'EOF'
import os

import requests


def test_health(base_url):
    assert requests.get(f"{base_url}/healthz", timeout=5).status_code == 200


def test_version_is_published(base_url):
    body = requests.get(f"{base_url}/api/v1/version", timeout=5).json()
    assert body["version"]


def test_login_returns_token(base_url):
    resp = requests.post(
        f"{base_url}/api/token",
        data={"username": "smoke_test", "password": os.environ.get("SMOKE_TEST_PASSWORD", "")},
        timeout=5,
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["access_token"]
EOF
  ccap $C 1 -- bash py SMOKE_BASE_URL=http://127.0.0.1:18380 SECRET:SMOKE_TEST_PASSWORD=changeme123 <<'EOF'
pytest tests/smoke -q
EOF
  spec $C $GROUP <<EOF
name $C
job smoke (staging)
repo ledgerline/ctr-customer-portal
runner u22
setup python 3.11.2
primary smoke-tests
tool pytest $(/usr/bin/python3 -c 'import pytest;print(pytest.__version__)') + requests (Debian) against a local app
field exit_code $(rc $C 1)
field http_status 401
field test_ids ["tests/smoke/test_deployed.py::test_login_returns_token"]
field failed_count 1
evidence AssertionError: {"detail": "Invalid credentials"}
evidence FAILED tests/smoke/test_deployed.py::test_login_returns_token
notes A pytest smoke suite against the deployed URL: the smoke user's password secret does not match (401). Runbook: smoke tests fail with 401. ${NOTE_CTR//REPO/ctr-customer-portal}
step Smoke tests
  from $W/$C/1
EOF
}

ctr_s_tls() {
  local C=smoke-tests-curl-tls-self-signed
  proj orbit-labs/ctr-billing-portal
  ccap $C 1 -- bash PORTAL_URL=https://127.0.0.1:18384 <<'EOF'
curl -fsS "$PORTAL_URL/healthz"
EOF
  spec $C $GROUP <<EOF
name $C
job verify-staging
repo orbit-labs/ctr-billing-portal
runner u24
primary smoke-tests
tool curl 7.88.1 (OpenSSL) against a local HTTPS app with a self-signed certificate
field exit_code $(rc $C 1)
field url https://127.0.0.1:18384/healthz
evidence SSL certificate problem: self-signed certificate
notes The staging ingress serves a self-signed certificate (cert-manager issuer not ready). ${NOTE_CTR//REPO/ctr-billing-portal}
step -
  from $W/$C/1
EOF
}

ctr_s_wgetdns() {
  local C=smoke-tests-wget-dns-unresolved
  proj tidewater/ctr-maps-tiles
  ccap $C 1 -- default DEPLOY_HOST=tiles.staging.ctr-maps.invalid <<'EOF'
wget --tries=2 --timeout=10 -O /dev/null "https://$DEPLOY_HOST/health/ready"
EOF
  spec $C $GROUP <<EOF
name $C
job deploy
repo tidewater/ctr-maps-tiles
runner u22
primary smoke-tests
tool $(wget --version | head -1 | cut -d' ' -f1-3)
field exit_code $(rc $C 1)
field url https://tiles.staging.ctr-maps.invalid/health/ready
evidence unable to resolve host address
notes The DNS record for the new environment does not exist (yet). ${NOTE_CTR//REPO/ctr-maps-tiles}
step Check deployment
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- db-migration
LQBIN=$S/lqbin        # liquibase 4.28 from the npm package 'liquibase' (bundled CLI; Java 17)
PYTOOL_DJ="Django $(/usr/bin/python3 -c 'import django;print(django.get_version())' 2>/dev/null) (Debian python3-django)"
PYTOOL_AL="alembic $(/usr/bin/python3 -c 'import alembic;print(alembic.__version__)' 2>/dev/null) + SQLAlchemy $(/usr/bin/python3 -c 'import sqlalchemy;print(sqlalchemy.__version__)' 2>/dev/null)"
PGVER="PostgreSQL $(su postgres -c '/usr/lib/postgresql/15/bin/postgres --version' 2>/dev/null | awk '{print $3}')"

alembic_proj() {  # `alembic init` project whose env.py reads DATABASE_URL; migrations from the caller
  /opt/hostedtoolcache/Python/3.11.2/x64/bin/alembic init migrations > /dev/null 2>&1
  cat > migrations/env.py <<'EOF'
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config
target_metadata = None


def run_migrations_online():
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
EOF
}
alembic_rev() {  # alembic_rev FILE REV DOWN UPGRADE-BODY
  printf '"""%s"""\nrevision = "%s"\ndown_revision = %s\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n%s\n\n\ndef downgrade():\n    pass\n' \
    "$1" "$2" "$3" "$4" > "migrations/versions/$1.py"
}

ctr_m_alembic_dup() {
  local C=db-migration-alembic-postgres-duplicate-table
  proj ledgerline/ctr-invoicing
  alembic_proj
  alembic_rev 0001_create_invoices 0001 None '    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True), sa.Column("total_cents", sa.BigInteger, nullable=False))'
  alembic_rev 0002_invoice_currency 0002 '"0001"' '    op.add_column("invoices", sa.Column("currency", sa.String(3), server_default="EUR"))'
  pgdb ctr_invoicing
  # the app's create_all() ran against this database before migrations were introduced
  PGPASSWORD=ctr_invoicing-pw psql -q -h 127.0.0.1 -p 18332 -U ctr_invoicing ctr_invoicing \
    -c "CREATE TABLE invoices (id serial PRIMARY KEY, total_cents bigint NOT NULL)" > /dev/null
  ccap $C 1 -- bash py SECRET:DATABASE_URL=postgresql://ctr_invoicing:ctr_invoicing-pw@127.0.0.1:18332/ctr_invoicing <<'EOF'
alembic upgrade head
EOF
  spec $C $GROUP <<EOF
name $C
job migrate (staging)
repo ledgerline/ctr-invoicing
runner u24
setup python 3.11.2
primary db-migration
tool $PYTOOL_AL + psycopg2 (Debian) against $PGVER
field exit_code $(rc $C 1)
evidence psycopg2.errors.DuplicateTable: relation "invoices" already exists
notes The table was created by the application (create_all) before migrations existed; the first revision fails. Fix: alembic stamp the existing schema. ${NOTE_CTR//REPO/ctr-invoicing}
step Run migrations
  from $W/$C/1
EOF
}

ctr_m_alembic_behind() {
  local C=db-migration-alembic-autogenerate-not-up-to-date
  proj northwind-dev/ctr-inventory
  alembic_proj
  alembic_rev 0001_items 0001 None '    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True))'
  alembic_rev 0002_item_sku 0002 '"0001"' '    op.add_column("items", sa.Column("sku", sa.String(32)))'
  rm -f ci.sqlite
  /usr/bin/python3 - <<'EOF'
import sqlite3
db = sqlite3.connect("ci.sqlite")
db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
db.execute("INSERT INTO alembic_version VALUES ('0001')")
db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
db.commit()
EOF
  ccap $C 1 -- default py DATABASE_URL=sqlite:///ci.sqlite <<'EOF'
alembic current
alembic revision --autogenerate -m "check for model drift"
EOF
  spec $C $GROUP <<EOF
name $C
job migrations-check
repo northwind-dev/ctr-inventory
runner u22
setup python 3.11.2
primary db-migration
tool $PYTOOL_AL (sqlite3)
field exit_code $(rc $C 1)
evidence FAILED: Target database is not up to date.
notes A model-drift check runs autogenerate against a database snapshot that is one revision behind head. ${NOTE_CTR//REPO/ctr-inventory}
step Check for missing migrations
  from $W/$C/1
EOF
}

django_proj() {  # django_proj APP... : manage.py + settings (DATABASE_URL sqlite path or postgres via PG* env)
  mkdir -p site_conf
  : > site_conf/__init__.py
  cat > manage.py <<'EOF'
#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
EOF
  {
    echo 'import os'
    echo 'SECRET_KEY = "ci-only"'
    echo 'USE_TZ = True'
    echo 'DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"'
    echo "INSTALLED_APPS = [$(printf '"%s", ' "$@")]"
    echo 'if os.environ.get("PGHOST"):'
    echo '    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.environ["PGDATABASE"], "USER": os.environ["PGUSER"], "PASSWORD": os.environ["PGPASSWORD"], "HOST": os.environ["PGHOST"], "PORT": os.environ["PGPORT"]}}'
    echo 'else:'
    echo '    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}'
  } > site_conf/settings.py
  local a
  for a in "$@"; do mkdir -p "$a/migrations"; : > "$a/__init__.py"; : > "$a/migrations/__init__.py"; done
}
dj_mig() {  # dj_mig APP NAME DEPS OPERATIONS
  printf 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [%s]\n    operations = [\n%s\n    ]\n' "$3" "$4" > "$1/migrations/$2.py"
}

ctr_m_dj_inconsistent() {
  local C=db-migration-django-inconsistent-history
  proj pinecone-web/ctr-shop-backend
  django_proj shop billing
  cat > shop/models.py <<'EOF'
from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=120)
    sku = models.CharField(max_length=32, default="")
EOF
  cat > billing/models.py <<'EOF'
from django.db import models


class Charge(models.Model):
    product = models.ForeignKey("shop.Product", on_delete=models.PROTECT)
    amount_cents = models.IntegerField()
EOF
  dj_mig shop 0001_initial '' '        migrations.CreateModel("Product", [("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=120))]),'
  dj_mig shop 0002_product_sku '("shop", "0001_initial")' '        migrations.AddField("product", "sku", models.CharField(max_length=32, default="")),'
  dj_mig billing 0001_initial '("shop", "0002_product_sku")' '        migrations.CreateModel("Charge", [("id", models.BigAutoField(primary_key=True)), ("amount_cents", models.IntegerField()), ("product", models.ForeignKey(on_delete=models.PROTECT, to="shop.product"))]),'
  rm -f db.sqlite3
  /usr/bin/python3 manage.py migrate -v 0 > /dev/null 2>&1
  # the staging snapshot was restored from before shop.0002 while billing.0001 stayed recorded
  /usr/bin/python3 - <<'EOF'
import sqlite3
db = sqlite3.connect("db.sqlite3")
db.execute("DELETE FROM django_migrations WHERE app='shop' AND name='0002_product_sku'")
db.commit()
EOF
  ccap $C 1 -- bash py <<'EOF'
python manage.py migrate --noinput
EOF
  spec $C $GROUP <<EOF
name $C
job migrate
repo pinecone-web/ctr-shop-backend
runner u24new
setup python 3.11.2
primary db-migration
tool $PYTOOL_DJ (sqlite3)
field exit_code $(rc $C 1)
evidence django.db.migrations.exceptions.InconsistentMigrationHistory: Migration billing.0001_initial is applied before its dependency shop.0002_product_sku
notes The database's django_migrations table lost a row (restored snapshot) that a later migration depends on. ${NOTE_CTR//REPO/ctr-shop-backend}
step -
  from $W/$C/1
EOF
}

ctr_m_dj_conflict() {
  local C=db-migration-django-conflicting-leaf-nodes
  proj orbit-labs/ctr-orders-service
  django_proj orders
  cat > orders/models.py <<'EOF'
from django.db import models


class Order(models.Model):
    reference = models.CharField(max_length=40)
    note = models.TextField(blank=True, default="")
    status = models.CharField(max_length=16, default="new")
EOF
  dj_mig orders 0001_initial '' '        migrations.CreateModel("Order", [("id", models.BigAutoField(primary_key=True)), ("reference", models.CharField(max_length=40))]),'
  dj_mig orders 0002_order_note '("orders", "0001_initial")' '        migrations.AddField("order", "note", models.TextField(blank=True, default="")),'
  dj_mig orders 0002_order_status '("orders", "0001_initial")' '        migrations.AddField("order", "status", models.CharField(max_length=16, default="new")),'
  rm -f db.sqlite3
  ccap $C 1 -- bash py <<'EOF'
python manage.py migrate --noinput
EOF
  spec $C $GROUP <<EOF
name $C
job test-migrations
repo orbit-labs/ctr-orders-service
runner u22
setup python 3.11.2
primary db-migration
tool $PYTOOL_DJ (sqlite3)
field exit_code $(rc $C 1)
evidence CommandError: Conflicting migrations detected; multiple leaf nodes in the migration graph
notes Two branches each added a 0002 migration to the same app; after the merge Django sees two leaf nodes. ${NOTE_CTR//REPO/ctr-orders-service}
step -
  from $W/$C/1
EOF
}

ctr_m_dj_missing() {
  local C=db-migration-django-makemigrations-check-changes
  proj halcyon-labs/ctr-crm
  django_proj contacts
  cat > contacts/models.py <<'EOF'
from django.db import models


class Contact(models.Model):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    consent_marketing = models.BooleanField(default=False)
EOF
  dj_mig contacts 0001_initial '' '        migrations.CreateModel("Contact", [("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254, unique=True)), ("full_name", models.CharField(max_length=200))]),'
  ccap $C 1 -- bash py <<'EOF'
python manage.py makemigrations --check --dry-run
EOF
  spec $C $GROUP <<EOF
name $C
job lint-migrations
repo halcyon-labs/ctr-crm
runner u24
setup python 3.11.2
primary db-migration
tool $PYTOOL_DJ
field exit_code $(rc $C 1)
evidence Migrations for 'contacts':
evidence - Add field consent_marketing to contact
notes A model field was added without a migration; makemigrations --check fails the job. ${NOTE_CTR//REPO/ctr-crm}
step Check migrations are committed
  from $W/$C/1
EOF
}

ctr_m_dj_pg_unique() {
  local C=db-migration-django-postgres-unique-index-duplicates
  proj ledgerline/ctr-identity
  django_proj accounts
  cat > accounts/models.py <<'EOF'
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
EOF
  dj_mig accounts 0001_initial '' '        migrations.CreateModel("User", [("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254))]),'
  pgdb ctr_identity
  PGHOST=127.0.0.1 PGPORT=18332 PGUSER=ctr_identity PGPASSWORD=ctr_identity-pw PGDATABASE=ctr_identity \
    /usr/bin/python3 manage.py migrate -v 0 > /dev/null 2>&1
  PGPASSWORD=ctr_identity-pw psql -q -h 127.0.0.1 -p 18332 -U ctr_identity ctr_identity \
    -c "INSERT INTO accounts_user (email) VALUES ('ops@ledgerline.example'), ('ana@ledgerline.example'), ('ops@ledgerline.example')" > /dev/null
  dj_mig accounts 0002_user_email_unique '("accounts", "0001_initial")' '        migrations.AlterField("user", "email", models.EmailField(max_length=254, unique=True)),'
  ccap $C 1 -- bash py PGHOST=127.0.0.1 PGPORT=18332 PGUSER=ctr_identity PGDATABASE=ctr_identity SECRET:PGPASSWORD=ctr_identity-pw <<'EOF'
python manage.py migrate --noinput
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-migrate
repo ledgerline/ctr-identity
runner selfhosted db-runner-01
setup python 3.11.2
primary db-migration
tool $PYTOOL_DJ + psycopg2 against $PGVER
field exit_code $(rc $C 1)
evidence django.db.utils.IntegrityError: could not create unique index
evidence DETAIL:  Key (email)=(ops@ledgerline.example) is duplicated.
notes A unique constraint is added over existing duplicate rows. ${NOTE_CTR//REPO/ctr-identity}
step -
  from $W/$C/1
EOF
}

lq_changelog() {  # lq_changelog FILE: two changesets (create table, add index)
  cat > "$1" <<'EOF'
databaseChangeLog:
  - changeSet:
      id: 001-create-shipments
      author: platform
      changes:
        - createTable:
            tableName: shipments
            columns:
              - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}
              - column: {name: tracking_no, type: varchar(40), constraints: {nullable: false}}
  - changeSet:
      id: 002-shipments-carrier
      author: platform
      changes:
        - addColumn:
            tableName: shipments
            columns:
              - column: {name: carrier, type: varchar(20), defaultValue: "dhl"}
EOF
}

# lq_project DB: changelog + a fresh database; lq_apply DB: run the changelog once (not captured);
# lq_cap CASE DB: the captured `liquibase update` step (liquibase/setup-liquibase puts it on PATH)
lq_project() { mkdir -p db; lq_changelog db/changelog.yaml; pgdb "$1"; }
lq_env() { echo "LIQUIBASE_COMMAND_URL=jdbc:postgresql://127.0.0.1:18332/$1 LIQUIBASE_COMMAND_USERNAME=$1"; }
lq_apply() {
  env $(lq_env "$1") LIQUIBASE_COMMAND_PASSWORD="$1-pw" "$LQBIN/liquibase" --changelog-file=db/changelog.yaml update > /dev/null 2>&1
}
lq_cap() {
  # shellcheck disable=SC2046
  ccap "$1" 1 "PATH=$LQBIN:$BASEPATH" -- bash $(lq_env "$2") "SECRET:LIQUIBASE_COMMAND_PASSWORD=$2-pw" <<'EOF'
liquibase --changelog-file=db/changelog.yaml update
EOF
}

ctr_m_lq_exists() {
  local C=db-migration-liquibase-relation-already-exists
  proj northwind-dev/ctr-shipping
  lq_project ctr_shipping
  PGPASSWORD=ctr_shipping-pw psql -q -h 127.0.0.1 -p 18332 -U ctr_shipping ctr_shipping \
    -c "CREATE TABLE shipments (id bigserial PRIMARY KEY, tracking_no varchar(40) NOT NULL)" > /dev/null
  lq_cap $C ctr_shipping
  spec $C $GROUP <<EOF
name $C
job db-update
repo northwind-dev/ctr-shipping
runner u24
primary db-migration
tool Liquibase Open Source 4.28.0 (npm package 'liquibase', bundled CLI) on OpenJDK 17 against $PGVER
field exit_code $(rc $C 1)
evidence_all relation "shipments" already exists
notes The table exists (created by hand) but the changelog has never run here. ${NOTE_CTR//REPO/ctr-shipping}
step Liquibase update
  from $W/$C/1
  duration 13
EOF
}

ctr_m_lq_checksum() {
  local C=db-migration-liquibase-checksum-validation-failed
  proj pinecone-web/ctr-returns
  lq_project ctr_returns
  lq_apply ctr_returns
  sed -i 's/type: varchar(20), defaultValue: "dhl"/type: varchar(32), defaultValue: "ups"/' db/changelog.yaml
  lq_cap $C ctr_returns
  spec $C $GROUP <<EOF
name $C
job migrate
repo pinecone-web/ctr-returns
runner u22
primary db-migration
tool Liquibase Open Source 4.28.0 (npm package 'liquibase', bundled CLI) on OpenJDK 17 against $PGVER
field exit_code $(rc $C 1)
evidence_all check sum
notes A changeset that already ran was edited in place; Liquibase's checksum validation stops the update. ${NOTE_CTR//REPO/ctr-returns}
step -
  from $W/$C/1
  duration 13
EOF
}

ctr_m_flyway() {
  local C=db-migration-flyway-failed-migration-validate
  proj halcyon-labs/ctr-ledger-core
  tmpl $C 1 1 'flyway -url="$FLYWAY_URL" -user="$FLYWAY_USER" -password="$FLYWAY_PASSWORD" -locations=filesystem:db/migration migrate' <<'EOF'
Flyway Community Edition 10.17.0 by Redgate

See release notes here: https://rd.gt/416ObMi
Database: jdbc:postgresql://127.0.0.1:18332/ledger_core (PostgreSQL 15.18)
ERROR: Validate failed: Migrations have failed validation
Detected failed migration to version 7 (add ledger entry index).
Please remove any half-completed changes then run repair to fix the schema history.
Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE
EOF
  printf 'FLYWAY_URL: jdbc:postgresql://127.0.0.1:18332/ledger_core\nFLYWAY_USER: ledger\nFLYWAY_PASSWORD: ***\n' > "$W/$C/env1"
  spec $C $GROUP <<EOF
name $C
job migrate-prod
repo halcyon-labs/ctr-ledger-core
runner u24
primary db-migration
tool Flyway Community 10 CLI (templated)
field exit_code 1
evidence ERROR: Validate failed: Migrations have failed validation
evidence Detected failed migration to version 7 (add ledger entry index).
notes A previous deploy left a failed row in flyway_schema_history; every later migrate stops at validation. Flyway is not packaged for Debian 12 and not on npm; the lines are worded after Flyway's messages as quoted in public repositories (Validate failed / Detected failed migration / repair) with the CLI banner layout. Generator: tests/corpus/gen/cases_ctr.sh.
step Flyway migrate
  from $W/$C/1
EOF
}

ctr_m_psql() {
  local C=db-migration-psql-script-on-error-stop
  proj tidewater/ctr-telemetry
  mkdir -p db/migrations
  pgdb ctr_telemetry
  PGPASSWORD=ctr_telemetry-pw psql -q -h 127.0.0.1 -p 18332 -U ctr_telemetry ctr_telemetry \
    -c "CREATE TABLE readings (id bigserial PRIMARY KEY, sensor text NOT NULL, value double precision)" > /dev/null
  cat > db/migrations/0012_readings_unit.sql <<'EOF'
BEGIN;
ALTER TABLE readings ADD COLUMN unit text NOT NULL DEFAULT 'celsius';
UPDATE readings SET unit = 'kelvin' WHERE sensor_kind = 'thermocouple';
CREATE INDEX readings_sensor_idx ON readings (sensor);
COMMIT;
EOF
  ccap $C 1 -- bash PGHOST=127.0.0.1 PGPORT=18332 PGUSER=ctr_telemetry PGDATABASE=ctr_telemetry SECRET:PGPASSWORD=ctr_telemetry-pw <<'EOF'
for f in db/migrations/*.sql; do
  echo "applying $f"
  psql -v ON_ERROR_STOP=1 --no-psqlrc -f "$f"
done
EOF
  spec $C $GROUP <<EOF
name $C
job schema
repo tidewater/ctr-telemetry
runner u22
primary db-migration
tool psql ($PGVER client)
field exit_code $(rc $C 1)
evidence column "sensor_kind" does not exist
notes Plain SQL migrations applied with psql -v ON_ERROR_STOP=1; the script refers to a column that does not exist. ${NOTE_CTR//REPO/ctr-telemetry}
step Apply SQL migrations
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- green (primary none)
ctr_n_buildpush() {
  local C=none-buildkit-cache-hits-login-push
  proj pinecone-web/ctr-cart
  cache_proj
  nologin
  DOCKER_BUILDKIT=1 /usr/bin/docker build --network=host -q -t $REG/pinecone/cart:warm . > /dev/null 2>&1   # earlier run on this runner
  ccap $C 1 "$PATH20" -- bash DOCKER_BUILDKIT=1 REGISTRY_USER=ci-bot SECRET:REGISTRY_PASSWORD=s3cret-Tok3n <<'EOF'
echo "$REGISTRY_PASSWORD" | docker login 127.0.0.1:18350 -u "$REGISTRY_USER" --password-stdin
docker build --network=host --progress=plain -t 127.0.0.1:18350/pinecone/cart:${GITHUB_SHA::7} .
docker push 127.0.0.1:18350/pinecone/cart:${GITHUB_SHA::7}
EOF
  spec $C $GROUP <<EOF
name $C
job image
repo pinecone-web/ctr-cart
runner selfhosted build-runner-03
primary none
tool $DOCKER20 + docker-registry 2.8.2 (htpasswd)
notes Self-hosted runner with a warm layer cache: every step CACHED, login warns about unencrypted credentials, push succeeds. ${NOTE_CTR//REPO/ctr-cart}
step Build and push
  from $W/$C/1
EOF
}

ctr_n_podman() {
  local C=none-podman-build-push
  proj northwind-dev/ctr-rates
  printf 'FROM 127.0.0.1:18351/base/busybox:1.35\nCOPY rates.csv /srv/rates.csv\nRUN wc -l /srv/rates.csv\n' > Containerfile
  printf 'EUR,1.0\nUSD,1.08\n' > rates.csv
  ccap $C 1 $PODENV -- bash REGISTRY_USER=deployer SECRET:REGISTRY_PASSWORD=deploy-pass-9 <<'EOF'
podman build -t 127.0.0.1:18350/northwind/rates:${GITHUB_RUN_NUMBER} .
podman login -u "$REGISTRY_USER" -p "$REGISTRY_PASSWORD" 127.0.0.1:18350
podman push 127.0.0.1:18350/northwind/rates:${GITHUB_RUN_NUMBER}
EOF
  spec $C $GROUP <<EOF
name $C
job publish
repo northwind-dev/ctr-rates
runner u24
primary none
tool $(podman --version) + docker-registry 2.8.2 (htpasswd)
notes podman build, login and push all succeed. ${NOTE_CTR//REPO/ctr-rates}
step -
  from $W/$C/1
EOF
}

ctr_n_smoke_retry() {
  local C=none-smoke-curl-retry-until-ready
  proj halcyon-labs/ctr-pricing
  svc_pid_alive "$S/app-warm.pid" && kill "$(cat "$S/app-warm.pid")"
  /usr/bin/python3 "$HERE/ctr_stub_app.py" 18381 --warmup 7 > "$S/app-warm.log" 2>&1 & echo $! > "$S/app-warm.pid"
  sleep 0.5
  ccap $C 1 -- bash APP_URL=http://127.0.0.1:18381 <<'EOF'
curl -fsS --retry 6 --retry-delay 2 --retry-all-errors "$APP_URL/readyz"
echo
curl -fsS "$APP_URL/api/v1/version"
EOF
  kill "$(cat "$S/app-warm.pid")"; rm -f "$S/app-warm.pid"
  spec $C $GROUP <<EOF
name $C
job deploy-staging
repo halcyon-labs/ctr-pricing
runner u22
primary none
tool curl 7.88.1
notes The freshly deployed app answers 503 while warming up; curl retries and then gets 200 (curl prints its retry warnings and the 503 errors - a passing log with error-looking lines). ${NOTE_CTR//REPO/ctr-pricing}
step Smoke test
  from $W/$C/1
  duration 9
EOF
}

ctr_n_django() {
  local C=none-django-migrate-nothing-to-apply
  proj ledgerline/ctr-vendor-portal
  django_proj vendors
  cat > vendors/models.py <<'EOF'
from django.db import models


class Vendor(models.Model):
    name = models.CharField(max_length=120)
    vat_id = models.CharField(max_length=20, blank=True, default="")
EOF
  dj_mig vendors 0001_initial '' '        migrations.CreateModel("Vendor", [("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=120))]),'
  rm -f db.sqlite3; /usr/bin/python3 manage.py migrate -v 0 > /dev/null 2>&1
  ccap $C 1 -- bash py <<'EOF'
python manage.py migrate --noinput
python manage.py showmigrations vendors
EOF
  spec $C $GROUP <<EOF
name $C
job migrate
repo ledgerline/ctr-vendor-portal
runner u24
setup python 3.11.2
primary none
tool $PYTOOL_DJ (sqlite3)
notes Nothing to apply; Django notes that model changes lack a migration (a notice, exit 0: near-miss). ${NOTE_CTR//REPO/ctr-vendor-portal}
step -
  from $W/$C/1
EOF
}

ctr_n_alembic() {
  local C=none-alembic-postgres-already-at-head
  proj tidewater/ctr-routes-db
  alembic_proj
  alembic_rev 0001_routes 0001 None '    op.create_table("routes", sa.Column("id", sa.Integer, primary_key=True))'
  pgdb ctr_routes
  DATABASE_URL=postgresql://ctr_routes:ctr_routes-pw@127.0.0.1:18332/ctr_routes \
    /opt/hostedtoolcache/Python/3.11.2/x64/bin/alembic upgrade head > /dev/null 2>&1
  ccap $C 1 -- bash py SECRET:DATABASE_URL=postgresql://ctr_routes:ctr_routes-pw@127.0.0.1:18332/ctr_routes <<'EOF'
alembic upgrade head
alembic current
EOF
  spec $C $GROUP <<EOF
name $C
job migrate (production)
repo tidewater/ctr-routes-db
runner u22
setup python 3.11.2
primary none
tool $PYTOOL_AL + psycopg2 against $PGVER
notes The database is already at head: alembic only prints its context lines. ${NOTE_CTR//REPO/ctr-routes-db}
step -
  from $W/$C/1
EOF
}

ctr_n_liquibase() {
  local C=none-liquibase-database-up-to-date
  proj orbit-labs/ctr-fleet
  lq_project ctr_fleet
  lq_apply ctr_fleet
  lq_cap $C ctr_fleet
  spec $C $GROUP <<EOF
name $C
job db
repo orbit-labs/ctr-fleet
runner u24new
primary none
tool Liquibase Open Source 4.28.0 (npm package 'liquibase', bundled CLI) on OpenJDK 17 against $PGVER
notes Nothing to run: the changelog is already applied. ${NOTE_CTR//REPO/ctr-fleet}
step Liquibase update
  from $W/$C/1
  duration 12
EOF
}

# ---------------------------------------------------------------- variants captured after rules/ctr.json was written
# (scored untouched against it: tests/corpus/ctr/AFTER-RULES.txt, "late variants")
ctr_v_podman_copy() {
  local C=docker-build-podman-copy-requirements-missing
  proj orbit-labs/ctr-risk-engine
  printf 'FROM 127.0.0.1:18351/base/python:3.11-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements.txt\nRUN python3 -c "print(1)"\n' > Containerfile
  mkdir -p requirements; echo 'numpy' > requirements/base.txt
  ccap $C 1 $PODENV -- bash <<'EOF'
podman build -t risk-engine:${GITHUB_SHA::7} .
EOF
  spec $C $GROUP <<EOF
name $C
job image
repo orbit-labs/ctr-risk-engine
runner u22
primary docker-build
tool $(podman --version) (vfs storage, chroot isolation)
field exit_code $(rc $C 1)
evidence_all no such file or directory
notes Late variant (captured after rules/ctr.json). podman build: COPY of a file renamed in the repository. ${NOTE_CTR//REPO/ctr-risk-engine}
step -
  from $W/$C/1
EOF
}

ctr_v_podman_login() {
  local C=registry-auth-podman-login-invalid-password
  proj tidewater/ctr-harbor-sync
  nologin
  ccap $C 1 $PODENV -- bash REGISTRY_USER=deployer SECRET:REGISTRY_PASSWORD=old-password <<'EOF'
podman login --username "$REGISTRY_USER" --password "$REGISTRY_PASSWORD" 127.0.0.1:18350
EOF
  spec $C $GROUP <<EOF
name $C
job sync
repo tidewater/ctr-harbor-sync
runner u24
primary registry-auth
tool $(podman --version) + docker-registry 2.8.2 (htpasswd)
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence_all 127.0.0.1:18350
notes Late variant (captured after rules/ctr.json). podman login with a rotated password. ${NOTE_CTR//REPO/ctr-harbor-sync}
step Registry login
  from $W/$C/1
EOF
}

ctr_v_docker28_stdin() {
  local C=registry-auth-login-password-stdin-missing-username-v28
  proj halcyon-labs/ctr-quotes
  nologin
  ccap $C 1 -- bash SECRET:CR_PAT=ghp_placeholder <<'EOF'
echo "$CR_PAT" | docker login 127.0.0.1:18350 --password-stdin
EOF
  spec $C $GROUP <<EOF
name $C
job release
repo halcyon-labs/ctr-quotes
runner u24new
primary registry-auth
tool $DOCKER28
field exit_code $(rc $C 1)
field registry 127.0.0.1:18350
evidence the --password-stdin option requires --username to be set
notes Late variant (captured after rules/ctr.json). docker 28 wording of a login without --username. ${NOTE_CTR//REPO/ctr-quotes}
step -
  from $W/$C/1
EOF
}

ctr_v_skopeo_gar() {
  local C=registry-auth-skopeo-gar-denied
  proj halcyon-labs/ctr-model-store
  ccap $C 1 $PODENV -- bash <<'EOF'
skopeo copy --src-tls-verify=false --dest-tls-verify=false \
  docker://127.0.0.1:18351/base/busybox:1.35 \
  docker://127.0.0.1:18354/halcyon-prod-4471/services/model-store:2025.11
EOF
  spec $C $GROUP <<EOF
name $C
job promote
repo halcyon-labs/ctr-model-store
runner u24
primary registry-auth
tool $(skopeo --version) + registry STUB answering like Artifact Registry
field exit_code $(rc $C 1)
field registry 127.0.0.1:18354
evidence_all artifactregistry.repositories.uploadArtifacts
notes Late variant (captured after rules/ctr.json). Promotion with skopeo into Artifact Registry without writer permission (stub wording as in registry-auth-gar-upload-permission-denied; skopeo output real). ${NOTE_CTR//REPO/ctr-model-store}
step -
  from $W/$C/1
EOF
}

ctr_v_wget404() {
  local C=smoke-tests-wget-404-not-found
  proj pinecone-web/ctr-landing
  ccap $C 1 -- default <<'EOF'
wget --tries=1 -O /dev/null http://127.0.0.1:18380/api/v1/status
EOF
  spec $C $GROUP <<EOF
name $C
job smoke
repo pinecone-web/ctr-landing
runner u22
primary smoke-tests
tool $(wget --version | head -1 | cut -d' ' -f1-3)
field exit_code $(rc $C 1)
field http_status 404
field url http://127.0.0.1:18380/api/v1/status
evidence ERROR 404: Not Found.
notes Late variant (captured after rules/ctr.json). The status endpoint is not deployed in this release. ${NOTE_CTR//REPO/ctr-landing}
step Smoke test
  from $W/$C/1
EOF
}

ctr_v_requests403() {
  local C=smoke-tests-requests-raise-for-status-403
  proj ledgerline/ctr-admin
  ccap $C 1 -- bash py ADMIN_URL=http://127.0.0.1:18380/admin/metrics <<'EOF'
python - <<'PY'
import os, requests
r = requests.get(os.environ["ADMIN_URL"], timeout=5)
r.raise_for_status()
print("admin metrics reachable")
PY
EOF
  spec $C $GROUP <<EOF
name $C
job post-deploy
repo ledgerline/ctr-admin
runner u24
setup python 3.11.2
primary smoke-tests
tool Python + requests 2.28.1 (Debian)
field exit_code $(rc $C 1)
field http_status 403
field url http://127.0.0.1:18380/admin/metrics
evidence requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: http://127.0.0.1:18380/admin/metrics
notes Late variant (captured after rules/ctr.json). The smoke identity lost its role. ${NOTE_CTR//REPO/ctr-admin}
step -
  from $W/$C/1
EOF
}

ctr_v_httpie_refused() {
  local C=smoke-tests-httpie-connection-refused
  proj northwind-dev/ctr-fx-rates
  ccap $C 1 -- bash <<'EOF'
http --check-status --ignore-stdin GET http://127.0.0.1:18393/healthz
EOF
  spec $C $GROUP <<EOF
name $C
job verify
repo northwind-dev/ctr-fx-rates
runner selfhosted deploy-runner-05
primary smoke-tests
tool HTTPie $(http --version) (Debian httpie)
field exit_code $(rc $C 1)
field url http://127.0.0.1:18393/healthz
evidence_all http: LogLevel.ERROR: ConnectionError
notes Late variant (captured after rules/ctr.json). ${NOTE_CTR//REPO/ctr-fx-rates}
step -
  from $W/$C/1
EOF
}

ctr_v_curl_hostname() {
  local C=smoke-tests-curl-tls-hostname-mismatch
  proj orbit-labs/ctr-id-provider
  ccap $C 1 -- bash <<EOF
curl -fsS --cacert $S/tls/app.crt https://127.0.0.1:18384/health/ready
EOF
  sed -i "s#$S/tls/app.crt#/etc/ssl/certs/staging-ca.pem#" "$W/$C/step1.sh"
  spec $C $GROUP <<EOF
name $C
job verify-staging
repo orbit-labs/ctr-id-provider
runner u24
primary smoke-tests
tool curl 7.88.1 (OpenSSL)
field exit_code $(rc $C 1)
field url https://127.0.0.1:18384/health/ready
evidence curl: (60)
notes Late variant (captured after rules/ctr.json). The certificate is trusted but issued for another name (CN=staging.internal); the CA file path in the script is shown as the workflow would name it. ${NOTE_CTR//REPO/ctr-id-provider}
step -
  from $W/$C/1
EOF
}

ctr_v_dj_nodenotfound() {
  local C=db-migration-django-node-not-found
  proj pinecone-web/ctr-loyalty
  django_proj points
  printf 'from django.db import models\n\n\nclass Balance(models.Model):\n    owner = models.CharField(max_length=64)\n' > points/models.py
  dj_mig points 0001_initial '' '        migrations.CreateModel("Balance", [("id", models.BigAutoField(primary_key=True)), ("owner", models.CharField(max_length=64))]),'
  dj_mig points 0003_balance_expiry '("points", "0002_balance_tier")' '        migrations.AddField("balance", "expires", models.DateField(null=True)),'
  rm -f db.sqlite3
  ccap $C 1 -- bash py <<'EOF'
python manage.py migrate --noinput
EOF
  spec $C $GROUP <<EOF
name $C
job migrate
repo pinecone-web/ctr-loyalty
runner u22
setup python 3.11.2
primary db-migration
tool $PYTOOL_DJ (sqlite3)
field exit_code $(rc $C 1)
evidence_all NodeNotFoundError
notes Late variant (captured after rules/ctr.json). A migration depends on a file that was never committed. ${NOTE_CTR//REPO/ctr-loyalty}
step -
  from $W/$C/1
EOF
}

ctr_v_lq_column() {
  local C=db-migration-liquibase-column-does-not-exist
  proj tidewater/ctr-dispatch
  lq_project ctr_dispatch
  cat >> db/changelog.yaml <<'EOF'
  - changeSet:
      id: 003-index-carrier-region
      author: platform
      changes:
        - createIndex:
            tableName: shipments
            indexName: shipments_carrier_region_idx
            columns:
              - column: {name: carrier}
              - column: {name: region}
EOF
  lq_cap $C ctr_dispatch
  spec $C $GROUP <<EOF
name $C
job db-update
repo tidewater/ctr-dispatch
runner u24new
primary db-migration
tool Liquibase Open Source 4.28.0 (npm package 'liquibase', bundled CLI) on OpenJDK 17 against $PGVER
field exit_code $(rc $C 1)
evidence_all column "region" does not exist
notes Late variant (captured after rules/ctr.json). A changeset indexes a column no changeset creates. ${NOTE_CTR//REPO/ctr-dispatch}
step Liquibase update
  from $W/$C/1
  duration 13
EOF
}

ctr_v_psql_auth() {
  local C=db-migration-psql-password-authentication-failed
  proj ledgerline/ctr-archive
  mkdir -p migrations; echo 'ALTER TABLE t ADD COLUMN x int;' > migrations/0007_archive_flag.sql
  pgdb ctr_archive
  ccap $C 1 -- bash PGHOST=127.0.0.1 PGPORT=18332 PGUSER=ctr_archive PGDATABASE=ctr_archive SECRET:PGPASSWORD=rotated-last-week <<'EOF'
psql -v ON_ERROR_STOP=1 -f migrations/0007_archive_flag.sql
EOF
  spec $C $GROUP <<EOF
name $C
job migrate
repo ledgerline/ctr-archive
runner u22
primary db-migration
tool psql ($PGVER client)
field exit_code $(rc $C 1)
evidence password authentication failed for user "ctr_archive"
notes Late variant (captured after rules/ctr.json). The database password secret is stale. ${NOTE_CTR//REPO/ctr-archive}
step Apply migration
  from $W/$C/1
EOF
}

ctr_v_green_skopeo() {
  local C=none-skopeo-copy-with-creds
  proj orbit-labs/ctr-mirror-sync
  ccap $C 1 $PODENV -- bash SECRET:MIRROR_CREDS=ci-bot:s3cret-Tok3n <<'EOF'
skopeo copy --src-tls-verify=false --dest-tls-verify=false --dest-creds "$MIRROR_CREDS" \
  docker://127.0.0.1:18351/base/busybox:1.35 docker://127.0.0.1:18350/mirror/busybox:1.35
EOF
  spec $C $GROUP <<EOF
name $C
job mirror
repo orbit-labs/ctr-mirror-sync
runner u24
primary none
tool $(skopeo --version) + docker-registry 2.8.2 (htpasswd)
notes Late variant (captured after rules/ctr.json). Copy with credentials succeeds. ${NOTE_CTR//REPO/ctr-mirror-sync}
step -
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  svc_up
  run_cases ctr_ "$@"
  [ -n "${CTR_KEEP_SERVICES:-}" ] || svc_down
fi
