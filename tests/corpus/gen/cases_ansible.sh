#!/bin/bash
# Ansible post-deploy check cases for tests/corpus/ctr/ from REAL tool runs (Debian 12's
# ansible-core 2.14, its uri and wait_for modules against ctr_stub_app.py on 127.0.0.1).
#
#   bash tests/corpus/gen/cases_ansible.sh                   # all Ansible cases
#   bash tests/corpus/gen/cases_ansible.sh an_uri_503        # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-ansible) and repositories named an-* under /home/runner/work.  Needs:
# ansible-core (Debian package); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-ansible
G=ctr
mkdir -p "$W"
ANSV="ansible-core $(ansible-playbook --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')"
NOTE_AN="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO against a small real HTTP service on 127.0.0.1 (tests/corpus/gen/ctr_stub_app.py), step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_ansible.sh + wrap_gha.py."
APP=18390   # ctr_stub_app.py for these cases
hdr() { spec_head "$NOTE_AN" "$@"; }

app_up() {
  /usr/bin/python3 "$HERE/ctr_stub_app.py" $APP > "$W/app.log" 2>&1 &
  echo $! > "$W/app.pid"
  sleep 0.5
}
app_down() { kill "$(cat "$W/app.pid")" 2>/dev/null; rm -f "$W/app.pid"; }

# an inventory with the one host the deploy went to (run locally, as a smoke job on the runner does)
an_proj() {
  mkdir -p deploy
  cat > deploy/inventory.ini <<'EOF'
[web]
localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3
EOF
}

# verify.yml: the liveness check, then a second uri check (TASK NAME, PATH, expected STATUS)
uri_playbook() {
  cat > deploy/verify.yml <<EOF
- name: Verify the deployment
  hosts: web
  gather_facts: false
  tasks:
    - name: Liveness answers
      ansible.builtin.uri:
        url: http://127.0.0.1:$APP/healthz
        status_code: 200
    - name: $1
      ansible.builtin.uri:
        url: http://127.0.0.1:$APP$2
        status_code: $3
EOF
}

# run_verify CASE: the playbook against the stub app, as the step runs it
run_verify() {
  app_up
  cap "$1" 1 <<'S'
ansible-playbook -i deploy/inventory.ini deploy/verify.yml
S
  app_down
}

an_uri_503() {
  local C=smoke-tests-ansible-uri-readyz-503
  proj orbitwave/an-storefront
  an_proj
  uri_playbook "Readiness answers" /readyz 200
  run_verify $C
  spec $C $G <<E
$(hdr $C verify u22 smoke-tests smoke-tests "$ANSV" "The post-deploy playbook's uri check of /readyz gets 503 from the freshly deployed service; Ansible prints the task's failed result as JSON and the play recap.")
field exit_code $(rc $C 1)
field http_status 503
evidence Status code was 503
step Verify deployment
  from $W/$C/1
E
}

an_wait_for_port() {
  local C=smoke-tests-ansible-wait-for-port-timeout
  proj orbitwave/an-billing
  an_proj
  cat > deploy/verify.yml <<EOF
- name: Wait for the service
  hosts: web
  gather_facts: false
  tasks:
    - name: Wait for the billing API port
      ansible.builtin.wait_for:
        host: 127.0.0.1
        port: $((APP + 1))
        timeout: 3
EOF
  cap $C 1 <<'S'
ansible-playbook -i deploy/inventory.ini deploy/verify.yml
S
  spec $C $G <<E
$(hdr $C verify u22 smoke-tests smoke-tests "$ANSV" "The deployed API never opens its port: wait_for times out after 3 seconds and the play fails.")
field exit_code $(rc $C 1)
evidence Timeout when waiting for
step Verify deployment
  from $W/$C/1
E
}

an_n_uri_ok() {
  local C=none-ansible-uri-checks-pass
  proj orbitwave/an-catalog
  an_proj
  uri_playbook "Unknown routes answer 404" /no-such-page 404
  run_verify $C
  spec $C $G <<E
$(hdr $C verify u22 none none "$ANSV" "Both uri checks pass (one expects the 404 it gets); the play recap says failed=0.")
step Verify deployment
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases an_ "$@"
fi
