"""Two functions over Livy's REST API, called by the state machine livy_batches.asl.json.

  submit  {"name", "file", "args", ["className"]}  -> POST /batches       -> {"id", "name", "state"}
  track   {"id", "name"}                            -> GET /batches/{id}/state -> {"id", "name", "state"}

Livy's URL comes from the function's environment: LIVY_URL, else jobflow's own endpoint (jobflow
serves Livy on the same port as its AWS APIs), else Livy's default http://127.0.0.1:8998.
Standard library only.
"""

import json
import os
import urllib.request

LIVY_URL = (os.environ.get("LIVY_URL") or os.environ.get("JOBFLOW_ENDPOINT_URL")
            or "http://127.0.0.1:8998").rstrip("/")


def livy(method, path, body=None):
    request = urllib.request.Request(
        LIVY_URL + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Requested-By": "jobflow-example"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def submit(event, context):
    batch = {"name": event["name"], "file": event["file"], "args": event.get("args", [])}
    if "className" in event:
        batch["className"] = event["className"]
    created = livy("POST", "/batches", batch)
    print(f"batch {created['id']} ({event['name']}) submitted: {created['state']}")
    return {"id": created["id"], "name": event["name"], "state": created["state"]}


def track(event, context):
    state = livy("GET", f"/batches/{event['id']}/state")["state"]
    print(f"batch {event['id']} ({event['name']}): {state}")
    return {"id": event["id"], "name": event["name"], "state": state}
