#!/usr/bin/python3
"""A small HTTPS kube-apiserver STUB for capturing REAL kubectl output (corpus generator only).

Usage: k8s_apiserver_stub.py WORLD.json PORT CERT KEY

It answers the requests kubectl (and client-go) makes for: discovery (/version, /api, /apis,
group versions, /openapi/v3), get/list/watch of namespaces, deployments, replicasets, pods,
events; pod logs; PATCH/POST of deployments (set image, apply, rollout undo/restart);
selfsubjectaccessreviews (auth can-i); bearer-token authentication (401) and a small RBAC
deny list (403).  Objects are real Kubernetes JSON shapes; the texts inside them (event
messages, container state reasons, Status messages) are authored after what the real
apiserver, kubelet and scheduler print.  Everything kubectl prints is kubectl's own.

WORLD.json (see cases_k8s.sh for examples):
  version     "v1.31.4"
  tokens      {"token": "user name"}          (missing/unknown token -> 401)
  deny        [["user", "verb", "resource", "namespace"]]  (-> 403 Forbidden Status)
  namespaces  ["prod", ...]
  deployments [{ns, name, replicas, image, old_image, revision, history:[images of older revisions],
                port, probe:"/healthz", cpu, memory, deadline:600, node_prefix,
                timeline:[[seconds, updated, ready_new, available, total]], stuck_deadline_at: s,
                pods:[{state, restarts, age_s, log, prev_log, reason...}] }]
The rollout clock starts at the first PATCH/POST of the deployment or, without one, at stub start.
"""
import copy
import hashlib
import json
import random
import re
import ssl
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORLD = json.load(open(sys.argv[1], encoding="utf-8"))
PORT = int(sys.argv[2])
START = time.time()
LOCK = threading.Lock()
RNG = random.Random(WORLD.get("seed", sys.argv[1]))
ALNUM = "bcdfghjklmnpqrstvwxz2456789"


def now():
    return datetime.now(timezone.utc).replace(microsecond=0)


def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def ago(seconds):
    return ts(now() - timedelta(seconds=seconds))


def suffix(n):
    return "".join(RNG.choice(ALNUM) for _ in range(n))


def uid():
    return "%08x-%04x-%04x-%04x-%012x" % (RNG.getrandbits(32), RNG.getrandbits(16), RNG.getrandbits(16),
                                          RNG.getrandbits(16), RNG.getrandbits(48))


def human_duration(d):
    """k8s.io/apimachinery/pkg/util/duration.HumanDuration"""
    s = int(d)
    if s < 0:
        return "<invalid>"
    if s < 60 * 2:
        return "%ds" % s
    m = s // 60
    if m < 10:
        r = s % 60
        return "%dm" % m if r == 0 else "%dm%ds" % (m, r)
    if m < 60 * 3:
        return "%dm" % m
    h = s // 3600
    if h < 8:
        r = m % 60
        return "%dh" % h if r == 0 else "%dh%dm" % (h, r)
    if h < 48:
        return "%dh" % h
    if h < 24 * 8:
        r = h % 24
        return "%dd" % (h // 24) if r == 0 else "%dd%dh" % (h // 24, r)
    if h < 24 * 365 * 2:
        return "%dd" % (h // 24)
    return "%dy" % (h // 24 // 365)


def status(code, reason, message, details=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}
    if details:
        body["details"] = details
    return body


RV = [1000]


def next_rv():
    RV[0] += 1
    return str(RV[0])


# ---------------------------------------------------------------- world model
class Deploy:
    def __init__(self, d):
        self.d = d
        self.ns, self.name = d["ns"], d["name"]
        self.replicas = d.get("replicas", 3)
        self.uid = uid()
        self.created = now() - timedelta(days=d.get("age_days", 41), hours=3)
        self.t0 = None
        self.generation = d.get("generation", 7)
        self.image = d["image"]
        images = list(d.get("history", [])) + ([d["old_image"]] if d.get("old_image") else [])
        rev = d.get("revision", len(images) + 1)
        # replicasets: one per image revision (oldest first), then the new one
        self.rs = []
        first_rev = rev - len(images)
        for i, img in enumerate(images):
            self.rs.append(self._rs(img, first_rev + i, old=True))
        self.rs.append(self._rs(self.image, rev, old=False))
        if d.get("no_old_rs"):
            self.rs = [self.rs[-1]]
        self.pods = []
        for p in d.get("pods", []):
            self.pods.append(self._pod(p))

    def _rs(self, image, revision, old):
        h = hashlib.sha1(("%s/%s" % (self.name, image)).encode()).hexdigest()
        tmpl = "".join(ALNUM[int(h[i:i + 2], 16) % len(ALNUM)] for i in range(0, 20, 2))[:RNG.choice([9, 10])]
        return {"image": image, "revision": revision, "hash": tmpl, "old": old, "uid": uid(),
                "created": now() - timedelta(days=self.d.get("age_days", 41)) + timedelta(days=revision)
                if old else now() - timedelta(seconds=self.d.get("new_age_s", 30))}

    def new_rs(self):
        return self.rs[-1]

    def _pod(self, p):
        rs = self.rs[-1] if p.get("new", True) else (self.rs[-2] if len(self.rs) > 1 else self.rs[-1])
        name = p.get("name") or "%s-%s-%s" % (self.name, rs["hash"], suffix(5))
        return dict(p, name=name, rs=rs, uid=uid(), ip=p.get("ip", "10.%d.%d.%d" % (
            RNG.randint(8, 60), RNG.randint(0, 7), RNG.randint(2, 250))),
            node=p.get("node", "%s-%s" % (self.d.get("node_prefix", "aks-system-31415926-vmss"),
                                          "%06d" % RNG.randint(0, 5))),
            created=now() - timedelta(seconds=p.get("age_s", 240)))

    # rollout state as a function of time
    def state(self):
        t = time.time() - (self.t0 if self.t0 else START)
        tl = self.d.get("timeline") or [[0, self.replicas, self.replicas, self.replicas, self.replicas]]
        cur = tl[0]
        idx = 0
        for i, row in enumerate(tl):
            if t >= row[0]:
                cur, idx = row, i
        dl = self.d.get("stuck_deadline_at")
        timed_out = dl is not None and t >= dl
        return idx + (100 if timed_out else 0), cur, timed_out

    def obj(self):
        _, cur, timed_out = self.state()
        _, updated, ready_new, available, total = cur
        spec_t = self.template(self.new_rs())
        st = {"observedGeneration": self.generation, "replicas": total, "updatedReplicas": updated,
              "readyReplicas": available, "availableReplicas": available}
        if total - available > 0:
            st["unavailableReplicas"] = total - available
        rs = self.new_rs()
        t_upd = ts(now() - timedelta(seconds=5))
        conds = []
        if available >= self.replicas - max(0, self.replicas // 4):
            conds.append({"type": "Available", "status": "True", "lastUpdateTime": ts(self.created),
                          "lastTransitionTime": ts(self.created), "reason": "MinimumReplicasAvailable",
                          "message": "Deployment has minimum availability."})
        else:
            conds.append({"type": "Available", "status": "False", "lastUpdateTime": t_upd,
                          "lastTransitionTime": t_upd, "reason": "MinimumReplicasUnavailable",
                          "message": "Deployment does not have minimum availability."})
        done = updated == self.replicas and available == self.replicas and total == self.replicas
        if timed_out:
            conds.append({"type": "Progressing", "status": "False", "lastUpdateTime": t_upd,
                          "lastTransitionTime": t_upd, "reason": "ProgressDeadlineExceeded",
                          "message": 'ReplicaSet "%s-%s" has timed out progressing.' % (self.name, rs["hash"])})
        elif done:
            conds.append({"type": "Progressing", "status": "True", "lastUpdateTime": t_upd,
                          "lastTransitionTime": ts(self.created), "reason": "NewReplicaSetAvailable",
                          "message": 'ReplicaSet "%s-%s" has successfully progressed.' % (self.name, rs["hash"])})
        else:
            conds.append({"type": "Progressing", "status": "True", "lastUpdateTime": t_upd,
                          "lastTransitionTime": ts(self.created), "reason": "ReplicaSetUpdated",
                          "message": 'ReplicaSet "%s-%s" is progressing.' % (self.name, rs["hash"])})
        st["conditions"] = conds
        return {"kind": "Deployment", "apiVersion": "apps/v1",
                "metadata": {"name": self.name, "namespace": self.ns, "uid": self.uid,
                             "resourceVersion": str(RV[0]), "generation": self.generation,
                             "creationTimestamp": ts(self.created),
                             "labels": {"app": self.name},
                             "annotations": self.annotations(rs)},
                "spec": {"replicas": self.replicas, "selector": {"matchLabels": {"app": self.name}},
                         "template": spec_t,
                         "strategy": {"type": "RollingUpdate",
                                      "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
                         "revisionHistoryLimit": 10,
                         "progressDeadlineSeconds": self.d.get("deadline", 600)},
                "status": st}

    def annotations(self, rs):
        ann = {"deployment.kubernetes.io/revision": str(rs["revision"])}
        if self.d.get("last_applied", True):
            # deployments managed with kubectl apply carry the last applied configuration
            ann["kubectl.kubernetes.io/last-applied-configuration"] = json.dumps({
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"annotations": {}, "name": self.name, "namespace": self.ns},
                "spec": {"replicas": self.replicas, "selector": {"matchLabels": {"app": self.name}},
                         "template": {"metadata": {"labels": {"app": self.name}},
                                      "spec": {"containers": [{"name": self.d.get("container", self.name),
                                                               "image": self.rs[-2]["image"] if len(self.rs) > 1
                                                               else rs["image"]}]}}}},
                separators=(",", ":")) + "\n"
        return ann

    def container(self, image):
        d = self.d
        c = {"name": d.get("container", self.name), "image": image,
             "ports": [{"containerPort": d.get("port", 8080), "protocol": "TCP"}],
             "resources": {}, "terminationMessagePath": "/dev/termination-log",
             "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}
        if d.get("cpu") or d.get("memory"):
            c["resources"] = {"limits": {}, "requests": {}}
            if d.get("cpu"):
                c["resources"]["requests"]["cpu"] = d["cpu"]
                c["resources"]["limits"]["cpu"] = d.get("cpu_limit", d["cpu"])
            if d.get("memory"):
                c["resources"]["requests"]["memory"] = d["memory"]
                c["resources"]["limits"]["memory"] = d.get("memory_limit", d["memory"])
        if d.get("probe"):
            c["readinessProbe"] = {"httpGet": {"path": d["probe"], "port": d.get("port", 8080),
                                               "scheme": "HTTP"},
                                   "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
                                   "failureThreshold": 3}
        if d.get("liveness"):
            c["livenessProbe"] = {"httpGet": {"path": d["liveness"], "port": d.get("port", 8080),
                                              "scheme": "HTTP"}, "initialDelaySeconds": 10,
                                  "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
                                  "failureThreshold": 3}
        if d.get("env_from_secret"):
            c["envFrom"] = [{"secretRef": {"name": d["env_from_secret"]}}]
        return c

    def template(self, rs):
        return {"metadata": {"labels": {"app": self.name, "pod-template-hash": rs["hash"]}},
                "spec": {"containers": [self.container(rs["image"])], "restartPolicy": "Always",
                         "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                         "serviceAccountName": self.d.get("sa", "default"),
                         "securityContext": {}, "schedulerName": "default-scheduler"}}

    def rs_obj(self, rs):
        _, cur, _ = self.state()
        _, updated, ready_new, available, total = cur
        if not rs["old"]:
            desired, current, ready = updated, updated, ready_new
        elif rs is self.rs[-2] if len(self.rs) > 1 else False:
            old = total - updated
            desired, current, ready = old, old, max(0, available - ready_new)
        else:
            desired = current = ready = 0
        tmpl = self.template(rs)
        tmpl["metadata"]["labels"]["pod-template-hash"] = rs["hash"]
        return {"kind": "ReplicaSet", "apiVersion": "apps/v1",
                "metadata": {"name": "%s-%s" % (self.name, rs["hash"]), "namespace": self.ns, "uid": rs["uid"],
                             "resourceVersion": str(RV[0]), "generation": 1,
                             "creationTimestamp": ts(rs["created"]),
                             "labels": {"app": self.name, "pod-template-hash": rs["hash"]},
                             "annotations": {"deployment.kubernetes.io/desired-replicas": str(self.replicas),
                                             "deployment.kubernetes.io/max-replicas": str(self.replicas + 1),
                                             "deployment.kubernetes.io/revision": str(rs["revision"])},
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": self.name,
                                                  "uid": self.uid, "controller": True,
                                                  "blockOwnerDeletion": True}]},
                "spec": {"replicas": desired, "selector": {"matchLabels": {"app": self.name,
                                                                          "pod-template-hash": rs["hash"]}},
                         "template": tmpl},
                "status": {"replicas": current, "fullyLabeledReplicas": current, "readyReplicas": ready,
                           "availableReplicas": ready, "observedGeneration": 1}}

    # ------------------------------------------------------------ pods
    def pod_obj(self, p):
        rs = p["rs"]
        c = self.container(rs["image"])
        created = p["created"]
        state = p.get("state", "running")
        cname = c["name"]
        cs = {"name": cname, "image": rs["image"], "imageID": "", "containerID": "",
              "started": False, "ready": False, "restartCount": p.get("restarts", 0)}
        phase = "Running"
        cond_ready = "False"
        pod_scheduled = True
        started_at = created + timedelta(seconds=4)
        if state == "running":
            cs.update(ready=True, started=True, state={"running": {"startedAt": ts(started_at)}})
            cond_ready = "True"
        elif state == "notready":
            cs.update(started=True, state={"running": {"startedAt": ts(started_at)}})
        elif state in ("crashloop", "oom", "error"):
            reason = {"crashloop": "Error", "oom": "OOMKilled", "error": "Error"}[state]
            code = p.get("exit_code", 137 if state == "oom" else 1)
            fin = now() - timedelta(seconds=p.get("last_exit_s", 64))
            cs["lastState"] = {"terminated": {"exitCode": code, "reason": reason,
                                              "startedAt": ts(fin - timedelta(seconds=p.get("ran_s", 3))),
                                              "finishedAt": ts(fin),
                                              "containerID": "containerd://" + hashlib.sha256(
                                                  p["name"].encode()).hexdigest()}}
            cs["state"] = {"waiting": {"reason": "CrashLoopBackOff",
                                       "message": "back-off %s restarting failed container=%s pod=%s_%s(%s)" % (
                                           p.get("backoff", "5m0s"), cname, p["name"], self.ns, p["uid"])}}
        elif state in ("imagepull", "errimagepull"):
            phase = "Pending"
            msg = p.get("pull_message", 'Back-off pulling image "%s"' % rs["image"])
            cs["state"] = {"waiting": {"reason": "ImagePullBackOff" if state == "imagepull" else "ErrImagePull",
                                       "message": msg}}
        elif state == "creating":
            phase = "Pending"
            cs["state"] = {"waiting": {"reason": "ContainerCreating"}}
        elif state == "configerror":
            phase = "Pending"
            cs["state"] = {"waiting": {"reason": "CreateContainerConfigError",
                                       "message": p.get("config_message", 'secret "%s" not found' % (
                                           self.d.get("env_from_secret", "app-env")))}}
        elif state == "unschedulable":
            phase = "Pending"
            pod_scheduled = False
            cs = None
        if cs and cs.get("started") is not None and state not in ("running", "notready"):
            cs["started"] = False
        if cs and state not in ("unschedulable", "imagepull", "errimagepull", "configerror", "creating"):
            cs["imageID"] = "%s@sha256:%s" % (rs["image"].rsplit(":", 1)[0],
                                             hashlib.sha256(rs["image"].encode()).hexdigest())
            cs["containerID"] = "containerd://" + hashlib.sha256((p["name"] + "c").encode()).hexdigest()
        conds = []
        if pod_scheduled:
            t = ts(created + timedelta(seconds=1))
            conds = [{"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": None,
                      "lastTransitionTime": t},
                     {"type": "Initialized", "status": "True", "lastProbeTime": None, "lastTransitionTime": t},
                     {"type": "Ready", "status": cond_ready, "lastProbeTime": None, "lastTransitionTime": t},
                     {"type": "ContainersReady", "status": cond_ready, "lastProbeTime": None,
                      "lastTransitionTime": t},
                     {"type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": ts(created)}]
            if cond_ready == "False":
                for c2 in conds:
                    if c2["type"] in ("Ready", "ContainersReady"):
                        c2["reason"] = "ContainersNotReady"
                        c2["message"] = "containers with unready status: [%s]" % cname
        else:
            conds = [{"type": "PodScheduled", "status": "False", "lastProbeTime": None,
                      "lastTransitionTime": ts(created), "reason": "Unschedulable",
                      "message": p.get("sched_message", "0/3 nodes are available: 3 Insufficient cpu. "
                                       "preemption: 0/3 nodes are available: 3 No preemption victims found "
                                       "for incoming pod.")}]
        status_ = {"phase": phase, "conditions": conds, "qosClass": self.qos(c)}
        if pod_scheduled:
            status_.update(hostIP="10.224.0.%d" % RNG.randint(4, 60), podIP=p["ip"], podIPs=[{"ip": p["ip"]}],
                           startTime=ts(created))
            status_["hostIPs"] = [{"ip": status_["hostIP"]}]
        if cs:
            status_["containerStatuses"] = [cs]
        spec = {"containers": [c], "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                "dnsPolicy": "ClusterFirst", "serviceAccountName": self.d.get("sa", "default"),
                "serviceAccount": self.d.get("sa", "default"), "securityContext": {},
                "schedulerName": "default-scheduler", "priority": 0, "enableServiceLinks": True,
                "preemptionPolicy": "PreemptLowerPriority",
                "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists",
                                 "effect": "NoExecute", "tolerationSeconds": 300},
                                {"key": "node.kubernetes.io/unreachable", "operator": "Exists",
                                 "effect": "NoExecute", "tolerationSeconds": 300}],
                "volumes": [{"name": "kube-api-access-%s" % p["name"][-5:],
                             "projected": {"sources": [
                                 {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                                 {"configMap": {"name": "kube-root-ca.crt",
                                                "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                                 {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {
                                     "apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}],
                                 "defaultMode": 420}}]}
        c["volumeMounts"] = [{"name": "kube-api-access-%s" % p["name"][-5:], "readOnly": True,
                              "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]
        if pod_scheduled:
            spec["nodeName"] = p["node"]
        return {"kind": "Pod", "apiVersion": "v1",
                "metadata": {"name": p["name"], "generateName": "%s-%s-" % (self.name, rs["hash"]),
                             "namespace": self.ns, "uid": p["uid"], "resourceVersion": str(RV[0]),
                             "creationTimestamp": ts(created),
                             "labels": {"app": self.name, "pod-template-hash": rs["hash"]},
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                                  "name": "%s-%s" % (self.name, rs["hash"]), "uid": rs["uid"],
                                                  "controller": True, "blockOwnerDeletion": True}]},
                "spec": spec, "status": status_}

    @staticmethod
    def qos(c):
        r = c.get("resources") or {}
        if not r:
            return "BestEffort"
        if r.get("limits") == r.get("requests"):
            return "Guaranteed"
        return "Burstable"

    def events_for(self, p):
        """kubelet / scheduler events for one pod: [type, reason, source, message, count, first_s, last_s]"""
        rs = p["rs"]
        img = rs["image"]
        cname = self.d.get("container", self.name)
        age = p.get("age_s", 240)
        node = p["node"]
        ev = []
        state = p.get("state", "running")
        if state == "unschedulable":
            ev.append(["Warning", "FailedScheduling", "default-scheduler",
                       p.get("sched_message", "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes "
                             "are available: 3 No preemption victims found for incoming pod."),
                       p.get("sched_count", 3), age, 20])
            return ev
        ev.append(["Normal", "Scheduled", "default-scheduler",
                   "Successfully assigned %s/%s to %s" % (self.ns, p["name"], node), 1, age, age])
        if state in ("imagepull", "errimagepull"):
            n = p.get("restarts", 0) or 4
            ev.append(["Normal", "Pulling", "kubelet", 'Pulling image "%s"' % img, n, age - 1, 40])
            ev.append(["Warning", "Failed", "kubelet", p.get("pull_error", 'Failed to pull image "%s"' % img), n,
                       age - 2, 39])
            ev.append(["Warning", "Failed", "kubelet", "Error: ErrImagePull", n, age - 2, 39])
            ev.append(["Normal", "BackOff", "kubelet", 'Back-off pulling image "%s"' % img, n + 2, age - 3, 12])
            ev.append(["Warning", "Failed", "kubelet", "Error: ImagePullBackOff", n + 2, age - 3, 12])
            return ev
        if state == "creating":
            return ev + [list(e) for e in p.get("extra_events", [])]
        pulled = p.get("pulled_msg", 'Container image "%s" already present on machine' % img)
        n = p.get("restarts", 0) + 1
        if state == "configerror":
            ev.append(["Normal", "Pulled", "kubelet", pulled, n + 3, age - 1, 8])
            ev.append(["Warning", "Failed", "kubelet", "Error: %s" % p.get("config_message", 'secret "%s" not found' % (
                self.d.get("env_from_secret", "app-env"))), n + 3, age - 1, 8])
            return ev
        ev.append(["Normal", "Pulled", "kubelet", pulled, n, age - 1, 70 if n > 1 else age - 1])
        created_msg = p.get("created_msg", "Created container %s" % cname)
        ev.append(["Normal", "Created", "kubelet", created_msg, n, age - 1, 70 if n > 1 else age - 1])
        ev.append(["Normal", "Started", "kubelet", "Started container %s" % cname, n, age - 2,
                   69 if n > 1 else age - 2])
        if state in ("crashloop", "oom", "error"):
            ev.append(["Warning", "BackOff", "kubelet", "Back-off restarting failed container %s in pod %s_%s(%s)" % (
                cname, p["name"], self.ns, p["uid"]), p.get("backoff_count", n * 4 + 1), age - 8, 6])
        if state == "notready":
            ev.append(["Warning", "Unhealthy", "kubelet", p.get("probe_message",
                                                               "Readiness probe failed: HTTP probe failed with "
                                                               "statuscode: 503"),
                       p.get("probe_count", max(3, age // 10 - 1)), age - 12, 3])
        for extra in p.get("extra_events", []):
            ev.append(extra)
        return ev


DEPLOYS = [Deploy(d) for d in WORLD.get("deployments", [])]


def find_deploy(ns, name):
    for d in DEPLOYS:
        if d.ns == ns and d.name == name:
            return d
    return None


def all_pods(ns):
    out = []
    for d in DEPLOYS:
        if d.ns == ns or ns is None:
            for p in d.pods:
                out.append((d, p))
    return out


EVENT_CACHE = {}


def event_objs(ns, field_sel):
    items = []
    for d, p in all_pods(ns):
        key = p["name"]
        if key not in EVENT_CACHE:
            EVENT_CACHE[key] = [(e, uid(), suffix(16)) for e in d.events_for(p)]
        for (etype, reason, src, msg, count, first_s, last_s), euid, eh in EVENT_CACHE[key]:
            obj = {"kind": "Event", "apiVersion": "v1",
                   "metadata": {"name": "%s.%s" % (p["name"], eh[:16]), "namespace": d.ns, "uid": euid,
                                "resourceVersion": str(RV[0]), "creationTimestamp": ago(first_s)},
                   "involvedObject": {"kind": "Pod", "namespace": d.ns, "name": p["name"], "uid": p["uid"],
                                      "apiVersion": "v1", "resourceVersion": str(RV[0]),
                                      "fieldPath": "spec.containers{%s}" % d.d.get("container", d.name)
                                      if src == "kubelet" else ""},
                   "reason": reason, "message": msg,
                   "source": {"component": src} if src != "kubelet" else {"component": "kubelet",
                                                                           "host": p["node"]},
                   "firstTimestamp": ago(first_s), "lastTimestamp": ago(last_s), "count": count,
                   "type": etype, "eventTime": None, "reportingComponent": src, "reportingInstance": p["node"]
                   if src == "kubelet" else ""}
            if not obj["involvedObject"]["fieldPath"]:
                del obj["involvedObject"]["fieldPath"]
            if field_sel:
                want = dict(kv.split("=", 1) for kv in field_sel.split(",") if "=" in kv)
                io = obj["involvedObject"]
                if want.get("involvedObject.name") not in (None, io["name"]):
                    continue
                if want.get("involvedObject.uid") not in (None, io["uid"]):
                    continue
                if want.get("involvedObject.kind") not in (None, io["kind"]):
                    continue
                if want.get("type") not in (None, obj["type"]):
                    continue
            items.append(obj)
    return items


# ---------------------------------------------------------------- tables (server-side printing)
def col(name, typ="string", fmt="", prio=0, desc=""):
    return {"name": name, "type": typ, "format": fmt, "description": desc or name, "priority": prio}


def pod_row(d, p):
    o = d.pod_obj(p)
    cs = (o["status"].get("containerStatuses") or [])
    ready = sum(1 for c in cs if c.get("ready"))
    total = len(o["spec"]["containers"])
    reason = o["status"]["phase"]
    restarts = 0
    last_restart = None
    for c in reversed(cs):
        restarts += c.get("restartCount", 0)
        lt = (c.get("lastState") or {}).get("terminated")
        if lt and c.get("restartCount"):
            fin = datetime.strptime(lt["finishedAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
            last_restart = fin if last_restart is None or fin > last_restart else last_restart
        st = c.get("state") or {}
        if st.get("waiting", {}).get("reason"):
            reason = st["waiting"]["reason"]
        elif st.get("terminated", {}).get("reason"):
            reason = st["terminated"]["reason"]
    rstr = str(restarts)
    if last_restart is not None:
        rstr = "%d (%s ago)" % (restarts, human_duration((now() - last_restart).total_seconds()))
    age = human_duration((now() - p["created"]).total_seconds())
    scheduled = o["spec"].get("nodeName")
    cells = [p["name"], "%d/%d" % (ready, total), reason, rstr, age,
             p["ip"] if scheduled else "<none>", scheduled or "<none>", "<none>", "<none>"]
    return cells, o


def deploy_row(d):
    o = d.obj()
    st = o["status"]
    c = o["spec"]["template"]["spec"]["containers"][0]
    return [d.name, "%d/%d" % (st.get("readyReplicas", 0), d.replicas), st.get("updatedReplicas", 0),
            st.get("availableReplicas", 0), human_duration((now() - d.created).total_seconds()),
            c["name"], c["image"], "app=%s" % d.name], o


def rs_row(d, rs):
    o = d.rs_obj(rs)
    s = o["status"]
    c = o["spec"]["template"]["spec"]["containers"][0]
    return [o["metadata"]["name"], o["spec"]["replicas"], s["replicas"], s["readyReplicas"],
            human_duration((now() - rs["created"]).total_seconds()), c["name"], c["image"],
            "app=%s,pod-template-hash=%s" % (d.name, rs["hash"])], o


def table(cols, rows):
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": str(RV[0])},
            "columnDefinitions": cols,
            "rows": [{"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                                 "metadata": obj["metadata"]}} for cells, obj in rows]}


POD_COLS = [col("Name", fmt="name"), col("Ready"), col("Status"), col("Restarts"), col("Age"),
            col("IP", prio=1), col("Node", prio=1), col("Nominated Node", prio=1), col("Readiness Gates", prio=1)]
DEP_COLS = [col("Name", fmt="name"), col("Ready"), col("Up-to-date", "integer"), col("Available", "integer"),
            col("Age"), col("Containers", prio=1), col("Images", prio=1), col("Selector", prio=1)]
RS_COLS = [col("Name", fmt="name"), col("Desired", "integer"), col("Current", "integer"), col("Ready", "integer"),
           col("Age"), col("Containers", prio=1), col("Images", prio=1), col("Selector", prio=1)]
EV_COLS = [col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Subobject", prio=1),
           col("Source", prio=1), col("Message"), col("First Seen", prio=1), col("Count", prio=1),
           col("Name", prio=1)]
NS_COLS = [col("Name", fmt="name"), col("Status"), col("Age")]


# ---------------------------------------------------------------- discovery
def discovery(path):
    ver = WORLD.get("version", "v1.31.4")
    mm = re.match(r"v(\d+)\.(\d+)", ver)
    if path == "/version":
        return {"major": mm.group(1), "minor": mm.group(2), "gitVersion": ver,
                "gitCommit": hashlib.sha1(ver.encode()).hexdigest(), "gitTreeState": "clean",
                "buildDate": "2025-06-17T18:33:58Z", "goVersion": "go1.23.10", "compiler": "gc",
                "platform": "linux/amd64"}
    if path == "/api":
        return {"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "10.0.0.1:443"}]}
    if path == "/apis":
        gv = lambda g, v: {"name": g, "versions": [{"groupVersion": "%s/%s" % (g, v), "version": v}],
                           "preferredVersion": {"groupVersion": "%s/%s" % (g, v), "version": v}}
        return {"kind": "APIGroupList", "apiVersion": "v1",
                "groups": [gv("apps", "v1"), gv("events.k8s.io", "v1"), gv("authorization.k8s.io", "v1"),
                           gv("batch", "v1"), gv("networking.k8s.io", "v1")]}
    res = lambda name, kind, ns=True, verbs=None, short=None, sub=False: dict(
        {"name": name, "singularName": "" if sub else kind.lower(), "namespaced": ns, "kind": kind,
         "verbs": verbs or ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]},
        **({"shortNames": short} if short else {}))
    if path == "/api/v1":
        return {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
            res("namespaces", "Namespace", False, short=["ns"]), res("pods", "Pod", short=["po"]),
            res("pods/log", "Pod", verbs=["get"], sub=True), res("events", "Event", short=["ev"]),
            res("services", "Service", short=["svc"]), res("configmaps", "ConfigMap", short=["cm"]),
            res("secrets", "Secret"), res("serviceaccounts", "ServiceAccount", short=["sa"])]}
    if path == "/apis/apps/v1":
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1", "resources": [
            res("deployments", "Deployment", short=["deploy"]), res("replicasets", "ReplicaSet", short=["rs"]),
            res("deployments/scale", "Scale", verbs=["get", "patch", "update"], sub=True),
            res("deployments/status", "Deployment", verbs=["get", "patch", "update"], sub=True),
            res("statefulsets", "StatefulSet", short=["sts"]), res("daemonsets", "DaemonSet", short=["ds"])]}
    if path == "/apis/events.k8s.io/v1":
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "events.k8s.io/v1",
                "resources": [res("events", "Event", short=["ev"])]}
    if path == "/apis/authorization.k8s.io/v1":
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "authorization.k8s.io/v1",
                "resources": [res("selfsubjectaccessreviews", "SelfSubjectAccessReview", False, ["create"])]}
    if path in ("/apis/batch/v1", "/apis/networking.k8s.io/v1"):
        g = path.split("/")[2]
        kind = "Job" if g == "batch" else "Ingress"
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": g + "/v1",
                "resources": [res(kind.lower() + ("s" if kind == "Job" else "es"), kind)]}
    return None


def openapi_v3(path):
    if path == "/openapi/v3":
        return {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=4A1F"},
                          "apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=77C2"}}}
    m = re.match(r"/openapi/v3/(api/v1|apis/apps/v1)$", path)
    if not m:
        return None
    gv = m.group(1)
    group, version = ("", "v1") if gv == "api/v1" else ("apps", "v1")
    kinds = ["Pod", "Namespace", "Secret", "ConfigMap", "Service"] if gv == "api/v1" else ["Deployment", "ReplicaSet"]
    paths = {}
    for k in kinds:
        ext = {"x-kubernetes-group-version-kind": {"group": group, "version": version, "kind": k},
               "x-kubernetes-action": "patch"}
        paths["/%s/namespaces/{namespace}/%ss/{name}" % (gv, k.lower())] = {
            "patch": dict(ext, operationId="patch" + k,
                          requestBody={"content": {"application/json-patch+json": {"schema": {}},
                                                   "application/merge-patch+json": {"schema": {}},
                                                   "application/apply-patch+yaml": {"schema": {}}}},
                          parameters=[{"name": "dryRun", "in": "query", "schema": {"type": "string"}},
                                      {"name": "fieldManager", "in": "query", "schema": {"type": "string"}},
                                      {"name": "fieldValidation", "in": "query", "schema": {"type": "string"}},
                                      {"name": "force", "in": "query", "schema": {"type": "boolean"}}],
                          responses={"200": {"description": "OK"}})}
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": WORLD.get("version", "v1.31.4")},
            "paths": paths, "components": {"schemas": {}}}


# ---------------------------------------------------------------- HTTP handler
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        if WORLD.get("access_log"):
            sys.stderr.write("%s %s\n" % (self.command, self.path))

    def send_json(self, code, obj, ctype="application/json"):
        b = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(b)))
        self.send_header("Audit-Id", uid())
        self.end_headers()
        self.wfile.write(b)

    def user(self):
        auth = self.headers.get("Authorization", "")
        tok = auth[7:] if auth.startswith("Bearer ") else None
        if tok is None and self.headers.get("X-Remote-User"):
            return self.headers["X-Remote-User"]
        if tok is None:
            return "system:anonymous" if WORLD.get("anonymous") else None
        return WORLD.get("tokens", {}).get(tok)

    def denied(self, user, verb, resource, ns):
        for u, v, r, n in WORLD.get("deny", []):
            if u in (user, "*") and v in (verb, "*") and r in (resource, "*") and n in (ns, "*", None):
                return True
        return False

    def forbid(self, user, verb, resource, group, ns, name=None):
        gr = resource + ("." + group if group else "")
        who = 'User "%s"' % user
        where = ' in the namespace "%s"' % ns if ns else " at the cluster scope"
        sub = resource.split("/")
        res_txt = 'resource "%s"' % sub[0] + (' subresource "%s"' % sub[1] if len(sub) > 1 else "")
        msg = '%s%s is forbidden: %s cannot %s %s in API group "%s"%s' % (
            gr.split("/")[0], ' "%s"' % name if name else "", who, verb, res_txt, group, where)
        self.send_json(403, status(403, "Forbidden", msg, {"name": name, "group": group, "kind": sub[0]}
                                   if name else {"group": group, "kind": sub[0]}))

    def handle_any(self, method):
        u = urllib.parse.urlsplit(self.path)
        path, q = u.path, dict(urllib.parse.parse_qsl(u.query))
        body = b""
        if self.headers.get("Content-Length"):
            body = self.rfile.read(int(self.headers["Content-Length"]))
        user = self.user()
        if user is None:
            self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
            return
        if path == "/version" or path in ("/api", "/apis") or path.startswith(("/api/v1", "/apis/")) and \
                discovery(path) is not None:
            d = discovery(path)
            if d is not None:
                self.send_json(200, d)
                return
        if path.startswith("/openapi/v3"):
            d = openapi_v3(path)
            if d is not None:
                self.send_json(200, d)
                return
            self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
            return
        if path.startswith("/openapi/v2"):
            self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
            return
        if path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" and method == "POST":
            req = json.loads(body or b"{}")
            ra = req.get("spec", {}).get("resourceAttributes", {})
            allowed = not self.denied(user, ra.get("verb"), ra.get("resource"), ra.get("namespace"))
            req["status"] = {"allowed": allowed}
            if not allowed:
                req["status"]["reason"] = ""
            req.setdefault("metadata", {})["creationTimestamp"] = None
            self.send_json(201, req)
            return
        m = re.match(r"^/(?:api/v1|apis/(apps|events\.k8s\.io)/v1)(?:/namespaces/([^/]+))?/([a-z]+)(?:/([^/]+))?(?:/([a-z]+))?$",
                     path)
        if not m:
            self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
            return
        group, ns, resource, name, sub = m.groups()
        group = group or ""
        if resource == "namespaces" and name and not sub and ns is None:
            ns, name, resource = name, name, "namespaces"
        watch = q.get("watch") in ("true", "1")
        verb = {"GET": "watch" if watch else ("get" if name else "list"), "PATCH": "patch", "PUT": "update",
                "POST": "create", "DELETE": "delete"}[method]
        full_res = resource + ("/" + sub if sub else "")
        if self.denied(user, verb, full_res, ns) or (sub and self.denied(user, verb, resource, ns)):
            self.forbid(user, verb, full_res, group, ns, name if not watch else None)
            return
        if ns and ns not in WORLD.get("namespaces", []) and resource != "namespaces" and method != "POST":
            if name:
                self.send_json(404, status(404, "NotFound", '%s%s "%s" not found' % (
                    resource, "." + group if group else "", name),
                    {"name": name, "group": group, "kind": resource}))
            else:
                self.send_json(200, {"kind": "List", "apiVersion": "v1", "metadata": {"resourceVersion": str(RV[0])},
                                     "items": []})
            return
        wants_table = "as=Table" in self.headers.get("Accept", "")
        if resource == "namespaces":
            return self.namespaces(name, wants_table)
        if resource == "deployments":
            return self.deployments(method, ns, name, sub, q, body, wants_table, watch)
        if resource == "replicasets":
            return self.replicasets(ns, name, q, wants_table)
        if resource == "pods":
            return self.pods(ns, name, sub, q, wants_table)
        if resource == "events":
            return self.events(ns, q, wants_table, group)
        if name:
            self.send_json(404, status(404, "NotFound", '%s%s "%s" not found' % (resource, "." + group if group else "",
                                                                                 name),
                                       {"name": name, "group": group, "kind": resource}))
        else:
            self.send_json(200, {"kind": "List", "apiVersion": "v1", "metadata": {"resourceVersion": str(RV[0])},
                                 "items": []})

    def namespaces(self, name, wants_table):
        objs = [{"kind": "Namespace", "apiVersion": "v1",
                 "metadata": {"name": n, "uid": uid(), "resourceVersion": "411", "creationTimestamp": ago(86400 * 90),
                              "labels": {"kubernetes.io/metadata.name": n}},
                 "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
                for n in WORLD.get("namespaces", [])]
        if name:
            for o in objs:
                if o["metadata"]["name"] == name:
                    return self.send_json(200, o)
            return self.send_json(404, status(404, "NotFound", 'namespaces "%s" not found' % name,
                                              {"name": name, "kind": "namespaces"}))
        if wants_table:
            return self.send_json(200, table(NS_COLS, [([o["metadata"]["name"], "Active", "90d"], o) for o in objs]))
        return self.send_json(200, {"kind": "NamespaceList", "apiVersion": "v1",
                                    "metadata": {"resourceVersion": str(RV[0])}, "items": objs})

    def deployments(self, method, ns, name, sub, q, body, wants_table, watch):
        if watch:
            return self.watch_deployment(ns, q)
        if not name:
            fs = q.get("fieldSelector", "")
            ds = [d for d in DEPLOYS if d.ns == ns]
            if fs.startswith("metadata.name="):
                ds = [d for d in ds if d.name == fs.split("=", 1)[1]]
            if wants_table:
                return self.send_json(200, table(DEP_COLS, [deploy_row(d) for d in ds]))
            return self.send_json(200, {"kind": "DeploymentList", "apiVersion": "apps/v1",
                                        "metadata": {"resourceVersion": str(RV[0])},
                                        "items": [d.obj() for d in ds]})
        d = find_deploy(ns, name)
        if d is None:
            if method == "POST":
                return self.send_json(201, json.loads(body))
            return self.send_json(404, status(404, "NotFound", 'deployments.apps "%s" not found' % name,
                                              {"name": name, "group": "apps", "kind": "deployments"}))
        if method in ("PATCH", "PUT", "POST"):
            with LOCK:
                text = body.decode("utf-8", "replace")
                imgs = re.findall(r'"image":\s*"([^"]+)"', text)
                changed = False
                if imgs and imgs[0] != d.image:
                    changed = True
                    # rollout undo patches the template of an older revision: reuse that replicaset
                    old = [rs for rs in d.rs if rs["image"] == imgs[0]]
                    if old:
                        rs = old[-1]
                        d.rs.remove(rs)
                        rs["old"] = False
                        rs["revision"] = d.rs[-1]["revision"] + 1
                        d.rs[-1]["old"] = True
                        d.rs.append(rs)
                    else:
                        d.rs[-1]["old"] = True
                        d.rs.append(d._rs(imgs[0], d.rs[-1]["revision"] + 1, old=False))
                        d.rs[-1]["created"] = now()
                    d.image = imgs[0]
                if changed or "restartedAt" in text or d.d.get("always_restart_on_patch"):
                    d.generation += 1
                    d.t0 = time.time()
                    next_rv()
            return self.send_json(200, d.obj())
        return self.send_json(200, d.obj())

    def watch_deployment(self, ns, q):
        fs = q.get("fieldSelector", "")
        name = fs.split("=", 1)[1] if fs.startswith("metadata.name=") else None
        ds = [d for d in DEPLOYS if d.ns == ns and (name is None or d.name == name)]
        timeout = float(q.get("timeoutSeconds", "300"))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        last = {d.name: d.state()[0] for d in ds}
        end = time.time() + timeout
        try:
            while time.time() < end:
                time.sleep(0.25)
                for d in ds:
                    s = d.state()[0]
                    if s != last[d.name]:
                        last[d.name] = s
                        next_rv()
                        ev = json.dumps({"type": "MODIFIED", "object": d.obj()}).encode() + b"\n"
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(ev), ev))
                        self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            pass
        self.close_connection = True

    def replicasets(self, ns, name, q, wants_table):
        rows = []
        sel = q.get("labelSelector", "")
        for d in DEPLOYS:
            if d.ns != ns:
                continue
            if sel and not all(kv in ("app=%s" % d.name,) or kv.startswith("pod-template-hash") for kv in
                               sel.split(",")):
                continue
            for rs in d.rs:
                rows.append(rs_row(d, rs))
        if name:
            for cells, o in rows:
                if o["metadata"]["name"] == name:
                    return self.send_json(200, o)
            return self.send_json(404, status(404, "NotFound", 'replicasets.apps "%s" not found' % name,
                                              {"name": name, "group": "apps", "kind": "replicasets"}))
        if wants_table:
            return self.send_json(200, table(RS_COLS, rows))
        return self.send_json(200, {"kind": "ReplicaSetList", "apiVersion": "apps/v1",
                                    "metadata": {"resourceVersion": str(RV[0])}, "items": [o for _, o in rows]})

    def pods(self, ns, name, sub, q, wants_table):
        pods = all_pods(ns)
        sel = q.get("labelSelector", "")
        if sel:
            want = dict(kv.split("=", 1) for kv in sel.split(",") if "=" in kv)
            pods = [(d, p) for d, p in pods if all(
                (k == "app" and v == d.name) or (k == "pod-template-hash" and v == p["rs"]["hash"])
                for k, v in want.items())]
        if name:
            for d, p in pods:
                if p["name"] == name:
                    if sub == "log":
                        key = "prev_log" if q.get("previous") == "true" else "log"
                        text = p.get(key)
                        if text is None:
                            cname = d.d.get("container", d.name)
                            if key == "prev_log":
                                return self.send_json(400, status(400, "BadRequest",
                                                                  'previous terminated container "%s" in pod "%s" '
                                                                  'not found' % (cname, name)))
                            st = p.get("state")
                            if st in ("imagepull", "errimagepull", "configerror"):
                                reason = {"imagepull": "ImagePullBackOff", "errimagepull": "ErrImagePull",
                                          "configerror": "CreateContainerConfigError"}[st]
                                return self.send_json(400, status(400, "BadRequest",
                                                                  'container "%s" in pod "%s" is waiting to start: '
                                                                  'trying and failing to pull image' % (cname, name)
                                                                  if reason != "CreateContainerConfigError" else
                                                                  'container "%s" in pod "%s" is waiting to start: '
                                                                  'CreateContainerConfigError' % (cname, name)))
                            text = ""
                        lines = text.splitlines(True)
                        if q.get("tailLines"):
                            lines = lines[-int(q["tailLines"]):]
                        b = "".join(lines).encode()
                        self.send_response(200)
                        self.send_header("Content-Type", "text/plain")
                        self.send_header("Content-Length", str(len(b)))
                        self.end_headers()
                        self.wfile.write(b)
                        return
                    return self.send_json(200, d.pod_obj(p))
            return self.send_json(404, status(404, "NotFound", 'pods "%s" not found' % name,
                                              {"name": name, "kind": "pods"}))
        if wants_table:
            return self.send_json(200, table(POD_COLS, [pod_row(d, p) for d, p in pods]))
        return self.send_json(200, {"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": str(RV[0])},
                                    "items": [d.pod_obj(p) for d, p in pods]})

    def events(self, ns, q, wants_table, group):
        items = event_objs(ns, q.get("fieldSelector", ""))
        if wants_table:
            rows = []
            for o in sorted(items, key=lambda e: e["lastTimestamp"]):
                last = datetime.strptime(o["lastTimestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
                rows.append(([human_duration((now() - last).total_seconds()), o["type"], o["reason"],
                              "pod/" + o["involvedObject"]["name"], o["involvedObject"].get("fieldPath", ""),
                              o["source"]["component"] + (", " + o["source"]["host"] if o["source"].get("host")
                                                          else ""), o["message"], "", o["count"],
                              o["metadata"]["name"]], o))
            return self.send_json(200, table(EV_COLS, rows))
        return self.send_json(200, {"kind": "EventList", "apiVersion": "v1",
                                    "metadata": {"resourceVersion": str(RV[0])}, "items": items})

    def do_GET(self):
        self.handle_any("GET")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", PORT), H)
    srv.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
