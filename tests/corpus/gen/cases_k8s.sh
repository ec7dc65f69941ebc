#!/bin/bash
# Deploy-side cases (Kubernetes, Helm, rollouts, rollbacks, monitoring, runner limits) for
# tests/corpus/k8s/.  Same method as make_cases.sh (whose helpers this file sources): every step
# script is written to /home/runner/work/_temp/<uuid>.sh and run as the runner does, stdout+stderr
# captured together, then wrap_gha.py adds the GitHub Actions framing and computes evidence lines.
#
#   bash tests/corpus/gen/cases_k8s.sh                 # all k8s cases
#   bash tests/corpus/gen/cases_k8s.sh k_pnr_crashloop # some
#
# Peers:
# - kubectl (preinstalled google-cloud-cli dispatcher; it picks the kubectl minor that matches the
#   server's /version) talks to gen/k8s_apiserver_stub.py, an HTTPS kube-apiserver STUB on
#   127.0.0.1:18200-18279 (self-signed CA made here with openssl).  Everything kubectl prints is real.
# - prometheus / promtool / amtool: Debian prometheus 2.42 and prometheus-alertmanager 0.25 (real
#   server on 127.0.0.1:18290-18294).
# - Grafana API: gen/grafana_api_stub.py (JSON bodies from grafana's pkg/services/dashboards/errors.go
#   and its API key middleware), driven by real curl / httpie / python3-requests.
# - helm is not packaged for Debian: gen/tool_lines.sh prints the lines helm v3 prints for the
#   scenario, written from helm's source (cmd/helm/*.go, pkg/action/{upgrade,install,rollback,
#   release_testing}.go, pkg/kube/{wait,ready}.go) and public helm logs; each such case says so.
#   Same for the Argo Rollouts kubectl plugin (argoproj/argo-rollouts pkg/kubectl-argo-rollouts/cmd/
#   status/status.go); kubectl's plugin dispatch to it is real.
# - Azure/k8s-deploy is a JavaScript action: its own lines are written from its source
#   (src/actions/deploy.ts, src/utilities/manifestStabilityUtils.ts, src/types/kubectl.ts at
#   013084f); the kubectl commands it runs are run for real against the stub and their output kept.
# Prerequisites (capture only, not CI): kubectl, prometheus, prometheus-alertmanager, httpie,
# python3-requests, curl, make, openssl, unshare (util-linux).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-k8s
GROUP=k8s
mkdir -p "$W/bin" "$W/pki"
BASEPATH="$W/bin:$BASEPATH"   # tool_lines.sh is reachable as `helm` and as the kubectl argo plugin
ln -sf "$HERE/tool_lines.sh" "$W/bin/helm"
ln -sf "$HERE/tool_lines.sh" "$W/bin/kubectl-argo-rollouts"
KVER() { kubectl version --client 2>/dev/null | head -1 | sed 's/Client Version: //'; }

# ---------------------------------------------------------------- peers
pki() {
  [ -s "$W/pki/ca.crt" ] && return
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/pki/ca.key" -out "$W/pki/ca.crt" -days 3650 \
    -subj "/CN=kubernetes" -addext "subjectAltName=IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default.svc" 2>/dev/null
  # a second CA the kubeconfig may wrongly trust
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/pki/other.key" -out "$W/pki/other.crt" -days 3650 \
    -subj "/CN=old-cluster-ca" 2>/dev/null
}
# stub_start CASE PORT <<< world.json
stub_start() {
  pki; mkdir -p "$W/$1"; cat > "$W/$1/world.json"
  /usr/bin/python3 "$HERE/k8s_apiserver_stub.py" "$W/$1/world.json" "$2" "$W/pki/ca.crt" "$W/pki/ca.key" \
    > "$W/$1/stub.log" 2>&1 &
  STUB_PID=$!; wait_port "$2"
}
stub_stop() { stop_pid "$STUB_PID"; }
# kubeconfig FILE PORT TOKEN NAMESPACE [CA-file] [cluster-name] : what azure/k8s-set-context or a
# base64 KUBECONFIG secret would leave in $RUNNER_TEMP
kubeconfig() {
  local ca=${5:-$W/pki/ca.crt} cl=${6:-aks-prod-weu}
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: $(base64 -w0 "$ca")
    server: https://127.0.0.1:$2
  name: $cl
contexts:
- context:
    cluster: $cl
    namespace: $4
    user: clusterUser_$cl
  name: $cl
current-context: $cl
users:
- name: clusterUser_$cl
  user:
    token: $3
EOF
}
KC() { echo "/home/runner/work/_temp/kubeconfig_$(date +%s%3N)"; }
# helm_out N <<< lines : what the helm emulator prints on its Nth call (exit code in the first line)
helm_reset() { rm -rf "$W/helm"; mkdir -p "$W/helm"; echo 0 > "$W/helm/count"; }
helm_out() { cat > "$W/helm/out.$1"; }
argo_reset() { rm -rf "$W/kubectl-argo-rollouts"; mkdir -p "$W/kubectl-argo-rollouts"; echo 0 > "$W/kubectl-argo-rollouts/count"; }
argo_out() { cat > "$W/kubectl-argo-rollouts/out.$1"; }
# prom_start CASE PORT : real prometheus with $W/CASE/prometheus.yml (+ rules), tsdb in scratch
prom_start() {
  rm -rf "$W/$1/tsdb"
  prometheus --config.file="$W/$1/prometheus.yml" --storage.tsdb.path="$W/$1/tsdb" \
    --web.listen-address="127.0.0.1:$2" --log.level=warn > "$W/$1/prom.log" 2>&1 &
  PROM_PID=$!; wait_port "$2"
}
# prom_wait PORT QUERY : until the query has a result (first scrapes/evaluations done)
prom_wait() {
  for _ in $(seq 1 60); do
    curl -s -G "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2" | grep -q '"result":\[{' && return 0
    sleep 0.5
  done
  echo "prom_wait: no result for $2" >&2
}
prom_stop() { stop_pid "$PROM_PID"; }
# crash_log SCRIPT : real python3 traceback of a container entrypoint at /srv/app/main.py
crash_log() {
  local src=$1
  unshare -m bash -c "mount -t tmpfs none /srv && mkdir /srv/app && cat > /srv/app/main.py && cd /srv/app && /usr/bin/python3 -u /srv/app/main.py" \
    <<< "$src" 2>&1
}
jstr() { /usr/bin/python3 -c 'import json,sys;print(json.dumps(sys.stdin.read()))'; }
NOTE_K="kubectl output is real: the google-cloud-cli kubectl dispatcher against the kube-apiserver STUB tests/corpus/gen/k8s_apiserver_stub.py (object contents, event and Status texts authored after real apiserver/kubelet/scheduler messages). Step scripts run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, 2>&1); timestamps, runner preamble, checkout, step headers and ##[error] lines are synthetic (tests/corpus/gen/wrap_gha.py). Generator: tests/corpus/gen/cases_k8s.sh."
NOTE_HELM="helm v3 is not packaged here: its lines are written exactly as helm's source formats them (cmd/helm/upgrade.go wraps with \"UPGRADE FAILED\", cobra prints \"Error: \"; pkg/action/upgrade.go failRelease: \"release %s failed, and has been rolled back due to atomic being set\"; pkg/kube/wait.go context deadline) and as public helm logs show them (helm/helm#12796)."
NOTE_PROM="Real Debian prometheus/promtool 2.42 and amtool 0.25 run here (server on 127.0.0.1). Step scripts run as the runner does; framing synthetic (wrap_gha.py). Generator: tests/corpus/gen/cases_k8s.sh."

# ================================================================ pods-not-ready
k_pnr_crashloop() {
  local C=pods-not-ready-rollout-timeout-crashloop-modulenotfound PORT=18201 KCF; KCF=$(KC)
  proj ledger/k8s-ledger-api
  local LOG; LOG=$(crash_log 'import os
import logging
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
logging.getLogger("ledger").info("starting ledger-api %s", os.environ.get("APP_VERSION", "2.14.0"))
from redis import Redis  # noqa: E402
' | jstr)
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"kx8-ledger-deployer":"system:serviceaccount:ci:ledger-deployer"},"namespaces":["ledger"],
 "deployments":[{"ns":"ledger","name":"ledger-api","replicas":3,"image":"ghcr.io/k8s-ledger/ledger-api:2.13.4",
  "history":["ghcr.io/k8s-ledger/ledger-api:2.13.2"],"probe":"/readyz","cpu":"200m","memory":"256Mi",
  "timeline":[[0,3,3,3,3]],"node_prefix":"aks-apps-26471893-vmss"}]}
EOF
  kubeconfig "$KCF" $PORT kx8-ledger-deployer ledger
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl -n ledger set image deployment/ledger-api ledger-api=ghcr.io/k8s-ledger/ledger-api:2.14.0
EOF
  stub_stop
  # the new replicaset's first pod crash-loops; old pods keep serving
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"kx8-ledger-deployer":"system:serviceaccount:ci:ledger-deployer"},"namespaces":["ledger"],
 "deployments":[{"ns":"ledger","name":"ledger-api","replicas":3,"image":"ghcr.io/k8s-ledger/ledger-api:2.14.0",
  "old_image":"ghcr.io/k8s-ledger/ledger-api:2.13.4","history":["ghcr.io/k8s-ledger/ledger-api:2.13.2"],
  "probe":"/readyz","cpu":"200m","memory":"256Mi","node_prefix":"aks-apps-26471893-vmss","new_age_s":8,
  "timeline":[[0,1,0,3,4]],
  "pods":[{"state":"crashloop","restarts":4,"age_s":150,"last_exit_s":40,"prev_log":$LOG},
          {"state":"running","new":false,"age_s":520000},{"state":"running","new":false,"age_s":519000},
          {"state":"running","new":false,"age_s":518000}]}]}
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl -n ledger rollout status deployment/ledger-api --timeout=45s
EOF
  cap $C 3 KUBECONFIG="$KCF" <<'EOF'
kubectl -n ledger get pods -l app=ledger-api
POD=$(kubectl -n ledger get pods -l app=ledger-api --sort-by='.status.containerStatuses[0].restartCount' -o jsonpath='{.items[-1:].metadata.name}')
kubectl -n ledger logs "$POD" --previous --tail=40
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy / production
repo ledger/k8s-ledger-api
runner u24new
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub); pod log = real python3 traceback
field exit_code $(rc $C 2)
field namespace ledger
field deployment ledger-api
field timeout_seconds 45
evidence error: timed out waiting for the condition
evidence_all CrashLoopBackOff
evidence ModuleNotFoundError: No module named 'redis'
notes set image, then rollout status --timeout=45s times out; the if: failure() step shows the new pod in CrashLoopBackOff and its previous container log (real Python traceback of the entrypoint, run at /srv/app/main.py in a private mount namespace). ${NOTE_K}
step Deploy image
  from $W/$C/1
step Wait for rollout
  from $W/$C/2
  duration 45
step Diagnose failed rollout
  cond failure
  from $W/$C/3
EOF
}

k_pnr_unschedulable() {
  local C=pods-not-ready-progress-deadline-insufficient-memory PORT=18202 KCF; KCF=$(KC)
  proj mlops/k8s-feature-store
  mkdir -p deploy/overlays/prod deploy/base
  cat > deploy/base/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: feature-store
spec:
  replicas: 2
  selector:
    matchLabels:
      app: feature-store
  template:
    metadata:
      labels:
        app: feature-store
    spec:
      containers:
      - name: feature-store
        image: registry.k8s-mlops.io/feature-store:0.9.0
        resources:
          requests: {cpu: "1", memory: 12Gi}
          limits: {cpu: "2", memory: 12Gi}
EOF
  printf 'resources:\n- deployment.yaml\n' > deploy/base/kustomization.yaml
  cat > deploy/overlays/prod/kustomization.yaml <<'EOF'
namespace: mlops-prod
resources:
- ../../base
images:
- name: registry.k8s-mlops.io/feature-store
  newTag: 0.10.0
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.29.10","tokens":{"fs-token":"system:serviceaccount:mlops-prod:github-deployer"},"namespaces":["mlops-prod"],
 "deployments":[{"ns":"mlops-prod","name":"feature-store","replicas":2,"image":"registry.k8s-mlops.io/feature-store:0.10.0",
  "old_image":"registry.k8s-mlops.io/feature-store:0.9.0","cpu":"1","cpu_limit":"2","memory":"12Gi","deadline":120,
  "node_prefix":"gke-mlops-prod-default-pool-8f1c2a7e","timeline":[[0,1,0,2,3]],"stuck_deadline_at":9,
  "pods":[{"state":"unschedulable","age_s":130,"sched_count":4,
           "sched_message":"0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."},
          {"state":"running","new":false,"age_s":900000},{"state":"running","new":false,"age_s":899000}]}]}
EOF
  kubeconfig "$KCF" $PORT fs-token mlops-prod "" gke_k8s-mlops_europe-west4_prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
kubectl apply -k deploy/overlays/prod
kubectl -n mlops-prod rollout status deploy/feature-store
EOF
  cap $C 2 bash KUBECONFIG="$KCF" <<'EOF'
kubectl -n mlops-prod describe pods -l app=feature-store,pod-template-hash="$(kubectl -n mlops-prod get rs -l app=feature-store --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.labels.pod-template-hash}')"
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-prod
repo mlops/k8s-feature-store
runner u22
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.29.10 stub), kustomize built into kubectl
field exit_code $(rc $C 1)
field namespace mlops-prod
field deployment feature-store
evidence error: deployment "feature-store" exceeded its progress deadline
evidence 3 Insufficient memory
notes kubectl apply -k (kustomize overlay) then rollout status with no timeout: the Deployment's progressDeadlineSeconds (120) expires; describe of the new pod shows FailedScheduling (Insufficient memory). ${NOTE_K}
step Apply overlay and wait
  from $W/$C/1
  duration 121
step Describe new pods
  cond failure
  from $W/$C/2
EOF
}

k_pnr_wait_readiness() {
  local C=pods-not-ready-kubectl-wait-readiness-503 PORT=18203 KCF; KCF=$(KC)
  proj tickets/k8s-helpdesk
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"hd":"system:serviceaccount:helpdesk:deploy-bot"},"namespaces":["helpdesk-stg"],
 "deployments":[{"ns":"helpdesk-stg","name":"helpdesk-web","replicas":2,"image":"quay.io/k8s-tickets/helpdesk-web:5.2.0-rc.1",
  "old_image":"quay.io/k8s-tickets/helpdesk-web:5.1.3","probe":"/health/ready","port":3000,"cpu":"100m","memory":"192Mi",
  "node_prefix":"ip-10-40-3-17.eu-central-1.compute","timeline":[[0,2,0,0,2]],
  "pods":[{"state":"notready","age_s":95,"probe_message":"Readiness probe failed: HTTP probe failed with statuscode: 503"},
          {"state":"notready","age_s":94,"probe_message":"Readiness probe failed: HTTP probe failed with statuscode: 503"}]}]}
EOF
  kubeconfig "$KCF" $PORT hd helpdesk-stg "" arn-aws-eks-eu-central-1-staging
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl wait --namespace helpdesk-stg --for=condition=available deployment/helpdesk-web --timeout=30s
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl get pods --namespace helpdesk-stg -o wide
kubectl describe pod --namespace helpdesk-stg $(kubectl get pods --namespace helpdesk-stg -o name | head -1 | cut -d/ -f2) | sed -n '/^Events:/,$p'
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job e2e-staging
repo tickets/k8s-helpdesk
runner u24
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace helpdesk-stg
field deployment helpdesk-web
field timeout_seconds 30
evidence error: timed out waiting for the condition on deployments/helpdesk-web
evidence Readiness probe failed: HTTP probe failed with statuscode: 503
notes kubectl wait --for=condition=available times out (both pods Running but never Ready); the failure() step shows the readiness probe answering 503. ${NOTE_K}
step Wait for staging rollout
  from $W/$C/1
  duration 30
step Show pods
  cond failure
  from $W/$C/2
EOF
}


k_pnr_oom_make() {
  local C=pods-not-ready-make-rollout-oomkilled PORT=18204 KCF; KCF=$(KC)
  proj search/k8s-indexer
  cat > Makefile <<'EOF'
NAMESPACE ?= search
IMAGE_TAG ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)

.PHONY: deploy rollout
deploy:
	kubectl -n $(NAMESPACE) set image deploy/indexer indexer=ghcr.io/k8s-search/indexer:$(IMAGE_TAG)

rollout: deploy
	kubectl -n $(NAMESPACE) rollout status deploy/indexer --timeout=40s
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.32.2","tokens":{"idx":"oidc:github-actions"},"namespaces":["search"],
 "deployments":[{"ns":"search","name":"indexer","replicas":2,"image":"ghcr.io/k8s-search/indexer:1f3e9ab",
  "old_image":"ghcr.io/k8s-search/indexer:0c7d2e4","cpu":"500m","memory":"512Mi","node_prefix":"k3s-agent",
  "timeline":[[0,1,0,2,3]],
  "pods":[{"state":"oom","restarts":3,"age_s":110,"last_exit_s":25,"ran_s":14},
          {"state":"running","new":false,"age_s":260000},{"state":"running","new":false,"age_s":259000}]}]}
EOF
  kubeconfig "$KCF" $PORT idx search "" k3s-search
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
make rollout IMAGE_TAG=1f3e9ab
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
for p in $(kubectl -n search get pods -l app=indexer -o name); do
  kubectl -n search get "$p" -o jsonpath='{.metadata.name}{"\t"}{.status.containerStatuses[0].lastState.terminated.reason}{"\t"}{.status.containerStatuses[0].lastState.terminated.exitCode}{"\n"}'
done
kubectl -n search describe deploy/indexer | grep -A3 -E 'Limits|Conditions'
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy (search)
repo search/k8s-indexer
runner self
runner_name k3s-runner-02
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.32.2 stub); GNU Make $(make --version | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
field namespace search
field deployment indexer
field timeout_seconds 40
evidence error: timed out waiting for the condition
evidence make: *** [Makefile:
evidence_all OOMKilled
notes rollout status run through a make target on a self-hosted runner; kubectl times out, make reports the failed recipe; the failure() step prints the last termination reason of each pod (OOMKilled, exit 137). ${NOTE_K}
step Roll out
  from $W/$C/1
  ends_at 40
step Termination reasons
  cond failure
  from $W/$C/2
EOF
}

k_pnr_configerror_script() {
  local C=pods-not-ready-deploy-script-createcontainerconfigerror PORT=18205 KCF; KCF=$(KC)
  proj notify/k8s-notifier
  mkdir -p scripts
  cat > scripts/deploy.sh <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
ns=${1:?namespace}; tag=${2:?tag}
echo "==> deploying notifier:${tag} to ${ns}"
kubectl -n "$ns" set image deployment/notifier notifier="europe-docker.pkg.dev/k8s-notify/apps/notifier:${tag}"
echo "==> waiting for rollout (timeout 35s)"
if ! kubectl -n "$ns" rollout status deployment/notifier --timeout=35s; then
  echo "==> rollout did not complete; pods:"
  kubectl -n "$ns" get pods -l app=notifier
  exit 3
fi
EOF
  chmod +x scripts/deploy.sh
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"ntf":"system:serviceaccount:cicd:notifier-deployer"},"namespaces":["notify-prod"],
 "deployments":[{"ns":"notify-prod","name":"notifier","replicas":2,"image":"europe-docker.pkg.dev/k8s-notify/apps/notifier:3.4.0",
  "env_from_secret":"notifier-smtp","node_prefix":"gke-notify-prod-pool-1-6b2d90ce","always_restart_on_patch":true,
  "timeline":[[0,1,0,2,3]],
  "pods":[{"state":"configerror","age_s":70,"restarts":0},
          {"state":"running","new":false,"age_s":3000000},{"state":"running","new":false,"age_s":2990000}]}]}
EOF
  kubeconfig "$KCF" $PORT ntf notify-prod "" gke_k8s-notify_europe-west3_prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
./scripts/deploy.sh notify-prod 3.5.0
EOF
  cap $C 2 bash KUBECONFIG="$KCF" <<'EOF'
kubectl -n notify-prod get events --field-selector type=Warning
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job release
repo notify/k8s-notifier
runner u22
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub); bash deploy script
field exit_code $(rc $C 1)
field namespace notify-prod
field deployment notifier
field timeout_seconds 35
evidence error: timed out waiting for the condition
evidence CreateContainerConfigError
evidence Error: secret "notifier-smtp" not found
notes A wrapper script (set -euo pipefail) runs set image + rollout status and exits 3; the new pod is stuck in CreateContainerConfigError because the Secret referenced by envFrom is missing; a failure() step lists Warning events. ${NOTE_K}
step Deploy
  from $W/$C/1
  duration 36
step Warning events
  cond failure
  from $W/$C/2
EOF
}

# k8s-deploy action: its own lines from Azure/k8s-deploy src (see header); kubectl runs are real.
k8s_deploy_action() { # CASE KCF NS MANIFEST... : emulate the action's kubectl calls, print like @actions/exec
  local c=$1 kcf=$2 ns=$3; shift 3
  local out=$W/$c/action.txt rc=0 files=() f tmp
  : > "$out"
  for f in "$@"; do
    tmp=/home/runner/work/_temp/$(awk '/^kind:/{k=$2} /^  name:/{if(!n)n=$2} END{print k"_"n}' "$f")_$(date +%s%3N)
    cp "$f" "$tmp"; files+=("$tmp")
  done
  local list; list=$(IFS=,; echo "${files[*]}")
  run_k() { echo "[command]/usr/bin/kubectl $*" >> "$out"; KUBECONFIG=$kcf kubectl "$@" > "$W/$c/k.out" 2>&1; local r=$?
    cat "$W/$c/k.out" >> "$out"; grep '^error: ' "$W/$c/k.out" | tail -1 > "$W/$c/stderr"; return $r; }
  run_k apply -f "$list" --insecure-skip-tls-verify --namespace "$ns" || rc=1
  for f in "$@"; do
    local kind name; kind=$(awk '/^kind:/{print $2; exit}' "$f"); name=$(awk '/^  name:/{print $2; exit}' "$f")
    [ "$kind" = Deployment ] || continue
    if ! run_k rollout status "$kind/$name" --insecure-skip-tls-verify --namespace "$ns"; then
      echo "::error::Error: $(cat "$W/$c/stderr" | sed 's/[[:space:]]*$//')" >> "$out"
      run_k describe "$kind" "$name" --insecure-skip-tls-verify --namespace "$ns"
      rc=2
    fi
  done
  [ $rc = 2 ] && echo "::error::Error: Rollout status error" >> "$out"
  rm -f "${files[@]}"
  echo $rc
}

k_pnr_k8s_deploy_imagepull() {
  local C=pods-not-ready-k8s-deploy-action-imagepull-notfound PORT=18206 KCF; KCF=$(KC)
  proj shop/k8s-storefront
  mkdir -p manifests
  cat > manifests/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: storefront
  template:
    metadata:
      labels:
        app: storefront
    spec:
      containers:
      - name: storefront
        image: k8sshopacr.azurecr.io/storefront:9f2c41d
        ports:
        - containerPort: 8080
EOF
  local IMG=k8sshopacr.azurecr.io/storefront:9f2c41d
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"aks":"masterclient"},"namespaces":["shop"],
 "deployments":[{"ns":"shop","name":"storefront","replicas":2,"image":"$IMG","old_image":"k8sshopacr.azurecr.io/storefront:77ab0e3",
  "node_prefix":"aks-nodepool1-40112233-vmss","deadline":60,"timeline":[[0,1,0,2,3]],"stuck_deadline_at":12,
  "pods":[{"state":"imagepull","age_s":75,"restarts":3,
           "pull_message":"Back-off pulling image \"$IMG\"",
           "pull_error":"Failed to pull image \"$IMG\": rpc error: code = NotFound desc = failed to pull and unpack image \"$IMG\": failed to resolve reference \"$IMG\": $IMG: not found"},
          {"state":"running","new":false,"age_s":600000},{"state":"running","new":false,"age_s":599000}]}]}
EOF
  kubeconfig "$KCF" $PORT aks shop "" k8s-shop-aks
  mkdir -p "$W/$C"; echo "$(k8s_deploy_action $C "$KCF" shop manifests/deployment.yaml)" > "$W/$C/action.rc"
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl -n shop get pods -l app=storefront
kubectl -n shop describe pods -l app=storefront | grep -E '^Name:|Failed|BackOff' || true
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-to-aks
repo shop/k8s-storefront
runner u24
primary pods-not-ready
categories pods-not-ready
tool Azure/k8s-deploy@v4 driving kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field namespace shop
field deployment storefront
field image $IMG
evidence error: deployment "storefront" exceeded its progress deadline
evidence ##[error]Error: error: deployment "storefront" exceeded its progress deadline
evidence_all ImagePullBackOff
evidence_all : not found
notes Azure/k8s-deploy (action: deploy, strategy basic): the action's own lines ([command] echo of @actions/exec, core.error "Error: ..." and setFailed "Error: Rollout status error") are written from its source (src/utilities/manifestStabilityUtils.ts, src/types/kubectl.ts, src/actions/deploy.ts at 013084f: apply, rollout status Deployment/NAME, describe on failure, --insecure-skip-tls-verify --namespace appended); the kubectl commands it runs were run here for real against the stub and their output kept. The image tag was never pushed (containerd NotFound). ${NOTE_K}
step Deploy to AKS
  uses Azure/k8s-deploy@v4
  with action: deploy
  with manifests: manifests/deployment.yaml
  with namespace: shop
  with images: $IMG
  with strategy: basic
  with traffic-split-method: pod
  with percentage: 0
  with route-method: service
  with version-switch-buffer: 0
  with annotate-namespace: true
  with private-cluster: false
  with force: false
  with token: ***
  env KUBECONFIG: $KCF
  output $W/$C/action.txt
  exit 1
  workflow_commands 1
  duration 20
step Pod status
  cond failure
  from $W/$C/2
EOF
}

k_pnr_job_timeout() {
  local C=pods-not-ready-job-timeout-rollout-status-no-timeout PORT=18207 KCF; KCF=$(KC)
  proj media/k8s-transcoder
  stub_start $C $PORT <<EOF
{"version":"v1.33.1","tokens":{"tc":"system:serviceaccount:media:gha"},"namespaces":["media"],
 "deployments":[{"ns":"media","name":"transcoder","replicas":4,"image":"ghcr.io/k8s-media/transcoder:7.0.2",
  "old_image":"ghcr.io/k8s-media/transcoder:7.0.1","deadline":3600,"node_prefix":"ip-172-31-22-9.ec2",
  "timeline":[[0,1,0,3,5],[6,2,1,3,5]],
  "pods":[{"state":"notready","age_s":520},{"state":"notready","age_s":300}]}]}
EOF
  kubeconfig "$KCF" $PORT tc media "" arn-aws-eks-us-east-1-media
  CAP_KILL="-s KILL 14" cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl -n media rollout status deployment/transcoder
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy (timeout-minutes: 15)
repo media/k8s-transcoder
runner u24new
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.33.1 stub); GitHub Actions job time limit
field namespace media
field deployment transcoder
field timeout_seconds 900
evidence Waiting for deployment "transcoder" rollout to finish: 2 out of 4 new replicas have been updated...
evidence_runner has exceeded the maximum execution time of 15 minutes
notes kubectl rollout status without --timeout (and a 1h progressDeadlineSeconds) blocks until the job's timeout-minutes (15) expires; the runner cancels the step. Category is what the step was doing (waiting for pods that never become ready), timeout_seconds is the job limit. kubectl output is real up to the kill (timeout -s KILL); the two runner lines use the wording of public job logs (the Actions service sends the job-timeout text; it is not in actions/runner's source). ${NOTE_K}
step Wait for rollout
  from $W/$C/1
  end jobtimeout 15
  duration 14
EOF
}

k_pnr_step_timeout_wait() {
  local C=pods-not-ready-step-timeout-kubectl-wait-pods PORT=18208 KCF; KCF=$(KC)
  proj geo/k8s-tiles
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"t":"system:serviceaccount:geo:ci"},"namespaces":["geo"],
 "deployments":[{"ns":"geo","name":"tile-server","replicas":2,"image":"registry.gitlab.com/k8s-geo/tile-server:4.1.0","probe":"/ready","port":8000,
  "timeline":[[0,2,0,0,2]],
  "pods":[{"state":"notready","age_s":45,"probe_message":"Readiness probe failed: Get \"http://10.244.1.23:8000/ready\": dial tcp 10.244.1.23:8000: connect: connection refused"},
          {"state":"notready","age_s":44,"probe_message":"Readiness probe failed: Get \"http://10.244.2.31:8000/ready\": dial tcp 10.244.2.31:8000: connect: connection refused"}]}]}
EOF
  kubeconfig "$KCF" $PORT t geo "" kind-geo
  CAP_KILL="-s KILL 12" cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
echo "waiting for tile-server pods to become Ready"
kubectl wait pod -n geo -l app=tile-server --for=condition=Ready --timeout=-1s
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job integration
repo geo/k8s-tiles
runner u22
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub); GitHub Actions step timeout-minutes
field namespace geo
field timeout_seconds 600
evidence waiting for tile-server pods to become Ready
evidence_runner has timed out after 10 minutes
notes kubectl wait with an unlimited timeout is stopped by the step's timeout-minutes: 10 (runner wording "The action '<step>' has timed out after N minutes." as in peer-pytorch/gha_timeout.log). The pods never become Ready (readiness connection refused) and kubectl prints nothing while it waits: the evidence is the step's own progress line and the runner line. ${NOTE_K}
step Wait for tile-server pods
  from $W/$C/1
  end timeout 10
  duration 12
EOF
}

# ================================================================ helm
k_helm_atomic_imagepull() {
  local C=pods-not-ready-helm-atomic-rolled-back-imagepull-unauthorized PORT=18209 KCF; KCF=$(KC)
  proj pay/k8s-payments
  helm_reset
  helm_out 1 <<'EOF'
1
#sleep 2
#err Error: UPGRADE FAILED: release payments failed, and has been rolled back due to atomic being set: context deadline exceeded
EOF
  local IMG=docker.io/k8spay/payments-api:2024.12.1
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"p":"system:serviceaccount:payments:helm-deployer"},"namespaces":["payments"],
 "deployments":[{"ns":"payments","name":"payments","replicas":3,"image":"$IMG","old_image":"docker.io/k8spay/payments-api:2024.11.3",
  "node_prefix":"aks-pay-19283746-vmss","timeline":[[0,3,3,3,3]],
  "pods":[{"state":"imagepull","age_s":330,"restarts":6,
           "pull_error":"Failed to pull image \"$IMG\": failed to pull and unpack image \"$IMG\": failed to resolve reference \"$IMG\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"},
          {"state":"running","new":false,"age_s":1200000},{"state":"running","new":false,"age_s":1190000},{"state":"running","new":false,"age_s":1180000}]}]}
EOF
  kubeconfig "$KCF" $PORT p payments "" aks-pay-prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
helm upgrade payments ./charts/payments \
  --install --atomic --wait --timeout 5m0s \
  --namespace payments \
  --values ./charts/payments/values-prod.yaml \
  --set image.tag=2024.12.1
EOF
  cap $C 2 bash KUBECONFIG="$KCF" <<'EOF'
kubectl get events -n payments --field-selector type=Warning
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job helm-deploy
repo pay/k8s-payments
runner u24
primary pods-not-ready
categories pods-not-ready rollback
tool helm v3.14 (lines from source); kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace payments
field timeout_seconds 300
evidence Error: UPGRADE FAILED: release payments failed, and has been rolled back due to atomic being set: context deadline exceeded
evidence_all pull access denied
notes helm upgrade --install --atomic: the new pods never became ready within --timeout 5m0s (private image, kubelet cannot pull it), helm rolled the release back automatically and exits 1; the if: failure() step shows the Warning events (real kubectl). Root cause = pods not ready; rollback is the automatic consequence. ${NOTE_HELM} ${NOTE_K}
step Helm upgrade
  from $W/$C/1
  ends_at 300
step Warning events
  cond failure
  from $W/$C/2
EOF
}

k_helm_wait_timeout_crash() {
  local C=pods-not-ready-helm-wait-timed-out-keyerror PORT=18210 KCF; KCF=$(KC)
  proj crm/k8s-crm-backend
  helm_reset
  helm_out 1 <<'EOF'
1
#sleep 1
#err Error: UPGRADE FAILED: timed out waiting for the condition
EOF
  local LOG; LOG=$(crash_log 'import os
print("crm-backend: loading settings", flush=True)
DATABASE_URL = os.environ["CRM_DATABASE_URL"]
' | jstr)
  stub_start $C $PORT <<EOF
{"version":"v1.29.10","tokens":{"c":"system:serviceaccount:crm:ci"},"namespaces":["crm"],
 "deployments":[{"ns":"crm","name":"crm-backend","replicas":2,"image":"harbor.k8s-crm.net/crm/backend:1.42.0","old_image":"harbor.k8s-crm.net/crm/backend:1.41.2",
  "node_prefix":"worker","timeline":[[0,1,0,2,3]],
  "pods":[{"state":"error","restarts":5,"age_s":200,"prev_log":$LOG},
          {"state":"running","new":false,"age_s":90000},{"state":"running","new":false,"age_s":89000}]}]}
EOF
  kubeconfig "$KCF" $PORT c crm "" onprem-crm
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
helm upgrade --install crm-backend deploy/chart -n crm -f deploy/values/production.yaml --set image.tag=1.42.0 --wait --timeout 180s
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl -n crm get pods
kubectl -n crm logs --previous $(kubectl -n crm get pods -o name | head -1) --tail=20
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-production
repo crm/k8s-crm-backend
runner self
runner_name crm-builder-3
primary pods-not-ready
categories pods-not-ready
tool helm v3.12 (lines from source); kubectl $(KVER) (dispatcher, server v1.29.10 stub); pod log = real python3 traceback
field exit_code $(rc $C 1)
field namespace crm
field timeout_seconds 180
evidence Error: UPGRADE FAILED: timed out waiting for the condition
evidence_all CrashLoopBackOff
evidence KeyError: 'CRM_DATABASE_URL'
notes helm <= 3.12 wording (pkg/kube/wait.go used wait.PollImmediateUntil whose error is "timed out waiting for the condition"; 3.13+ says "context deadline exceeded"); no --atomic, so the release stays failed. The diagnostic step shows CrashLoopBackOff and the app's traceback (missing env var). ${NOTE_HELM} ${NOTE_K}
step Helm deploy
  from $W/$C/1
  ends_at 180
step Pods and logs
  cond failure
  from $W/$C/2
EOF
}


# ================================================================ rollback
k_rb_deploy_failed_rolled_back() {
  local C=pods-not-ready-rollout-failed-then-undo-succeeded PORT=18211 KCF; KCF=$(KC)
  proj fleet/k8s-dispatch
  stub_start $C $PORT <<EOF
{"version":"v1.32.2","tokens":{"d":"system:serviceaccount:fleet:deployer"},"namespaces":["fleet"],
 "deployments":[{"ns":"fleet","name":"dispatch","replicas":3,"image":"ghcr.io/k8s-fleet/dispatch:v3.9.0","old_image":"ghcr.io/k8s-fleet/dispatch:v3.8.4",
  "history":["ghcr.io/k8s-fleet/dispatch:v3.8.2"],"deadline":90,"probe":"/healthz","liveness":"/livez","node_prefix":"gke-fleet-default-9a8b7c6d",
  "timeline":[[0,1,0,3,4]],"stuck_deadline_at":8,
  "pods":[{"state":"crashloop","restarts":3,"age_s":95,"last_exit_s":12,
           "extra_events":[["Warning","Unhealthy","kubelet","Liveness probe failed: HTTP probe failed with statuscode: 500",6,80,14],
                           ["Normal","Killing","kubelet","Container dispatch failed liveness probe, will be restarted",2,60,14]]},
          {"state":"running","new":false,"age_s":700000},{"state":"running","new":false,"age_s":700000},{"state":"running","new":false,"age_s":699000}]}]}
EOF
  kubeconfig "$KCF" $PORT d fleet "" gke_k8s-fleet_us-central1_prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
kubectl rollout status deployment/dispatch -n fleet
EOF
  cap $C 2 bash KUBECONFIG="$KCF" <<'EOF'
kubectl describe pod -n fleet $(kubectl get pods -n fleet -l app=dispatch -o jsonpath='{.items[0].metadata.name}') | sed -n '/^Events:/,$p'
echo "Rolling back dispatch"
kubectl rollout undo deployment/dispatch -n fleet
kubectl rollout history deployment/dispatch -n fleet
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy
repo fleet/k8s-dispatch
runner u24
primary pods-not-ready
categories pods-not-ready rollback
tool kubectl $(KVER) (dispatcher, server v1.32.2 stub)
field exit_code $(rc $C 1)
field namespace fleet
field deployment dispatch
evidence error: deployment "dispatch" exceeded its progress deadline
evidence Liveness probe failed: HTTP probe failed with statuscode: 500
notes The deploy fails (progress deadline; liveness probe 500, restarts) and an if: failure() step rolls back successfully ("rolled back"): the root cause is the deploy, the rollback is the reaction. ${NOTE_K}
step Wait for rollout
  from $W/$C/1
  duration 9
step Roll back on failure
  cond failure
  from $W/$C/2
EOF
}

k_rb_no_history() {
  local C=rollback-undo-no-rollout-history-first-deploy PORT=18212 KCF; KCF=$(KC)
  proj labs/k8s-notebook-proxy
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"nbp-ci-7f3a":"system:serviceaccount:labs:ci"},"namespaces":["labs"],
 "deployments":[{"ns":"labs","name":"notebook-proxy","replicas":1,"image":"ghcr.io/k8s-labs/notebook-proxy:0.1.0","no_old_rs":true,
  "deadline":30,"timeline":[[0,1,0,0,1]],"stuck_deadline_at":5,
  "pods":[{"state":"notready","age_s":35,"probe_message":"Readiness probe failed: HTTP probe failed with statuscode: 502"}]}]}
EOF
  kubeconfig "$KCF" $PORT nbp-ci-7f3a labs "" labs-cluster
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
if ! kubectl -n labs rollout status deploy/notebook-proxy --timeout=60s; then
  echo "::warning::rollout failed, rolling back notebook-proxy"
  kubectl -n labs rollout undo deploy/notebook-proxy
fi
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-labs
repo labs/k8s-notebook-proxy
runner u22
primary rollback
categories rollback pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub)
field exit_code $(rc $C 1)
field namespace labs
field deployment notebook-proxy
evidence error: no rollout history found for deployment "notebook-proxy"
evidence error: deployment "notebook-proxy" exceeded its progress deadline
notes First deploy of a new Deployment fails its progress deadline; the script's automatic rollback then fails because there is only one ReplicaSet revision (kubectl's deploymentRevision: "no rollout history found"). The step fails on the rollback: primary rollback, with the failed rollout as second category. ${NOTE_K}
step Roll out with automatic rollback
  from $W/$C/1
  workflow_commands 1
  duration 6
EOF
}

k_rb_revision_missing() {
  local C=rollback-manual-undo-to-revision-not-found PORT=18213 KCF; KCF=$(KC)
  proj bank/k8s-ledger-gateway
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"g":"system:serviceaccount:gw:rollback-bot"},"namespaces":["gateway"],
 "deployments":[{"ns":"gateway","name":"ledger-gateway","replicas":3,"image":"ghcr.io/k8s-bank/ledger-gateway:5.0.1","old_image":"ghcr.io/k8s-bank/ledger-gateway:5.0.0",
  "history":["ghcr.io/k8s-bank/ledger-gateway:4.9.7","ghcr.io/k8s-bank/ledger-gateway:4.9.8"],"revision":14,
  "timeline":[[0,3,3,3,3]]}]}
EOF
  kubeconfig "$KCF" $PORT g gateway "" prod-eu-1
  cap $C 1 KUBECONFIG="$KCF" TO_REVISION=9 <<'EOF'
echo "Rolling back ledger-gateway in gateway to revision ${TO_REVISION}"
kubectl rollout history deployment/ledger-gateway -n gateway
kubectl rollout undo deployment/ledger-gateway -n gateway --to-revision="${TO_REVISION}"
kubectl rollout status deployment/ledger-gateway -n gateway --timeout=5m
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job rollback (workflow_dispatch)
repo bank/k8s-ledger-gateway
runner u24new
primary rollback
categories rollback
tool kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace gateway
field deployment ledger-gateway
evidence error: unable to find specified revision 9 in history
notes Manual rollback workflow: the operator asked for revision 9, the history only keeps 11-14 (revisionHistoryLimit); kubectl rollout undo --to-revision fails (revisionNotFoundErr). ${NOTE_K}
step Roll back
  from $W/$C/1
EOF
}

k_rb_undo_status_deadline() {
  local C=rollback-undo-ok-but-previous-revision-also-crashes PORT=18214 KCF; KCF=$(KC)
  proj ads/k8s-bidder
  local LOG; LOG=$(crash_log 'import json
import os
cfg = json.loads(open(os.environ.get("BIDDER_CONFIG", "/srv/app/bidder.json")).read())
' | jstr)
  stub_start $C $PORT <<EOF
{"version":"v1.33.1","tokens":{"b":"system:serviceaccount:ads:deployer"},"namespaces":["ads"],
 "deployments":[{"ns":"ads","name":"bidder","replicas":4,"image":"ghcr.io/k8s-ads/bidder:12.0.0","old_image":"ghcr.io/k8s-ads/bidder:11.9.3",
  "history":["ghcr.io/k8s-ads/bidder:11.9.1"],"deadline":45,"always_restart_on_patch":true,
  "timeline":[[0,1,0,2,5],[3,2,0,2,6]],"stuck_deadline_at":7,
  "pods":[{"state":"crashloop","restarts":2,"age_s":50,"prev_log":$LOG,"new":false}]}]}
EOF
  kubeconfig "$KCF" $PORT b ads "" ads-prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
kubectl -n ads rollout undo deployment/bidder
kubectl -n ads rollout status deployment/bidder --timeout=2m
EOF
  cap $C 2 bash KUBECONFIG="$KCF" <<'EOF'
kubectl -n ads logs $(kubectl -n ads get pods -l app=bidder -o name | head -1) --previous
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job rollback-bidder
repo ads/k8s-bidder
runner u24
primary rollback
categories rollback pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.33.1 stub); pod log = real python3 traceback
field exit_code $(rc $C 1)
field namespace ads
field deployment bidder
evidence deployment.apps/bidder rolled back
evidence error: deployment "bidder" exceeded its progress deadline
evidence FileNotFoundError
notes The rollback itself is accepted but the previous revision does not become available either (its pods crash on a config file that is gone): the rollback did not restore service. ${NOTE_K}
step Roll back bidder
  from $W/$C/1
  duration 8
step Logs
  cond failure
  from $W/$C/2
EOF
}

k_rb_helm_rollback_no_version() {
  local C=rollback-helm-rollback-release-has-no-version PORT=18215 KCF; KCF=$(KC)
  proj docs/k8s-docs-site
  helm_reset
  helm_out 1 <<'EOF'
0
REVISION	UPDATED                 	STATUS	CHART          	APP VERSION	DESCRIPTION
1       	Wed Dec  2 14:58:03 2026	failed	docs-site-0.4.1	2.3.1      	Release "docs-site" failed: context deadline exceeded
EOF
  helm_out 2 <<'EOF'
1
#err Error: release has no 0 version
EOF
  cap $C 1 bash <<'EOF'
helm history docs-site -n docs
helm rollback docs-site -n docs --wait --timeout 5m
EOF
  spec $C $GROUP <<EOF
name $C
job rollback
repo docs/k8s-docs-site
runner u22
primary rollback
categories rollback
tool helm v3.14 (lines from source)
field exit_code $(rc $C 1)
field namespace docs
evidence Error: release has no 0 version
notes A first install failed (revision 1, status failed); the rollback job runs helm rollback without a revision, so helm targets current-1 = 0 and pkg/action/rollback.go prepareRollback returns "release has no %d version". helm history table as cmd/helm/history.go prints it (uitable, tab separators, time.ANSIC dates); install failure description from pkg/action/install.go failRelease. ${NOTE_HELM}
step Helm rollback
  from $W/$C/1
EOF
}


# ================================================================ kubectl-auth
k_auth_expired_apply() {
  local C=kubectl-auth-apply-token-expired-401 PORT=18216 KCF; KCF=$(KC)
  proj iot/k8s-telemetry-ingest
  mkdir -p k8s
  cat > k8s/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: telemetry-ingest
  namespace: iot
spec:
  replicas: 2
  selector:
    matchLabels: {app: telemetry-ingest}
  template:
    metadata:
      labels: {app: telemetry-ingest}
    spec:
      containers:
      - name: telemetry-ingest
        image: ghcr.io/k8s-iot/telemetry-ingest:8.1.0
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.29.10","tokens":{"fresh":"system:serviceaccount:iot:ci"},"namespaces":["iot"],"deployments":[]}
EOF
  kubeconfig "$KCF" $PORT "eyJhbGciOiJSUzI1NiIsImtpZCI6Im9sZCJ9.expired" iot "" iot-prod
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl apply -f k8s/
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy
repo iot/k8s-telemetry-ingest
runner u24
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, server v1.29.10 stub)
field exit_code $(rc $C 1)
field http_status 401
evidence the server has asked for the client to provide credentials
notes The kubeconfig secret holds a service-account token that expired: kubectl apply first downloads the OpenAPI schema for client-side validation and that request gets the apiserver's 401, so kubectl reports it as a validation error (real kubectl wording). ${NOTE_K}
step Apply manifests
  from $W/$C/1
EOF
}

k_auth_rbac_set_image() {
  local C=kubectl-auth-rbac-forbidden-patch-deployment PORT=18217 KCF; KCF=$(KC)
  proj travel/k8s-booking
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"bk":"system:serviceaccount:ci:github-actions"},"namespaces":["booking-prod","booking-stg"],
 "deny":[["system:serviceaccount:ci:github-actions","patch","deployments","booking-prod"]],
 "deployments":[{"ns":"booking-prod","name":"booking-api","replicas":3,"image":"ghcr.io/k8s-travel/booking-api:2.2.0","timeline":[[0,3,3,3,3]]}]}
EOF
  kubeconfig "$KCF" $PORT bk booking-prod "" travel-prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
kubectl set image deployment/booking-api booking-api=ghcr.io/k8s-travel/booking-api:2.3.0 --namespace booking-prod --record=false
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-production
repo travel/k8s-booking
runner u22
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace booking-prod
field deployment booking-api
field http_status 403
evidence error: failed to patch image update to pod template: deployments.apps "booking-api" is forbidden
notes The CI service account may patch deployments in booking-stg only: RBAC denies patch in booking-prod (standard apiserver Forbidden Status text, wrapped by kubectl set image). ${NOTE_K}
step Update image
  from $W/$C/1
EOF
}

k_auth_secret_apply_forbidden() {
  local C=kubectl-auth-apply-secret-get-forbidden PORT=18218 KCF; KCF=$(KC)
  proj hr/k8s-payroll
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"pr":"system:serviceaccount:payroll:deployer"},"namespaces":["payroll"],
 "deny":[["system:serviceaccount:payroll:deployer","get","secrets","payroll"]],"deployments":[]}
EOF
  kubeconfig "$KCF" $PORT pr payroll "" hr-cluster
  cap $C 1 bash KUBECONFIG="$KCF" SECRET:DB_PASSWORD=s3cr3t-value <<'EOF'
kubectl -n payroll create secret generic payroll-db \
  --from-literal=username=payroll \
  --from-literal=password="$DB_PASSWORD" \
  --dry-run=client -o yaml | kubectl apply -f -
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy
repo hr/k8s-payroll
runner u24
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub)
field exit_code $(rc $C 1)
field namespace payroll
field http_status 403
evidence Error from server (Forbidden): error when retrieving current configuration of:
evidence secrets "payroll-db" is forbidden
notes create secret --dry-run=client | kubectl apply -f -: apply first GETs the live object and RBAC forbids reading secrets, so kubectl reports "error when retrieving current configuration" with the Forbidden text. ${NOTE_K}
step Sync database secret
  from $W/$C/1
EOF
}

k_auth_unknown_ca() {
  local C=kubectl-auth-x509-unknown-authority-rotated-ca PORT=18219 KCF; KCF=$(KC)
  proj edu/k8s-classroom
  stub_start $C $PORT <<EOF
{"version":"v1.32.2","tokens":{"e":"system:serviceaccount:edu:ci"},"namespaces":["edu"],"deployments":[]}
EOF
  pki; kubeconfig "$KCF" $PORT e edu "$W/pki/other.crt" edu-prod
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl config current-context
kubectl -n edu rollout restart deployment/classroom-web
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job restart-web
repo edu/k8s-classroom
runner u24new
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, no server version known)
field exit_code $(rc $C 1)
evidence_all x509: certificate signed by unknown authority
notes The cluster CA was rotated but the kubeconfig secret still carries the old certificate-authority-data: TLS verification fails before any API call. ${NOTE_K}
step Restart web
  from $W/$C/1
EOF
}

k_auth_exec_plugin() {
  local C=kubectl-auth-exec-plugin-kubelogin-missing KCF; KCF=$(KC)
  proj energy/k8s-grid-api
  cat > "$KCF" <<'EOF'
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://grid-prod-dns-5f1c2b.hcp.westeurope.azmk8s.io:443
  name: grid-prod
contexts:
- context:
    cluster: grid-prod
    user: clusterUser_rg-grid_grid-prod
  name: grid-prod
current-context: grid-prod
users:
- name: clusterUser_rg-grid_grid-prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --login
      - azurecli
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      interactiveMode: IfAvailable
      provideClusterInfo: false
EOF
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl get deployments -n grid
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-aks
repo energy/k8s-grid-api
runner u22
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, no server version known)
field exit_code $(rc $C 1)
evidence executable kubelogin not found
notes AKS AAD kubeconfig (exec credential plugin kubelogin, as az aks get-credentials writes it) on a runner without kubelogin: the real client-go exec plugin error and install hint. No server is contacted. ${NOTE_K}
step List deployments
  from $W/$C/1
EOF
}

k_auth_canI_preflight() {
  local C=kubectl-auth-can-i-preflight-rollback-denied PORT=18220 KCF; KCF=$(KC)
  proj retail/k8s-pricing
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"rb":"system:serviceaccount:ci:pricing-rollback"},"namespaces":["pricing"],
 "deny":[["system:serviceaccount:ci:pricing-rollback","patch","deployments","pricing"]],
 "deployments":[{"ns":"pricing","name":"pricing-engine","replicas":2,"image":"ghcr.io/k8s-retail/pricing-engine:6.1.0","old_image":"ghcr.io/k8s-retail/pricing-engine:6.0.9","timeline":[[0,2,2,2,2]]}]}
EOF
  kubeconfig "$KCF" $PORT rb pricing "" retail-prod
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
for verb in get list patch; do
  printf '%-6s deployments/pricing-engine: ' "$verb"
  kubectl auth can-i "$verb" deployments/pricing-engine -n pricing || { echo "::error::service account cannot $verb deployments in pricing; rollback aborted"; exit 1; }
done
kubectl rollout undo deployment/pricing-engine -n pricing
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job rollback-pricing
repo retail/k8s-pricing
runner u24
primary kubectl-auth
categories kubectl-auth rollback
tool kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace pricing
field deployment pricing-engine
evidence ##[error]service account cannot patch deployments in pricing; rollback aborted
notes A rollback job checks its RBAC first with kubectl auth can-i (SelfSubjectAccessReview answered by the stub): patch is denied, the script stops before rollout undo. ${NOTE_K}
step Roll back pricing-engine
  from $W/$C/1
  workflow_commands 1
EOF
}

k_auth_helm_rbac() {
  local C=kubectl-auth-helm-secrets-list-forbidden PORT=18221 KCF; KCF=$(KC)
  proj chat/k8s-chat-gateway
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"h":"system:serviceaccount:chat:gh-deployer"},"namespaces":["chat"],
 "deny":[["system:serviceaccount:chat:gh-deployer","list","secrets","chat"]],"deployments":[]}
EOF
  kubeconfig "$KCF" $PORT h chat "" chat-prod
  # the Forbidden text helm wraps is the apiserver's Status message: take it from real kubectl
  local MSG; MSG=$(KUBECONFIG=$KCF kubectl -n chat get secrets -l owner=helm,name=chat-gateway 2>&1 | sed 's/^Error from server (Forbidden): //')
  helm_reset
  printf '1\n#err Error: query: failed to query with labels: %s\n' "$MSG" | helm_out 1
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
helm upgrade --install chat-gateway oci://ghcr.io/k8s-chat/charts/chat-gateway --version 1.8.3 -n chat --wait
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job helm-release
repo chat/k8s-chat-gateway
runner u24new
primary kubectl-auth
categories kubectl-auth
tool helm v3.14 (lines from source); Forbidden text from the stub via real kubectl
field exit_code $(rc $C 1)
field namespace chat
field http_status 403
evidence Error: query: failed to query with labels: secrets is forbidden
notes helm stores releases in Secrets (owner=helm): upgrade --install first reads the release history (cmd/helm/upgrade.go -> action.History -> storage driver Secrets.Query, which wraps errors with "query: failed to query with labels"), and RBAC forbids listing secrets. ${NOTE_HELM}
step Helm upgrade
  from $W/$C/1
EOF
}

k_auth_helm_unreachable() {
  local C=kubectl-auth-helm-install-cluster-unreachable-no-kubeconfig
  proj maps/k8s-router
  helm_reset
  helm_out 1 <<'EOF'
1
#err Error: INSTALLATION FAILED: Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp [::1]:8080: connect: connection refused
EOF
  pki; kubeconfig "$W/$C.kc" 443 t maps "" maps-prod
  cap $C 1 bash SECRET:KUBE_CONFIG_DATA="$(base64 -w0 "$W/$C.kc")" <<'EOF'
echo "$KUBE_CONFIG_DATA" | base64 -d > "$RUNNER_TEMP/kubeconfig"
helm install router ./helm/router --namespace maps --create-namespace --wait
EOF
  spec $C $GROUP <<EOF
name $C
job install
repo maps/k8s-router
runner u22
primary kubectl-auth
categories kubectl-auth
tool helm v3.14 (lines from source)
field exit_code $(rc $C 1)
field url http://localhost:8080/version
evidence Error: INSTALLATION FAILED: Kubernetes cluster unreachable
notes The kubeconfig is written to \$RUNNER_TEMP but KUBECONFIG is never exported, so helm falls back to client-go's default http://localhost:8080 (pkg/action IsReachable: "Kubernetes cluster unreachable"; cmd/helm/install.go wraps "INSTALLATION FAILED"). Cluster access, not RBAC. ${NOTE_HELM}
step Helm install
  from $W/$C/1
EOF
}

k_auth_wrong_context() {
  local C=kubectl-auth-use-context-missing-in-kubeconfig PORT=18222 KCF; KCF=$(KC)
  proj fin/k8s-risk
  pki; kubeconfig "$KCF" $PORT t risk "" risk-staging
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl config get-contexts
kubectl config use-context risk-production
kubectl -n risk rollout status deployment/risk-engine --timeout=5m
EOF
  spec $C $GROUP <<EOF
name $C
job deploy (production)
repo fin/k8s-risk
runner u24
primary kubectl-auth
categories kubectl-auth
tool kubectl $(KVER) (dispatcher, no server version known)
field exit_code $(rc $C 1)
evidence error: no context exists with the name: "risk-production"
notes The production job got the staging kubeconfig secret: it only has the risk-staging context. ${NOTE_K}
step Select cluster and wait
  from $W/$C/1
EOF
}


# ================================================================ monitoring
graf_start() { /usr/bin/python3 "$HERE/grafana_api_stub.py" "$@" > /dev/null 2>&1 & GRAF_PID=$!; wait_port "$1"; }
graf_stop() { stop_pid "$GRAF_PID"; }

k_mon_promtool_rules_parse() {
  local C=monitoring-promtool-check-rules-promql-parse-error
  proj obs/k8s-alerting-rules
  mkdir -p rules
  cat > rules/checkout.rules.yml <<'EOF'
groups:
  - name: checkout-slo
    rules:
      - record: job:checkout_errors:ratio_rate5m
        expr: sum by (job) (rate(http_requests_total{job="checkout",code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="checkout"}[5m]))
      - alert: CheckoutErrorBudgetBurn
        expr: job:checkout_errors:ratio_rate5m > (14.4 * 0.001
        for: 2m
        labels:
          severity: page
        annotations:
          summary: "checkout burns its error budget"
EOF
  cat > rules/latency.rules.yml <<'EOF'
groups:
  - name: checkout-latency
    rules:
      - alert: CheckoutP99High
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m]))) > 1.5
        for: 10m
EOF
  cap $C 1 <<'EOF'
promtool check rules rules/*.yml
EOF
  spec $C $GROUP <<EOF
name $C
job lint-rules
repo obs/k8s-alerting-rules
runner u24
primary monitoring
categories monitoring
tool $(promtool --version 2>&1 | head -1)
field exit_code $(rc $C 1)
evidence FAILED:
evidence unclosed left parenthesis
notes promtool check rules over two files; the alert expression misses a closing parenthesis (real PromQL parser error), the other file passes. ${NOTE_PROM}
step Check alerting rules
  from $W/$C/1
EOF
}

k_mon_promtool_config_field() {
  local C=monitoring-promtool-check-config-unknown-field
  proj obs/k8s-prometheus-config
  cat > prometheus.yml <<'EOF'
global:
  scrape_interval: 30s
  evaluation_interval: 30s
scrape_configs:
  - job_name: checkout
    metrics_path: /metrics
    scrape_timout: 10s
    kubernetes_sd_configs:
      - role: pod
        namespaces:
          names: [shop]
EOF
  cap $C 1 bash <<'EOF'
promtool check config --syntax-only prometheus.yml
EOF
  spec $C $GROUP <<EOF
name $C
job validate
repo obs/k8s-prometheus-config
runner u22
primary monitoring
categories monitoring
tool $(promtool --version 2>&1 | head -1)
field exit_code $(rc $C 1)
evidence field scrape_timout not found in type config.ScrapeConfig
notes A typo (scrape_timout) in a scrape job: promtool's strict YAML unmarshal rejects the file. ${NOTE_PROM}
step promtool check config
  from $W/$C/1
EOF
}

k_mon_promtool_test_rules() {
  local C=monitoring-promtool-test-rules-alert-not-firing
  proj obs/k8s-slo-alerts
  mkdir -p rules tests
  cat > rules/queue.rules.yml <<'EOF'
groups:
  - name: queue
    rules:
      - alert: OrderQueueBacklog
        expr: sum by (queue) (orders_queue_depth) > 500
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "queue {{ $labels.queue }} backlog above 500"
EOF
  cat > tests/queue_test.yml <<'EOF'
rule_files:
  - ../rules/queue.rules.yml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'orders_queue_depth{queue="fulfilment",pod="worker-0"}'
        values: '100+50x12'
    alert_rule_test:
      - eval_time: 10m
        alertname: OrderQueueBacklog
        exp_alerts:
          - exp_labels:
              severity: warning
              queue: fulfilment
            exp_annotations:
              summary: "queue fulfilment backlog above 500"
EOF
  cap $C 1 <<'EOF'
promtool test rules tests/*_test.yml
EOF
  spec $C $GROUP <<EOF
name $C
job rules-unit-tests
repo obs/k8s-slo-alerts
runner u24new
primary monitoring
categories monitoring
tool $(promtool --version 2>&1 | head -1)
field exit_code $(rc $C 1)
evidence FAILED:
evidence alertname: OrderQueueBacklog, time: 10m,
notes promtool test rules: the test expects the alert to fire at 10m, but with 'for: 10m' it is still pending then (real promtool unit-test failure output). ${NOTE_PROM}
step Unit-test alert rules
  from $W/$C/1
EOF
}

k_mon_amtool() {
  local C=monitoring-amtool-check-config-undefined-receiver
  proj obs/k8s-alertmanager-config
  cat > alertmanager.yml <<'EOF'
global:
  resolve_timeout: 5m
route:
  receiver: default
  group_by: [alertname, namespace]
  routes:
    - matchers: [severity="page"]
      receiver: pagerduty-oncall
    - matchers: [team="payments"]
      receiver: slack-payments
receivers:
  - name: default
    webhook_configs:
      - url: http://alert-router.monitoring.svc:9095/hook
  - name: pagerduty-oncall
    pagerduty_configs:
      - routing_key_file: /etc/alertmanager/secrets/pd-key
EOF
  cap $C 1 <<'EOF'
amtool check-config alertmanager.yml
EOF
  spec $C $GROUP <<EOF
name $C
job validate-alertmanager
repo obs/k8s-alertmanager-config
runner u24
primary monitoring
categories monitoring
tool amtool $(amtool --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence undefined receiver "slack-payments" used in route
notes A route points at a receiver that was never defined (real amtool / alertmanager config loader message). ${NOTE_PROM}
step amtool check-config
  from $W/$C/1
EOF
}

k_mon_amtool_matcher() {
  local C=monitoring-amtool-check-config-matcher-regex
  proj obs/alert-routing
  cat > alertmanager.yml <<'EOF'
route:
  receiver: default
  routes:
    - receiver: oncall
      matchers:
        - severity=~"[critical|page"
receivers:
  - name: default
  - name: oncall
    webhook_configs:
      - url: http://alert-router.monitoring.svc:9095/hook
EOF
  cap $C 1 <<'EOF'
amtool check-config alertmanager.yml
EOF
  spec $C $GROUP <<EOF
name $C
job validate-alertmanager
repo obs/alert-routing
runner u24
primary monitoring
categories monitoring
tool amtool $(amtool --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence FAILED: error parsing regexp
notes A route matcher's regular expression does not compile (an unclosed bracket): amtool's loader refuses the file. ${NOTE_PROM}
step amtool check-config
  from $W/$C/1
EOF
}

k_mon_amtool_template() {
  local C=monitoring-amtool-check-config-template-unclosed
  proj obs/alert-templates
  mkdir -p templates
  cat > templates/slack.tmpl <<'EOF'
{{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname
{{ end }}
EOF
  cat > alertmanager.yml <<'EOF'
route:
  receiver: default
receivers:
  - name: default
    webhook_configs:
      - url: http://alert-router.monitoring.svc:9095/hook
templates:
  - templates/*.tmpl
EOF
  cap $C 1 <<'EOF'
amtool check-config alertmanager.yml
EOF
  spec $C $GROUP <<EOF
name $C
job validate-alertmanager
repo obs/alert-templates
runner u24
primary monitoring
categories monitoring
tool amtool $(amtool --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence FAILED: template:
notes The configuration itself loads (amtool prints SUCCESS and what it found), then a notification template has an unclosed action and the check fails. ${NOTE_PROM}
step amtool check-config
  from $W/$C/1
EOF
}

k_mon_amtool_routes_test() {
  local C=monitoring-amtool-routes-test-wrong-receiver
  proj obs/alert-routing-tests
  cat > alertmanager.yml <<'EOF'
route:
  receiver: team-default
  routes:
    - receiver: team-pager
      matchers: ['severity=~"critical|page"']
    - receiver: payments-oncall
      matchers: ['team="payments"', 'severity="critical"']
receivers:
  - name: team-default
  - name: team-pager
  - name: payments-oncall
EOF
  cap $C 1 <<'EOF'
amtool config routes test --config.file=alertmanager.yml --verify.receivers=payments-oncall team=payments severity=critical
EOF
  spec $C $GROUP <<EOF
name $C
job validate-alertmanager
repo obs/alert-routing-tests
runner u24
primary monitoring
categories monitoring
tool amtool $(amtool --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence WARNING: Expected receivers did not match resolved receivers.
notes A routing unit test: the payments route comes after a broader severity route, so a critical payments alert resolves to team-pager and amtool's --verify.receivers check fails. ${NOTE_PROM}
step amtool config routes test
  from $W/$C/1
EOF
}

k_mon_promtool_rules_variants() {
  local C
  for C in monitoring-promtool-check-rules-group-repeated monitoring-promtool-check-rules-duration-words \
    monitoring-promtool-check-rules-label-template; do
    proj obs/alert-rules
    mkdir -p rules
    case $C in
      *group-repeated)
        cat > rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 5m
EOF
        ;;
      *duration-words)
        cat > rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 10 minutes
        labels:
          severity: page
EOF
        ;;
      *label-template)
        cat > rules/api.yml <<'EOF'
groups:
  - name: api
    rules:
      - alert: ApiLatencyHigh
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5
        labels:
          severity: "{{ if gt $value 1.0 }}page{{ else }}ticket"
EOF
        ;;
    esac
    cap $C 1 <<'EOF'
promtool check rules rules/api.yml
EOF
    local what
    case $C in
      *group-repeated) what="Two rule groups share a name in one file: promtool rejects the file (rulefmt's repeated group name)." ;;
      *duration-words) what="A rule's for: is written in words (10 minutes); promtool accepts only Prometheus durations (10m)." ;;
      *label-template) what="A label template is missing its {{ end }}: promtool parses the rule's templates and rejects the unclosed action." ;;
    esac
    spec $C $GROUP <<EOF
name $C
job validate-rules
repo obs/alert-rules
runner u24
primary monitoring
categories monitoring
tool promtool $(promtool --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence rules/api.yml:
notes $what promtool prints the error on the line after FAILED:. ${NOTE_PROM}
step promtool check rules
  from $W/$C/1
EOF
  done
}

k_mon_promtool_metrics_lint() {
  local C=monitoring-promtool-check-metrics-naming-lint
  proj obs/checkout-exporter
  mkdir -p testdata
  cat > testdata/metrics.txt <<'EOF'
# HELP checkout_queue_depth_total Orders waiting for a worker.
# TYPE checkout_queue_depth_total gauge
checkout_queue_depth_total 3
# HELP checkout_orders Orders placed.
# TYPE checkout_orders counter
checkout_orders 1027
# TYPE checkout_latencyMs histogram
checkout_latencyMs_bucket{le="100"} 5
checkout_latencyMs_bucket{le="+Inf"} 7
checkout_latencyMs_sum 420
checkout_latencyMs_count 7
EOF
  cap $C 1 <<'EOF'
promtool check metrics < testdata/metrics.txt
EOF
  spec $C $GROUP <<EOF
name $C
job lint-metrics
repo obs/checkout-exporter
runner u24
primary monitoring
categories monitoring
tool $(promtool --version 2>&1 | head -1)
field exit_code $(rc $C 1)
evidence non-counter metrics should not have "_total" suffix
evidence counter metrics should have "_total" suffix
notes The exporter's golden metrics file linted with promtool check metrics (client_golang's promlint): a gauge named _total, a counter without it, a camelCase histogram without help text; promtool prints one '<metric> <problem>' line each and exits 3. ${NOTE_PROM}
step promtool check metrics
  from $W/$C/1
EOF
}

k_mon_alertmanager_config_load() {
  local C=monitoring-alertmanager-start-config-unknown-field
  proj obs/alerting-stack
  cat > alertmanager.yml <<'EOF'
global:
  resolve_timeout: 5m
  hipchat_url: https://hipchat.example.com/
route:
  receiver: team
receivers:
  - name: team
EOF
  cap $C 1 <<EOF
prometheus-alertmanager --config.file=alertmanager.yml --storage.path=$W/$C/am-data --web.listen-address=127.0.0.1:19093 --cluster.listen-address=
EOF
  spec $C $GROUP <<EOF
name $C
job smoke-alertmanager
repo obs/alerting-stack
runner u24
primary monitoring
categories monitoring
tool alertmanager $(prometheus-alertmanager --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence msg="Loading configuration file failed"
notes The job starts Alertmanager with the repository's configuration to check that it loads: a global field from a removed integration (hipchat_url) makes the configuration loader refuse the file and Alertmanager exit 1 (its own start-up log, real). ${NOTE_PROM}
step Start Alertmanager with the new config
  from $W/$C/1
EOF
}

prom_self_config() { # CASE PORT [extra scrape job target port]
  mkdir -p "$W/$1"
  cat > "$W/$1/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $W/$1/rules.yml
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["127.0.0.1:$2"]
  - job_name: checkout
    static_configs:
      - targets: ["127.0.0.1:18299"]
EOF
  [ -f "$W/$1/rules.yml" ] || echo 'groups: []' > "$W/$1/rules.yml"
}

k_mon_prom_api_bad_query() {
  local C=monitoring-prometheus-api-400-bad-promql-curl PORT=18290
  proj shop/k8s-release-gates
  prom_self_config $C $PORT; prom_start $C $PORT; prom_wait $PORT 'up'
  cap $C 1 bash PROMETHEUS_URL=http://127.0.0.1:$PORT <<'EOF'
QUERY='sum(rate(prometheus_http_requests_total{code=~"5.."}[5m])) / sum(rate(prometheus_http_requests_total[5m]) > 0.02'
echo "Querying error ratio from $PROMETHEUS_URL"
ratio=$(curl -fsS --max-time 10 -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$QUERY" | jq -r '.data.result[0].value[1] // "0"')
echo "error ratio: $ratio"
EOF
  cap $C 2 bash PROMETHEUS_URL=http://127.0.0.1:$PORT <<'EOF'
curl -sS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=sum(rate(prometheus_http_requests_total{code=~"5.."}[5m])) / sum(rate(prometheus_http_requests_total[5m]) > 0.02'
echo
EOF
  prom_stop
  spec $C $GROUP <<EOF
name $C
job post-deploy-gate
repo shop/k8s-release-gates
runner u24
primary monitoring
categories monitoring
tool $(prometheus --version 2>&1 | head -1); curl $(curl --version | head -1 | awk '{print $2}'); jq
field exit_code $(rc $C 1)
field http_status 400
evidence curl: (22) The requested URL returned error: 400
evidence "errorType":"bad_data"
notes Release gate queries the real Prometheus HTTP API with curl -f: the PromQL misses a parenthesis, Prometheus answers 400 bad_data; a failure() step repeats the query without -f to show the body. ${NOTE_PROM}
step Error-ratio gate
  from $W/$C/1
step Show Prometheus error
  cond failure
  from $W/$C/2
EOF
}

k_mon_prom_unreachable() {
  local C=monitoring-prometheus-unreachable-connection-refused
  proj shop/k8s-canary-analysis
  cap $C 1 bash PROMETHEUS_URL=http://127.0.0.1:18291 <<'EOF'
set -x
curl --silent --show-error --fail --retry 3 --retry-delay 1 --retry-connrefused \
  "$PROMETHEUS_URL/api/v1/query?query=up%7Bjob%3D%22checkout%22%7D"
EOF
  spec $C $GROUP <<EOF
name $C
job canary-analysis
repo shop/k8s-canary-analysis
runner self
runner_name analysis-runner-1
primary monitoring
categories monitoring
tool curl $(curl --version | head -1 | awk '{print $2}')
field exit_code $(rc $C 1)
field url http://127.0.0.1:18291/api/v1/query?query=up%7Bjob%3D%22checkout%22%7D
evidence curl: (7) Failed to connect to 127.0.0.1 port 18291
notes Canary analysis queries Prometheus; nothing listens at PROMETHEUS_URL (port-forward not started): real curl retries and fails with connection refused. ${NOTE_PROM}
step Query canary metrics
  from $W/$C/1
EOF
}

k_mon_alert_gate_requests() {
  local C=monitoring-query-gate-python-scrape-target-down PORT=18292
  proj shop/k8s-deploy-verify
  prom_self_config $C $PORT
  prom_start $C $PORT; prom_wait $PORT 'up{job="checkout"} == 0'
  mkdir -p scripts
  cat > scripts/target_gate.py <<'EOF'
import os
import sys

import requests

base = os.environ["PROMETHEUS_URL"].rstrip("/")
query = 'up{job="%s"} == 0' % os.environ.get("GATE_JOB", "checkout")
resp = requests.get(base + "/api/v1/query", params={"query": query}, timeout=10)
resp.raise_for_status()
down = resp.json()["data"]["result"]
for series in down:
    print("DOWN %s %s" % (series["metric"]["job"], series["metric"]["instance"]))
if down:
    print("deploy verification failed: %d scrape target(s) down for %s" % (len(down), query))
    sys.exit(1)
print("all targets up")
EOF
  cap $C 1 py PROMETHEUS_URL=http://127.0.0.1:$PORT GATE_JOB=checkout <<'EOF'
python scripts/target_gate.py
EOF
  prom_stop
  spec $C $GROUP <<EOF
name $C
job verify
repo shop/k8s-deploy-verify
runner u22
setup python 3.11.2
primary monitoring
categories monitoring
tool $(prometheus --version 2>&1 | head -1); python3-requests $(/usr/bin/python3 -c 'import requests;print(requests.__version__)')
field exit_code $(rc $C 1)
evidence DOWN checkout 127.0.0.1:18299
evidence deploy verification failed: 1 scrape target(s) down
notes Post-deploy gate (python requests against the real Prometheus /api/v1/query): the checkout scrape target is down (up == 0), so the gate fails. ${NOTE_PROM}
step Target gate
  from $W/$C/1
EOF
}

k_mon_grafana_httpie_401() {
  local C=monitoring-grafana-annotation-httpie-401-invalid-key PORT=18293
  proj shop/k8s-grafana-dashboards
  graf_start $PORT glsa_goodtoken checkout-overview:17
  mkdir -p dashboards; echo '{"dashboard":{"uid":"checkout-overview","title":"Checkout overview","version":17},"overwrite":false}' > dashboards/checkout-overview.json
  cap $C 1 SECRET:GRAFANA_TOKEN=glsa_rotated_last_week GRAFANA_URL=http://127.0.0.1:$PORT <<'EOF'
http --check-status --ignore-stdin --pretty=format POST "$GRAFANA_URL/api/dashboards/db" \
  "Authorization:Bearer $GRAFANA_TOKEN" @dashboards/checkout-overview.json
EOF
  graf_stop
  spec $C $GROUP <<EOF
name $C
job publish-dashboards
repo shop/k8s-grafana-dashboards
runner u24
primary monitoring
categories monitoring
tool $(http --version 2>&1) (HTTPie) against the Grafana API stub
field exit_code $(rc $C 1)
field http_status 401
evidence "message": "Invalid API key"
evidence HTTP 401 Unauthorized
notes Dashboard publish with HTTPie --check-status: Grafana rejects the revoked service-account token (401 {"message":"Invalid API key"}, Grafana's API-key middleware body); httpie exits 4. ${NOTE_PROM}
step Publish dashboard
  from $W/$C/1
EOF
}

k_mon_grafana_curl_412() {
  local C=monitoring-grafana-dashboard-412-version-mismatch PORT=18294
  proj shop/k8s-grafana-dashboards
  graf_start $PORT glsa_ok payments-slo:23
  mkdir -p dashboards
  echo '{"dashboard":{"uid":"payments-slo","title":"Payments SLO","version":21,"panels":[]},"folderUid":"slo","overwrite":false,"message":"ci: update from 5d1e0f2"}' > dashboards/payments-slo.json
  cap $C 1 bash SECRET:GRAFANA_TOKEN=glsa_ok GRAFANA_URL=http://127.0.0.1:$PORT <<'EOF'
for f in dashboards/*.json; do
  echo "publishing $f"
  curl --fail-with-body -sS -X POST "$GRAFANA_URL/api/dashboards/db" \
    -H "Authorization: Bearer $GRAFANA_TOKEN" -H 'Content-Type: application/json' \
    --data-binary "@$f"
  echo
done
EOF
  graf_stop
  spec $C $GROUP <<EOF
name $C
job publish-dashboards
repo shop/k8s-grafana-dashboards
runner u24new
primary monitoring
categories monitoring
tool curl $(curl --version | head -1 | awk '{print $2}') against the Grafana API stub
field exit_code $(rc $C 1)
field http_status 412
evidence curl: (22) The requested URL returned error: 412
evidence The dashboard has been changed by someone else
notes Someone edited the dashboard in the UI (version 23) after the repo copy (version 21): POST /api/dashboards/db without overwrite gets Grafana's 412 version-mismatch body (pkg/services/dashboards/errors.go). ${NOTE_PROM}
step Publish dashboards
  from $W/$C/1
EOF
}

k_mon_grafana_requests_404() {
  local C=monitoring-grafana-requests-dashboard-not-found PORT=18295
  proj shop/k8s-release-annotations
  graf_start $PORT glsa_ok checkout-overview:17
  mkdir -p ci
  cat > ci/annotate_release.py <<'EOF'
import os

import requests

base = os.environ["GRAFANA_URL"]
headers = {"Authorization": "Bearer " + os.environ["GRAFANA_TOKEN"]}
uid = os.environ["DASHBOARD_UID"]
r = requests.get(f"{base}/api/dashboards/uid/{uid}", headers=headers, timeout=10)
r.raise_for_status()
print("annotating", r.json()["dashboard"]["title"])
EOF
  cap $C 1 py SECRET:GRAFANA_TOKEN=glsa_ok GRAFANA_URL=http://127.0.0.1:$PORT DASHBOARD_UID=checkout-overveiw <<'EOF'
python ci/annotate_release.py
EOF
  graf_stop
  spec $C $GROUP <<EOF
name $C
job annotate-release
repo shop/k8s-release-annotations
runner u22
setup python 3.11.2
primary monitoring
categories monitoring
tool python3-requests $(/usr/bin/python3 -c 'import requests;print(requests.__version__)') against the Grafana API stub
field exit_code $(rc $C 1)
field http_status 404
field url http://127.0.0.1:$PORT/api/dashboards/uid/checkout-overveiw
evidence requests.exceptions.HTTPError: 404 Client Error: Not Found for url:
notes Release annotation script looks the dashboard up by a misspelt uid; Grafana answers 404 {"message":"Dashboard not found"} and requests' raise_for_status raises (real traceback). ${NOTE_PROM}
step Annotate release
  from $W/$C/1
EOF
}

k_rb_verify_still_down() {
  local C=rollback-verification-target-still-down-after-undo PORT=18223 PPORT=18296 KCF; KCF=$(KC)
  proj shop/k8s-checkout
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"co":"system:serviceaccount:shop:deployer"},"namespaces":["shop"],
 "deployments":[{"ns":"shop","name":"checkout","replicas":3,"image":"ghcr.io/k8s-shop/checkout:4.2.0","old_image":"ghcr.io/k8s-shop/checkout:4.1.7",
  "timeline":[[0,1,1,3,4],[2,2,2,3,4],[3,3,3,3,3]]}]}
EOF
  kubeconfig "$KCF" $PORT co shop "" shop-prod
  prom_self_config $C $PPORT; prom_start $C $PPORT; prom_wait $PPORT 'up{job="checkout"} == 0'
  cap $C 1 bash KUBECONFIG="$KCF" <<'EOF'
kubectl -n shop rollout undo deployment/checkout
kubectl -n shop rollout status deployment/checkout --timeout=3m
EOF
  cap $C 2 bash PROMETHEUS_URL=http://127.0.0.1:$PPORT <<'EOF'
sleep 2
up=$(curl -fsS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=min(up{job="checkout"})' | jq -r '.data.result[0].value[1]')
echo "min(up{job=\"checkout\"}) = $up"
if [ "$up" != "1" ]; then
  curl -fsS "$PROMETHEUS_URL/api/v1/targets?state=active" | jq -r '.data.activeTargets[] | select(.labels.job=="checkout") | "\(.scrapeUrl) \(.health) \(.lastError)"'
  echo "::error::checkout is still down after rollback"
  exit 1
fi
EOF
  prom_stop; stub_stop
  spec $C $GROUP <<EOF
name $C
job rollback-checkout
repo shop/k8s-checkout
runner u24
primary rollback
categories rollback monitoring
tool kubectl $(KVER) (dispatcher, server v1.31.4 stub); $(prometheus --version 2>&1 | head -1); curl; jq
field exit_code $(rc $C 2)
field namespace shop
field deployment checkout
evidence ##[error]checkout is still down after rollback
evidence min(up{job="checkout"}) = 0
notes The rollback succeeds at the Kubernetes level (undo + rollout status complete) but the post-rollback verification against the real Prometheus still sees the checkout target down (scrape error: connection refused): the rollback did not restore service. ${NOTE_K} ${NOTE_PROM}
step Roll back
  from $W/$C/1
step Verify after rollback
  from $W/$C/2
  workflow_commands 1
EOF
}

k_rb_helm_atomic_no_previous() {
  local C=rollback-helm-atomic-no-previously-successful-release PORT=18224 KCF; KCF=$(KC)
  proj games/k8s-leaderboard
  helm_reset
  helm_out 1 <<'EOF'
1
#sleep 1
#err Error: UPGRADE FAILED: unable to find a previously successful release when attempting to rollback. original upgrade error: context deadline exceeded
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.32.2","tokens":{"lb":"system:serviceaccount:games:deployer"},"namespaces":["games"],
 "deployments":[{"ns":"games","name":"leaderboard","replicas":2,"image":"ghcr.io/k8s-games/leaderboard:0.3.0","old_image":"ghcr.io/k8s-games/leaderboard:0.2.9",
  "timeline":[[0,2,0,0,2]],
  "pods":[{"state":"unschedulable","age_s":200,"sched_message":"0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."},
          {"state":"unschedulable","age_s":200,"sched_message":"0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."}]}]}
EOF
  kubeconfig "$KCF" $PORT lb games "" games-dev
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
helm upgrade --install leaderboard ./chart --namespace games --atomic --timeout 3m --set image.tag=0.3.0
EOF
  helm_out 2 <<'EOF'
0
REVISION	UPDATED                 	STATUS	CHART            	APP VERSION	DESCRIPTION
1       	Tue Dec  1 10:02:11 2026	failed	leaderboard-0.1.0	0.2.9      	Release "leaderboard" failed: context deadline exceeded
2       	Wed Dec  2 15:40:08 2026	failed	leaderboard-0.1.1	0.3.0      	Upgrade "leaderboard" failed: context deadline exceeded
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
helm history leaderboard -n games
kubectl -n games get pods
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-dev
repo games/k8s-leaderboard
runner u22
primary rollback
categories rollback pods-not-ready
tool helm v3.14 (lines from source); kubectl $(KVER) (dispatcher, server v1.32.2 stub)
field exit_code $(rc $C 1)
field namespace games
field timeout_seconds 180
evidence Error: UPGRADE FAILED: unable to find a previously successful release when attempting to rollback
evidence_all Pending
notes helm --atomic could not roll back: every earlier revision is failed, so pkg/action/upgrade.go failRelease finds no superseded/deployed release ("unable to find a previously successful release when attempting to rollback. original upgrade error"). The pods themselves are Pending (Insufficient cpu). ${NOTE_HELM} ${NOTE_K}
step Helm upgrade
  from $W/$C/1
  ends_at 180
step Inspect
  cond failure
  from $W/$C/2
EOF
}


# ================================================================ green logs
k_none_apply_rollout() {
  local C=none-apply-rollout-status-transient-waiting PORT=18225 KCF; KCF=$(KC)
  proj ledger/k8s-ledger-web
  mkdir -p k8s
  cat > k8s/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ledger-web
  namespace: ledger
spec:
  replicas: 3
  selector:
    matchLabels: {app: ledger-web}
  template:
    metadata:
      labels: {app: ledger-web}
    spec:
      containers:
      - name: ledger-web
        image: ghcr.io/k8s-ledger/ledger-web:3.0.1
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.33.1","tokens":{"lw":"system:serviceaccount:ci:ledger-deployer"},"namespaces":["ledger"],
 "deployments":[{"ns":"ledger","name":"ledger-web","replicas":3,"image":"ghcr.io/k8s-ledger/ledger-web:3.0.0","old_image":"ghcr.io/k8s-ledger/ledger-web:2.9.9",
  "timeline":[[0,1,0,3,4],[2,2,1,3,4],[4,3,2,3,4],[5,3,3,3,4],[6,3,3,3,3]]}]}
EOF
  kubeconfig "$KCF" $PORT lw ledger "" ledger-prod
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl apply -f k8s/deployment.yaml
kubectl -n ledger rollout status deployment/ledger-web --timeout=300s
kubectl -n ledger get deployment ledger-web
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy
repo ledger/k8s-ledger-web
runner u24new
primary none
categories none
tool kubectl $(KVER) (dispatcher, server v1.33.1 stub)
notes Green: apply + rollout status prints "Waiting for deployment ... N of 3 updated replicas are available..." lines before "successfully rolled out". ${NOTE_K}
step Deploy
  from $W/$C/1
  duration 7
EOF
}

k_none_helm_debug_ok() {
  local C=none-helm-upgrade-debug-wait-succeeded
  proj ledger/k8s-ledger-worker
  helm_reset
  helm_out 1 <<'EOF'
0
#err history.go:56: [debug] getting history for release ledger-worker
#err upgrade.go:155: [debug] preparing upgrade for ledger-worker
#err upgrade.go:163: [debug] performing update for ledger-worker
#err upgrade.go:356: [debug] creating upgraded release for ledger-worker
#err client.go:393: [debug] checking 3 resources for changes
#err client.go:693: [debug] Patch ConfigMap "ledger-worker-config" in namespace ledger
#err client.go:693: [debug] Patch Service "ledger-worker" in namespace ledger
#err client.go:693: [debug] Patch Deployment "ledger-worker" in namespace ledger
#err upgrade.go:428: [debug] waiting for release ledger-worker resources (created: 0 updated: 3  deleted: 0)
#err wait.go:48: [debug] beginning wait for 3 resources with timeout of 5m0s
#sleep 1
#err ready.go:303: [debug] Deployment is not ready: ledger/ledger-worker. 0 out of 2 expected pods are ready
#sleep 1
#err ready.go:303: [debug] Deployment is not ready: ledger/ledger-worker. 0 out of 2 expected pods are ready
#sleep 1
#err ready.go:303: [debug] Deployment is not ready: ledger/ledger-worker. 1 out of 2 expected pods are ready
#sleep 1
#err upgrade.go:171: [debug] updating status for upgraded release for ledger-worker
Release "ledger-worker" has been upgraded. Happy Helming!
NAME: ledger-worker
LAST DEPLOYED: Wed Dec  2 16:02:37 2026
NAMESPACE: ledger
STATUS: deployed
REVISION: 37
TEST SUITE: None
USER-SUPPLIED VALUES:
image:
  tag: 3.0.1
replicaCount: 2

COMPUTED VALUES:
image:
  repository: ghcr.io/k8s-ledger/ledger-worker
  tag: 3.0.1
replicaCount: 2
resources:
  limits:
    memory: 512Mi
  requests:
    cpu: 100m
    memory: 256Mi

HOOKS:
MANIFEST:
---
# Source: ledger-worker/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: ledger-worker-config
data:
  LOG_LEVEL: info
  FAIL_FAST: "false"
---
# Source: ledger-worker/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: ledger-worker
spec:
  selector:
    app: ledger-worker
  ports:
    - port: 9102
      targetPort: metrics
---
# Source: ledger-worker/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ledger-worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ledger-worker
  template:
    metadata:
      labels:
        app: ledger-worker
    spec:
      containers:
        - name: ledger-worker
          image: "ghcr.io/k8s-ledger/ledger-worker:3.0.1"
          ports:
            - name: metrics
              containerPort: 9102
          readinessProbe:
            httpGet:
              path: /healthz
              port: metrics
            failureThreshold: 3
          resources:
            limits:
              memory: 512Mi
            requests:
              cpu: 100m
              memory: 256Mi

EOF
  cap $C 1 bash <<'EOF'
helm upgrade --install ledger-worker ./deploy/ledger-worker -n ledger --wait --timeout 5m --set image.tag=3.0.1 --debug
EOF
  spec $C $GROUP <<EOF
name $C
job deploy-worker
repo ledger/k8s-ledger-worker
runner u24
primary none
categories none
tool helm v3.14 (lines from source and helm/helm#12796)
notes Green near-miss: helm --debug prints "Deployment is not ready ... 0 out of 2 expected pods are ready" (pkg/kube/ready.go, log.Lshortfile prefixes as in helm/helm#12796 for v3.14) while waiting, then succeeds; with --debug the status printer (cmd/helm/status.go) also prints USER-SUPPLIED/COMPUTED VALUES, HOOKS and MANIFEST. ${NOTE_HELM}
step Helm upgrade
  from $W/$C/1
  duration 5
EOF
}

k_none_monitoring_checks() {
  local C=none-promtool-amtool-checks-pass
  proj obs/k8s-monitoring-config
  mkdir -p rules tests
  cat > prometheus.yml <<'EOF'
global:
  scrape_interval: 30s
rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: checkout
    static_configs:
      - targets: ["checkout.shop.svc:8080"]
EOF
  cat > rules/checkout.yml <<'EOF'
groups:
  - name: checkout
    rules:
      - alert: CheckoutErrorsHigh
        expr: sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="checkout"}[5m])) > 0.05
        for: 5m
        labels: {severity: page}
EOF
  cat > tests/checkout_test.yml <<'EOF'
rule_files: [../rules/checkout.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'http_requests_total{job="checkout",code="500"}'
        values: '0+10x20'
      - series: 'http_requests_total{job="checkout",code="200"}'
        values: '0+90x20'
    alert_rule_test:
      - eval_time: 15m
        alertname: CheckoutErrorsHigh
        exp_alerts:
          - exp_labels: {severity: page}
EOF
  cat > alertmanager.yml <<'EOF'
route:
  receiver: oncall
receivers:
  - name: oncall
    webhook_configs:
      - url: http://alert-router.monitoring.svc:9095/hook
EOF
  cap $C 1 <<'EOF'
promtool check config prometheus.yml
promtool test rules tests/*.yml
amtool check-config alertmanager.yml
EOF
  spec $C $GROUP <<EOF
name $C
job validate-monitoring
repo obs/k8s-monitoring-config
runner u22
primary none
categories none
tool $(promtool --version 2>&1 | head -1); amtool
notes Green: promtool check config (with rule files), promtool test rules and amtool check-config all print SUCCESS. ${NOTE_PROM}
step Validate
  from $W/$C/1
EOF
}

k_none_k8s_deploy_ok() {
  local C=none-k8s-deploy-action-rollout-succeeded PORT=18226 KCF; KCF=$(KC)
  proj shop/k8s-catalog
  mkdir -p manifests
  cat > manifests/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: catalog
  template:
    metadata:
      labels:
        app: catalog
    spec:
      containers:
      - name: catalog
        image: k8sshopacr.azurecr.io/catalog:4c1d9e0
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"aks":"masterclient"},"namespaces":["shop"],
 "deployments":[{"ns":"shop","name":"catalog","replicas":2,"image":"k8sshopacr.azurecr.io/catalog:0a1b2c3","old_image":"k8sshopacr.azurecr.io/catalog:99ee01f",
  "timeline":[[0,1,0,2,3],[2,2,1,2,3],[3,2,2,2,2]]}]}
EOF
  kubeconfig "$KCF" $PORT aks shop "" k8s-shop-aks
  mkdir -p "$W/$C"; k8s_deploy_action $C "$KCF" shop manifests/deployment.yaml > "$W/$C/action.rc"
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy-to-aks
repo shop/k8s-catalog
runner u24
primary none
categories none
tool Azure/k8s-deploy@v4 driving kubectl $(KVER) (dispatcher, server v1.31.4 stub)
notes Green: the action applies the manifest and its rollout status check succeeds after transient "Waiting for deployment" lines. Action lines written from Azure/k8s-deploy's source; kubectl output real. ${NOTE_K}
step Deploy to AKS
  uses Azure/k8s-deploy@v4
  with action: deploy
  with manifests: manifests/deployment.yaml
  with namespace: shop
  with strategy: basic
  with token: ***
  env KUBECONFIG: $KCF
  output $W/$C/action.txt
  exit 0
  workflow_commands 1
  duration 6
EOF
}

k_none_manual_rollback_ok() {
  local C=none-manual-rollback-undo-succeeded PORT=18227 KCF; KCF=$(KC)
  proj bank/k8s-statements
  stub_start $C $PORT <<EOF
{"version":"v1.30.6","tokens":{"s":"system:serviceaccount:ci:rollback-bot"},"namespaces":["statements"],
 "deployments":[{"ns":"statements","name":"statements-api","replicas":2,"image":"ghcr.io/k8s-bank/statements-api:8.4.0","old_image":"ghcr.io/k8s-bank/statements-api:8.3.2",
  "history":["ghcr.io/k8s-bank/statements-api:8.3.1"],"always_restart_on_patch":true,
  "timeline":[[0,1,1,2,3],[2,2,2,2,3],[3,2,2,2,2]]}]}
EOF
  kubeconfig "$KCF" $PORT s statements "" bank-prod
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl rollout history deployment/statements-api -n statements
kubectl rollout undo deployment/statements-api -n statements
kubectl rollout status deployment/statements-api -n statements --timeout=5m
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job rollback (workflow_dispatch)
repo bank/k8s-statements
runner u22
primary none
categories none
tool kubectl $(KVER) (dispatcher, server v1.30.6 stub)
notes Green: a manual rollback workflow that works ("rolled back", then "successfully rolled out"). A successful rollback job is not a failure. ${NOTE_K}
step Roll back
  from $W/$C/1
  duration 4
EOF
}

k_none_alert_gate_quiet() {
  local C=none-alert-gate-no-firing-alerts PORT=18297
  proj shop/k8s-deploy-verify
  prom_self_config $C $PORT
  cat > "$W/$C/rules.yml" <<'EOF'
groups:
  - name: deploy-verify
    rules:
      - alert: PrometheusSelfScrapeDown
        expr: up{job="prometheus"} == 0
        labels:
          severity: critical
EOF
  prom_start $C $PORT; sleep 3
  mkdir -p scripts
  cat > scripts/alert_gate.py <<'EOF'
import os
import sys

import requests

url = os.environ["PROMETHEUS_URL"].rstrip("/") + "/api/v1/alerts"
resp = requests.get(url, timeout=10)
resp.raise_for_status()
firing = [a for a in resp.json()["data"]["alerts"] if a["state"] == "firing"]
for a in firing:
    print("FIRING %s %s" % (a["labels"]["alertname"], a["labels"].get("severity", "")))
if firing:
    sys.exit(1)
print("no firing alerts; error budget gate passed")
EOF
  cap $C 1 py PROMETHEUS_URL=http://127.0.0.1:$PORT <<'EOF'
python scripts/alert_gate.py
curl -sS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=count(up == 0) or vector(0)' | jq -c '.data.result[0].value[1]'
EOF
  prom_stop
  spec $C $GROUP <<EOF
name $C
job verify
repo shop/k8s-deploy-verify
runner u24
setup python 3.11.2
primary none
categories none
tool $(prometheus --version 2>&1 | head -1); python3-requests; curl; jq
notes Green: the alert gate finds no firing alerts. Note the checkout scrape target is down here too (up == 0 count is printed) but the gate only looks at alerts. ${NOTE_PROM}
step Alert gate
  from $W/$C/1
EOF
}

k_smoke_helm_test() {
  local C=smoke-tests-helm-test-connection-pod-failed
  proj ledger/k8s-ledger-api
  helm_reset
  helm_out 1 <<'EOF'
1
#sleep 3
NAME: ledger-api
LAST DEPLOYED: Wed Dec  2 15:58:12 2026
NAMESPACE: ledger
STATUS: deployed
REVISION: 58
TEST SUITE:     ledger-api-test-connection
Last Started:   Wed Dec  2 16:01:40 2026
Last Completed: Wed Dec  2 16:01:47 2026
Phase:          Failed

POD LOGS: ledger-api-test-connection
Connecting to ledger-api:8080 (10.0.148.21:8080)
wget: server returned error: HTTP/1.1 503 Service Unavailable
#err Error: pod ledger-api-test-connection failed
EOF
  cap $C 1 <<'EOF'
helm test ledger-api -n ledger --logs --timeout 2m
EOF
  spec $C $GROUP <<EOF
name $C
job post-deploy-tests
repo ledger/k8s-ledger-api
runner u24new
primary smoke-tests
categories smoke-tests
tool helm v3.14 (lines from source); busybox wget in the chart's test pod
field exit_code $(rc $C 1)
field namespace ledger
field http_status 503
evidence Phase:          Failed
evidence wget: server returned error: HTTP/1.1 503 Service Unavailable
evidence Error: pod ledger-api-test-connection failed
notes helm test runs the chart's test hook pod (the default chart's busybox "wget ledger-api:8080"); the service answers 503. cmd/helm/release_testing.go prints the status (TEST SUITE block from cmd/helm/status.go) and, with --logs, "POD LOGS: <pod>" before returning the hook error ("pod %s failed", pkg/kube/client.go waitForPodSuccess). The wget line is busybox's wording. ${NOTE_HELM}
step Helm test
  from $W/$C/1
EOF
}


k_pnr_failedmount() {
  local C=pods-not-ready-rollout-status-failedmount-secret-missing PORT=18229 KCF; KCF=$(KC)
  proj hr/k8s-timesheets
  stub_start $C $PORT <<EOF
{"version":"v1.32.2","tokens":{"ts-deploy":"system:serviceaccount:hr:deployer"},"namespaces":["hr"],
 "deployments":[{"ns":"hr","name":"timesheets","replicas":2,"image":"ghcr.io/k8s-hr/timesheets:1.9.0","old_image":"ghcr.io/k8s-hr/timesheets:1.8.4",
  "timeline":[[0,1,0,2,3]],
  "pods":[{"state":"creating","age_s":140,
           "extra_events":[["Warning","FailedMount","kubelet","MountVolume.SetUp failed for volume \"tls-certs\" : secret \"timesheets-tls\" not found",9,138,10]]},
          {"state":"running","new":false,"age_s":800000},{"state":"running","new":false,"age_s":799000}]}]}
EOF
  kubeconfig "$KCF" $PORT ts-deploy hr "" hr-cluster
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
kubectl rollout status deployment timesheets -n hr --timeout 40s
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl get pods -n hr -l app=timesheets
kubectl get events -n hr --field-selector type=Warning
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job deploy
repo hr/k8s-timesheets
runner u24
primary pods-not-ready
categories pods-not-ready
tool kubectl $(KVER) (dispatcher, server v1.32.2 stub)
field exit_code $(rc $C 1)
field namespace hr
field deployment timesheets
field timeout_seconds 40
evidence error: timed out waiting for the condition
evidence MountVolume.SetUp failed for volume "tls-certs" : secret "timesheets-tls" not found
notes The new pod stays in ContainerCreating: the kubelet cannot mount a volume from a Secret that does not exist (FailedMount). Added after rules/k8s.json was written (held out). ${NOTE_K}
step Wait for rollout
  from $W/$C/1
  ends_at 40
step Warning events
  cond failure
  from $W/$C/2
EOF
}

# ================================================================ more rollouts
NOTE_ARGO="The Argo Rollouts kubectl plugin is not packaged here: its lines are written as argoproj/argo-rollouts formats them (pkg/kubectl-argo-rollouts/cmd/status/status.go: watch prints \"<Status> - <message>\" on each change, then returns \"The rollout is in a degraded state with message: %s\" or \"Rollout status watch exceeded timeout\"; cobra prints \"Error: \"; status messages from pkg/kubectl-argo-rollouts/info). kubectl's plugin dispatch (kubectl argo rollouts -> kubectl-argo-rollouts on PATH) is real."
k_argo_degraded() {
  local C=pods-not-ready-argo-rollouts-status-degraded-progress-deadline
  proj shop/k8s-orders
  argo_reset
  argo_out 1 <<'EOF'
0
rollout "orders" image updated
EOF
  argo_out 2 <<'EOF'
1
Progressing - more replicas need to be updated
#sleep 1
Progressing - updated replicas are still becoming available
#sleep 1
Degraded - ProgressDeadlineExceeded: ReplicaSet "orders-6f9d8b7c5d" has timed out progressing.
#err Error: The rollout is in a degraded state with message: ProgressDeadlineExceeded: ReplicaSet "orders-6f9d8b7c5d" has timed out progressing.
EOF
  cap $C 1 bash <<'EOF'
kubectl argo rollouts set image orders orders=ghcr.io/k8s-shop/orders:5.8.0 -n shop
kubectl argo rollouts status orders -n shop --timeout 10m
EOF
  spec $C $GROUP <<EOF
name $C
job canary
repo shop/k8s-orders
runner u24
primary pods-not-ready
categories pods-not-ready
tool kubectl-argo-rollouts (lines from source), kubectl $(KVER) plugin dispatch
field exit_code $(rc $C 1)
field namespace shop
field timeout_seconds 600
evidence Error: The rollout is in a degraded state with message: ProgressDeadlineExceeded
notes Argo Rollouts canary: set image (cmd/set/set_image.go prints 'rollout "%s" image updated'), then the new ReplicaSet never becomes available and the Rollout's progressDeadlineSeconds expires. ${NOTE_ARGO} Generator: tests/corpus/gen/cases_k8s.sh.
step Canary status
  from $W/$C/1
  duration 3
EOF
}

k_argo_watch_timeout() {
  local C=pods-not-ready-argo-rollouts-status-watch-timeout
  proj media/k8s-thumbnailer
  argo_reset
  argo_out 1 <<'EOF'
1
Progressing - more replicas need to be updated
#sleep 2
#err Error: Rollout status watch exceeded timeout
EOF
  cap $C 1 <<'EOF'
kubectl argo rollouts status thumbnailer --namespace media --timeout 120s --watch
EOF
  spec $C $GROUP <<EOF
name $C
job deploy
repo media/k8s-thumbnailer
runner u22
primary pods-not-ready
categories pods-not-ready
tool kubectl-argo-rollouts (lines from source), kubectl $(KVER) plugin dispatch
field exit_code $(rc $C 1)
field namespace media
field timeout_seconds 120
evidence Error: Rollout status watch exceeded timeout
notes The Rollout is still Progressing when the plugin's own --timeout ends the watch. ${NOTE_ARGO} Generator: tests/corpus/gen/cases_k8s.sh.
step Wait for rollout
  from $W/$C/1
  ends_at 120
EOF
}

k_helm_first_install_uninstalled() {
  local C=pods-not-ready-helm-first-install-atomic-uninstalled PORT=18228 KCF; KCF=$(KC)
  proj crm/k8s-crm-search
  helm_reset
  helm_out 1 <<'EOF'
1
Release "crm-search" does not exist. Installing it now.
#sleep 2
#err Error: release crm-search failed, and has been uninstalled due to atomic being set: context deadline exceeded
EOF
  stub_start $C $PORT <<EOF
{"version":"v1.31.4","tokens":{"cs-ci":"system:serviceaccount:crm:ci"},"namespaces":["crm"],
 "deployments":[{"ns":"crm","name":"crm-search","replicas":1,"image":"harbor.k8s-crm.net/crm/search:0.1.0","probe":"/_health","port":9200,"no_old_rs":true,
  "timeline":[[0,1,0,0,1]],
  "pods":[{"state":"notready","age_s":300,"probe_message":"Readiness probe failed: Get \"http://10.42.0.57:9200/_health\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"}]}]}
EOF
  kubeconfig "$KCF" $PORT cs-ci crm "" onprem-crm
  cap $C 1 KUBECONFIG="$KCF" <<'EOF'
helm upgrade --install crm-search ./charts/search --namespace crm --atomic --timeout 5m
EOF
  cap $C 2 KUBECONFIG="$KCF" <<'EOF'
kubectl get events -n crm --field-selector type=Warning
EOF
  stub_stop
  spec $C $GROUP <<EOF
name $C
job install-search
repo crm/k8s-crm-search
runner self
runner_name crm-builder-1
primary pods-not-ready
categories pods-not-ready
tool helm v3.14 (lines from source); kubectl $(KVER) (dispatcher, server v1.31.4 stub)
field exit_code $(rc $C 1)
field namespace crm
field timeout_seconds 300
evidence Error: release crm-search failed, and has been uninstalled due to atomic being set: context deadline exceeded
evidence Readiness probe failed
notes First install with upgrade --install --atomic: cmd/helm/upgrade.go prints "Release %q does not exist. Installing it now." and runs the install action, whose failRelease (pkg/action/install.go) uninstalls the release and wraps the wait error ("release %s failed, and has been uninstalled due to atomic being set"); the upgrade command returns it unwrapped. The readiness probe never passes (events remain after the uninstall in the stub). ${NOTE_HELM} ${NOTE_K}
step Helm install
  from $W/$C/1
  ends_at 300
step Warning events
  cond failure
  from $W/$C/2
EOF
}

k_none_helm_rollback_ok() {
  local C=none-helm-rollback-success-after-manual-trigger
  proj docs/k8s-docs-site
  helm_reset
  helm_out 1 <<'EOF'
0
REVISION	UPDATED                 	STATUS    	CHART          	APP VERSION	DESCRIPTION
7       	Mon Nov 30 09:12:44 2026	superseded	docs-site-0.4.0	2.3.0      	Upgrade complete
8       	Wed Dec  2 14:58:03 2026	deployed  	docs-site-0.4.1	2.3.1      	Upgrade complete
EOF
  helm_out 2 <<'EOF'
0
#sleep 2
Rollback was a success! Happy Helming!
EOF
  cap $C 1 <<'EOF'
helm history docs-site -n docs --max 2
helm rollback docs-site 7 -n docs --wait --timeout 5m
EOF
  spec $C $GROUP <<EOF
name $C
job rollback
repo docs/k8s-docs-site
runner u24
primary none
categories none
tool helm v3.14 (lines from source)
notes Green: a manual helm rollback that works (cmd/helm/rollback.go prints "Rollback was a success! Happy Helming!"). ${NOTE_HELM}
step Helm rollback
  from $W/$C/1
EOF
}

k_mon_prometheus_unknown_flag() {
  local C=monitoring-prometheus-start-unknown-flag
  proj obs/metrics-stack
  cat > prometheus.yml <<'EOF'
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:18295']
EOF
  cap $C 1 <<EOF
prometheus --config.file=prometheus.yml --storage.tsdb.path=$W/$C/data --storage.local.retention=360h --web.listen-address=127.0.0.1:18295
EOF
  spec $C $GROUP <<EOF
name $C
job smoke-prometheus
repo obs/metrics-stack
runner u24
primary monitoring
categories monitoring
tool prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}')
field exit_code $(rc $C 1)
evidence prometheus: error: unknown long flag
notes The job starts Prometheus with the repository's configuration and the flags of the old deployment: Prometheus 1's --storage.local.retention no longer exists, so kingpin refuses the command line and Prometheus exits 1 before it reads the configuration (its own output, real). ${NOTE_PROM}
step Start Prometheus with the new config
  from $W/$C/1
EOF
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases k_ "$@"
fi
