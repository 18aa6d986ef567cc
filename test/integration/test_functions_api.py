"""The functions API (Lambda's REST API) with boto3: create, get, list, update, delete, and the
errors boto3 turns into exceptions. Invocation is not served yet (issue 5)."""

import io
import os
import unittest
import urllib.request
import zipfile

from harness import JobflowServer

HANDLER = "def handler(event, context):\n    return {'echo': event}\n"


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (content, mode) in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100000 | mode) << 16
            z.writestr(info, content)
    return buffer.getvalue()


class FunctionsApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JobflowServer()
        cls.client = cls.server.client("lambda")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def create(self, name, **extra):
        params = dict(FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
                      Handler="app.handler", Code={"ZipFile": zip_bytes({"app.py": (HANDLER, 0o644)})})
        params.update(extra)
        return self.client.create_function(**params)

    def test_create_get_list_update_delete(self):
        created = self.create("echo", Timeout=3600, Environment={"Variables": {"STAGE": "test"}})
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(created["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:echo")
        self.assertEqual(created["Timeout"], 3600)  # no 15-minute cap
        self.assertEqual(created["MemorySize"], 128)
        self.assertEqual(created["State"], "Active")
        self.assertEqual(created["Environment"]["Variables"], {"STAGE": "test"})
        self.assertEqual(len(created["CodeSha256"]), 44)

        got = self.client.get_function(FunctionName="echo")
        self.assertEqual(got["Configuration"]["CodeSha256"], created["CodeSha256"])
        with urllib.request.urlopen(got["Code"]["Location"]) as r:
            self.assertEqual(zipfile.ZipFile(io.BytesIO(r.read())).read("app.py").decode(), HANDLER)
        by_arn = self.client.get_function_configuration(FunctionName=created["FunctionArn"])
        self.assertEqual(by_arn["FunctionName"], "echo")
        self.client.get_waiter("function_active_v2").wait(FunctionName="echo")

        updated = self.client.update_function_configuration(FunctionName="echo", Timeout=10, MemorySize=256)
        self.assertEqual((updated["Timeout"], updated["MemorySize"]), (10, 256))
        self.assertEqual(updated["Environment"]["Variables"], {"STAGE": "test"})
        self.assertNotEqual(updated["RevisionId"], created["RevisionId"])
        code = self.client.update_function_code(
            FunctionName="echo", ZipFile=zip_bytes({"app.py": (HANDLER + "# v2\n", 0o644)}))
        self.assertNotEqual(code["CodeSha256"], created["CodeSha256"])

        self.create("zz-last")
        names = [f["FunctionName"] for f in self.client.list_functions()["Functions"]]
        self.assertIn("echo", names)
        pages = list(self.client.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 1}))
        self.assertGreaterEqual(len(pages), 2)

        self.client.delete_function(FunctionName="echo")
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as e:
            self.client.get_function(FunctionName="echo")
        self.assertEqual(e.exception.response["Error"]["Message"],
                         "Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo")

    def test_errors(self):
        self.create("dup")
        with self.assertRaises(self.client.exceptions.ResourceConflictException) as e:
            self.create("dup")
        self.assertEqual(e.exception.response["Error"]["Message"], "Function already exist: dup")
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException):
            self.create("badzip", Code={"ZipFile": b"not a zip"})
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException):
            self.create("badruntime", Runtime="cobol")
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.delete_function(FunctionName="nobody")
        names = [f["FunctionName"] for f in self.client.list_functions()["Functions"]]
        self.assertNotIn("badzip", names)

    def test_functions_survive_a_restart(self):
        self.create("durable")
        self.server.kill9()
        self.server.start()
        client = self.server.client("lambda")
        self.assertEqual(client.get_function(FunctionName="durable")["Configuration"]["State"], "Active")
        type(self).client = client


if __name__ == "__main__":
    unittest.main()
