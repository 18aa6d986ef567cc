"""Step Functions registry against the real server: state machines, versions, aliases, activities,
tags and definition validation through boto3 `stepfunctions` (AWS JSON 1.0), failure paths
included, plus one AWS CLI v2 round trip. Executions are not part of this file."""

import json
import os
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import REGION, JobflowServer

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/sfn"
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
PASS2 = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": True}}})
AWS_V2 = "/usr/bin/aws"


def sm_arn(name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


class SfnRegistryTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.sfn = cls.server.client("stepfunctions")
        # Debian's botocore (1.29) predates versions, aliases, revisionId and encryptionConfiguration.
        cls.modern = hasattr(cls.sfn, "publish_state_machine_version")

    def require_modern(self):
        if not self.modern:
            self.skipTest("this botocore has no state machine versions/aliases")

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def assert_error(self, code, fn, message=None, contains=None, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(**kwargs)
        err = cm.exception.response["Error"]
        self.assertEqual(err["Code"], code, cm.exception.response)
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        if message is not None:
            self.assertEqual(err["Message"], message)
        if contains is not None:
            self.assertIn(contains, err["Message"])
        return err

    def create(self, name, definition=PASS, **kwargs):
        return self.sfn.create_state_machine(name=name, definition=definition, roleArn=ROLE, **kwargs)

    # --- state machines --------------------------------------------------------------------------

    def test_create_describe_update_delete(self):
        definition = '{ "StartAt": "P",\n  "States": {"P": {"Type": "Pass", "End": true}} }'
        created = self.create("lifecycle", definition)
        arn = created["stateMachineArn"]
        self.assertEqual(arn, sm_arn("lifecycle"))
        self.assertIn("creationDate", created)
        d = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(d["definition"], definition)  # verbatim
        self.assertEqual(d["name"], "lifecycle")
        self.assertEqual(d["status"], "ACTIVE")
        self.assertEqual(d["type"], "STANDARD")
        self.assertEqual(d["roleArn"], ROLE)
        self.assertEqual(d["loggingConfiguration"], {"level": "OFF", "includeExecutionData": False})
        self.assertEqual(d["tracingConfiguration"], {"enabled": False})
        self.assertNotIn("revisionId", d)
        self.assertEqual(d["creationDate"], created["creationDate"])

        up = self.sfn.update_state_machine(stateMachineArn=arn, definition=PASS2)
        self.assertIn("updateDate", up)
        d = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(d["definition"], PASS2)
        if self.modern:
            self.assertTrue(up["revisionId"])
            self.assertEqual(d["revisionId"], up["revisionId"])
        self.assert_error("MissingRequiredParameter", self.sfn.update_state_machine, stateMachineArn=arn,
                          message="Either the definition, the role ARN, the LoggingConfiguration, or the "
                                  "TracingConfiguration must be specified")

        self.sfn.delete_state_machine(stateMachineArn=arn)
        self.assert_error("StateMachineDoesNotExist", self.sfn.describe_state_machine, stateMachineArn=arn,
                          message=f"State Machine Does Not Exist: '{arn}'")
        self.sfn.delete_state_machine(stateMachineArn=arn)  # deleting what is gone is fine

    def test_express_with_logging_and_tracing(self):
        group = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:sfn:*"
        logging = {"level": "ALL", "includeExecutionData": True,
                   "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group}}]}
        arn = self.create("express-one", type="EXPRESS", loggingConfiguration=logging,
                          tracingConfiguration={"enabled": True})["stateMachineArn"]
        d = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(d["type"], "EXPRESS")
        self.assertEqual(d["loggingConfiguration"], logging)
        self.assertEqual(d["tracingConfiguration"], {"enabled": True})
        self.assert_error("InvalidLoggingConfiguration", self.create, name="bad-logging",
                          loggingConfiguration={"level": "ERROR"})

    def test_idempotent_create_and_already_exists(self):
        first = self.create("idem")
        again = self.sfn.create_state_machine(name="idem", definition=PASS, roleArn=ROLE + "-other")
        self.assertEqual(again["stateMachineArn"], first["stateMachineArn"])
        self.assertEqual(again["creationDate"], first["creationDate"])
        self.assert_error("StateMachineAlreadyExists", self.create, name="idem", definition=PASS2,
                          message=f"State Machine Already Exists: '{sm_arn('idem')}'")

    def test_invalid_names(self):
        for bad in ("a b", "a/b", "x:y", "q?", "c\u007f", "t\tab"):
            with self.subTest(name=bad):
                self.assert_error("InvalidName", self.create, name=bad, message=f"Invalid Name: '{bad}'")
        self.assert_error("ValidationException", self.create, name="a" * 81,
                          contains="Member must have length less than or equal to 80")

    def test_invalid_definitions(self):
        self.assert_error("InvalidDefinition", self.create, name="nodef", definition='{"StartAt": "A"}',
                          message="Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                                  "These fields are required: [States] at /'")
        self.assert_error("InvalidDefinition", self.create, name="garbage", definition="not json",
                          contains="INVALID_JSON_DESCRIPTION")
        self.assert_error("InvalidDefinition", self.create, name="dangling",
                          definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}),
                          contains="MISSING_TRANSITION_TARGET")

    def test_bad_and_unknown_arns(self):
        self.assert_error("InvalidArn", self.sfn.describe_state_machine, stateMachineArn="not_a_valid_arn",
                          message="Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'")
        self.assert_error("InvalidArn", self.sfn.describe_state_machine,
                          stateMachineArn=f"arn:aws:states:{REGION}:{ACCOUNT}:activity:x",
                          message="Invalid Arn: 'Resource type not valid in this context: activity'")
        if self.modern:
            self.assert_error("StateMachineDoesNotExist", self.sfn.publish_state_machine_version,
                              stateMachineArn=sm_arn("missing"))
        self.assert_error("StateMachineDoesNotExist", self.sfn.update_state_machine,
                          stateMachineArn=sm_arn("missing"), definition=PASS)

    def test_list_pagination(self):
        names = [f"page-{i:02d}" for i in range(7)]
        for name in reversed(names):
            self.create(name)
        seen, token, pages = [], None, 0
        while True:
            kwargs = {"maxResults": 3}
            if token:
                kwargs["nextToken"] = token
            page = self.sfn.list_state_machines(**kwargs)
            seen.extend(m["name"] for m in page["stateMachines"])
            pages += 1
            token = page.get("nextToken")
            if not token:
                break
        listed = [n for n in seen if n.startswith("page-")]
        self.assertEqual(listed, names)
        self.assertEqual(len(seen), len(set(seen)))
        item = next(m for m in self.sfn.list_state_machines()["stateMachines"] if m["name"] == "page-00")
        self.assertEqual(set(item), {"stateMachineArn", "name", "type", "creationDate"})
        paged = [m["name"] for p in self.sfn.get_paginator("list_state_machines").paginate(
            PaginationConfig={"PageSize": 2}) for m in p["stateMachines"]]
        self.assertEqual(paged, sorted(paged))
        self.assert_error("ValidationException", self.sfn.list_state_machines, maxResults=1001,
                          message="1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 1000")
        self.assert_error("InvalidToken", self.sfn.list_state_machines, nextToken="garbage",
                          message="Invalid Token: 'Invalid token'")

    # --- versions and aliases --------------------------------------------------------------------

    def test_versions(self):
        self.require_modern()
        created = self.create("versioned", publish=True, versionDescription="first")
        arn = created["stateMachineArn"]
        v1 = created["stateMachineVersionArn"]
        self.assertEqual(v1, arn + ":1")
        same = self.sfn.publish_state_machine_version(stateMachineArn=arn, description="first")
        self.assertEqual(same["stateMachineVersionArn"], v1)
        up = self.sfn.update_state_machine(stateMachineArn=arn, definition=PASS2, publish=True,
                                           versionDescription="second")
        v2 = up["stateMachineVersionArn"]
        self.assertEqual(v2, arn + ":2")
        self.assert_error("ConflictException", self.sfn.publish_state_machine_version, stateMachineArn=arn,
                          revisionId="not-the-current-revision")
        d1 = self.sfn.describe_state_machine(stateMachineArn=v1)
        self.assertEqual(d1["stateMachineArn"], v1)
        self.assertEqual(d1["description"], "first")
        self.assertEqual(d1["definition"], PASS)
        listed = self.sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]
        self.assertEqual([v["stateMachineVersionArn"] for v in listed], [v2, v1])
        page = self.sfn.list_state_machine_versions(stateMachineArn=arn, maxResults=1)
        self.assertEqual(len(page["stateMachineVersions"]), 1)
        rest = self.sfn.list_state_machine_versions(stateMachineArn=arn, nextToken=page["nextToken"])
        self.assertEqual([v["stateMachineVersionArn"] for v in rest["stateMachineVersions"]], [v1])

        self.sfn.delete_state_machine_version(stateMachineVersionArn=v2)
        self.assert_error("StateMachineDoesNotExist", self.sfn.describe_state_machine, stateMachineArn=v2)
        self.sfn.update_state_machine(stateMachineArn=arn, definition=PASS)
        v3 = self.sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]
        self.assertEqual(v3, arn + ":3")  # numbers are never reused
        self.assert_error("ValidationException", self.create, name="desc-no-publish", versionDescription="x",
                          message="Version description can only be set when publish is true")

    def test_aliases(self):
        self.require_modern()
        arn = self.create("aliased")["stateMachineArn"]
        v1 = self.sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]
        self.sfn.update_state_machine(stateMachineArn=arn, definition=PASS2)
        v2 = self.sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]

        created = self.sfn.create_state_machine_alias(
            name="live", description="prod", routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}])
        alias = created["stateMachineAliasArn"]
        self.assertEqual(alias, arn + ":live")
        again = self.sfn.create_state_machine_alias(
            name="live", description="prod", routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}])
        self.assertEqual(again["stateMachineAliasArn"], alias)
        self.assert_error("ConflictException", self.sfn.create_state_machine_alias, name="live",
                          routingConfiguration=[{"stateMachineVersionArn": v2, "weight": 100}])
        d = self.sfn.describe_state_machine_alias(stateMachineAliasArn=alias)
        self.assertEqual(d["name"], "live")
        self.assertEqual(d["description"], "prod")
        self.assertEqual(d["routingConfiguration"], [{"stateMachineVersionArn": v1, "weight": 100}])
        self.assertIn("updateDate", d)

        self.assert_error("ConflictException", self.sfn.delete_state_machine_version, stateMachineVersionArn=v1,
                          message="Version to be deleted must not be referenced by an alias. Current list of "
                                  "aliases referencing this version: [live]")
        self.sfn.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=[
            {"stateMachineVersionArn": v1, "weight": 20}, {"stateMachineVersionArn": v2, "weight": 80}])
        d = self.sfn.describe_state_machine_alias(stateMachineAliasArn=alias)
        self.assertEqual([r["weight"] for r in d["routingConfiguration"]], [20, 80])

        self.assert_error("ValidationException", self.sfn.create_state_machine_alias, name="bad",
                          routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 70},
                                                {"stateMachineVersionArn": v2, "weight": 29}],
                          message="Sum of routing configuration weights must equal 100. Received: [70, 29]")
        self.assert_error("ValidationException", self.sfn.create_state_machine_alias, name="bad",
                          routingConfiguration=[{"stateMachineVersionArn": arn, "weight": 100}],
                          message=f"Routing configuration must contain state machine version ARNs. Received: [{arn}]")
        self.assert_error("ValidationException", self.sfn.create_state_machine_alias, name="123",
                          routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}],
                          contains="Member must satisfy regular expression pattern")
        self.assert_error("ResourceNotFound", self.sfn.update_state_machine_alias,
                          stateMachineAliasArn=arn + ":nope", description="x",
                          message="Request references a resource that does not exist.")

        self.sfn.create_state_machine_alias(name="second",
                                            routingConfiguration=[{"stateMachineVersionArn": v2, "weight": 100}])
        listed = self.sfn.list_state_machine_aliases(stateMachineArn=arn)["stateMachineAliases"]
        self.assertEqual([a["stateMachineAliasArn"] for a in listed], [alias, arn + ":second"])
        page = self.sfn.list_state_machine_aliases(stateMachineArn=arn, maxResults=1)
        self.assertIn("nextToken", page)
        self.sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
        self.sfn.delete_state_machine_version(stateMachineVersionArn=v1)
        self.sfn.delete_state_machine(stateMachineArn=arn)
        self.assert_error("ResourceNotFound", self.sfn.describe_state_machine_alias,
                          stateMachineAliasArn=arn + ":second")

    # --- tags ------------------------------------------------------------------------------------

    def test_tags(self):
        arn = self.create("tagged", tags=[{"key": "team", "value": "a"}])["stateMachineArn"]
        self.sfn.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "dev"}, {"key": "team", "value": "b"}])
        tags = self.sfn.list_tags_for_resource(resourceArn=arn)["tags"]
        self.assertEqual(sorted((t["key"], t["value"]) for t in tags), [("env", "dev"), ("team", "b")])
        self.sfn.untag_resource(resourceArn=arn, tagKeys=["env", "absent"])
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=arn)["tags"], [{"key": "team", "value": "b"}])
        self.assert_error("TooManyTags", self.sfn.tag_resource, resourceArn=arn,
                          tags=[{"key": f"k{i}", "value": ""} for i in range(50)])
        self.assert_error("ResourceNotFound", self.sfn.tag_resource, resourceArn=sm_arn("no-such"),
                          tags=[{"key": "a", "value": "b"}],
                          message=f"Resource not found: '{sm_arn('no-such')}'")
        self.assert_error("ValidationException", self.sfn.tag_resource, resourceArn=arn,
                          tags=[{"key": "k" * 129, "value": ""}])
        self.assert_error("InvalidArn", self.sfn.list_tags_for_resource, resourceArn="bogus")

    # --- activities ------------------------------------------------------------------------------

    def test_activities(self):
        created = self.sfn.create_activity(name="worker", tags=[{"key": "k", "value": "v"}])
        arn = created["activityArn"]
        self.assertEqual(arn, f"arn:aws:states:{REGION}:{ACCOUNT}:activity:worker")
        again = self.sfn.create_activity(name="worker")
        self.assertEqual(again["activityArn"], arn)
        self.assertEqual(again["creationDate"], created["creationDate"])
        d = self.sfn.describe_activity(activityArn=arn)
        self.assertEqual(d["name"], "worker")
        if self.modern:
            self.assertEqual(d["encryptionConfiguration"], {"type": "AWS_OWNED_KEY"})
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=arn)["tags"], [{"key": "k", "value": "v"}])
        self.sfn.create_activity(name="another")
        page = self.sfn.list_activities(maxResults=1)
        self.assertEqual([a["name"] for a in page["activities"]], ["another"])
        rest = self.sfn.list_activities(nextToken=page["nextToken"])
        self.assertIn("worker", [a["name"] for a in rest["activities"]])
        self.assert_error("InvalidName", self.sfn.create_activity, name="activity~name",
                          message="Invalid Name: 'activity~name'")
        self.assert_error("InvalidArn", self.sfn.describe_activity, activityArn="no_an_activity_arn",
                          message="Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'")
        self.sfn.delete_activity(activityArn=arn)
        self.assert_error("ActivityDoesNotExist", self.sfn.describe_activity, activityArn=arn,
                          message=f"Activity Does Not Exist: '{arn}'")

    # --- validation ------------------------------------------------------------------------------

    def test_validate_definition(self):
        if not hasattr(self.sfn, "validate_state_machine_definition"):
            self.skipTest("this botocore has no ValidateStateMachineDefinition")
        ok = self.sfn.validate_state_machine_definition(definition=PASS)
        self.assertEqual(ok["result"], "OK")
        self.assertEqual(ok["diagnostics"], [])
        bad = self.sfn.validate_state_machine_definition(definition="{}")
        self.assertEqual(bad["result"], "FAIL")
        self.assertEqual(bad["diagnostics"][0]["severity"], "ERROR")
        self.assertEqual(bad["diagnostics"][0]["code"], "SCHEMA_VALIDATION_FAILED")
        self.assertFalse(bad["truncated"])

    # --- wire ------------------------------------------------------------------------------------

    def raw(self, target, body, host=None):
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target}
        if host:
            headers["Host"] = host
        status, hdrs, data = self.server.http("POST", "/", body=json.dumps(body).encode(), headers=headers)
        return status, hdrs, json.loads(data) if data else None

    def test_wire_details(self):
        status, headers, body = self.raw("AWSStepFunctions.ListStateMachines", {},
                                         host=f"sync-127.0.0.1:{self.server.port}")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "application/x-amz-json-1.0")
        self.assertIn("stateMachines", body)
        status, headers, body = self.raw("AWSStepFunctions.DescribeStateMachine", {})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "ValidationException")
        self.assertIn("message", body)
        self.assertEqual(headers["x-amzn-errortype"], "ValidationException")
        # An operation the table does not have is an UnknownOperationException.
        status, _, body = self.raw("AWSStepFunctions.NoSuchOperation", {})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "UnknownOperationException")

    def test_state_survives_restart(self):
        if self.modern:
            arn = self.create("durable", publish=True)["stateMachineArn"] + ":1"
        else:
            arn = self.create("durable")["stateMachineArn"]
        self.server.restart()
        self.__class__.sfn = self.server.client("stepfunctions")
        d = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(d["definition"], PASS)

    # --- AWS CLI v2 ------------------------------------------------------------------------------

    def test_aws_cli_v2(self):
        if not os.access(AWS_V2, os.X_OK):
            self.skipTest(f"{AWS_V2} (AWS CLI v2) is not installed")
        env = dict(os.environ, AWS_PAGER="", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_MAX_ATTEMPTS="1")

        def aws(*args):
            cmd = [AWS_V2, "stepfunctions", *args, "--endpoint-url", self.server.endpoint, "--region", REGION,
                   "--output", "json"]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
            return r

        r = aws("create-state-machine", "--name", "from-cli", "--definition", PASS, "--role-arn", ROLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        arn = json.loads(r.stdout)["stateMachineArn"]
        r = aws("describe-state-machine", "--state-machine-arn", arn)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["definition"], PASS)
        r = aws("list-state-machines")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(arn, [m["stateMachineArn"] for m in json.loads(r.stdout)["stateMachines"]])
        r = aws("describe-state-machine", "--state-machine-arn", sm_arn("cli-missing"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("StateMachineDoesNotExist", r.stderr)


if __name__ == "__main__":
    unittest.main()
