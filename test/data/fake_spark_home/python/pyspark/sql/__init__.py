"""A stub of pyspark.sql: a SparkSession that records its conf, answers sql() with a two-row
table, and reports job groups, cancels and task progress through pyspark.STATE."""
import json
import os

import pyspark


class AnalysisException(Exception):
    pass


class Row(tuple):
    def __new__(cls, **fields):
        row = tuple.__new__(cls, fields.values())
        row._names = list(fields)
        return row

    def asDict(self):
        return dict(zip(self._names, self))


class _Schema:
    def __init__(self, fields):
        self._fields = fields

    def json(self):
        return json.dumps({"type": "struct", "fields": [
            {"name": n, "type": t, "nullable": True, "metadata": {}}
            for n, t in self._fields]})


class DataFrame:
    def __init__(self, fields, rows):
        self.schema = _Schema(fields)
        self._rows = rows

    def take(self, n):
        return self._rows[:n]


class _JobInfo:
    def __init__(self, stage_ids):
        self.stageIds = stage_ids


class _StageInfo:
    def __init__(self, total, done):
        self.numTasks = total
        self.numCompletedTasks = done


class _StatusTracker:
    def __init__(self, sc):
        self._sc = sc

    def getJobIdsForGroup(self, group):
        return [1] if group == self._sc.job_group else []

    def getJobInfo(self, job_id):
        return _JobInfo([10])

    def getStageInfo(self, stage_id):
        return _StageInfo(pyspark.STATE["tasks_total"], pyspark.STATE["tasks_done"])


class SparkContext:
    applicationId = "local-1700000000000"
    uiWebUrl = "http://127.0.0.1:4040"

    def __init__(self):
        self.job_group = None

    def setJobGroup(self, group, description):
        self.job_group = group
        pyspark.STATE["job_groups"].append((group, description))

    def cancelJobGroup(self, group):
        pyspark.STATE["cancelled_groups"].append(group)

    def statusTracker(self):
        return _StatusTracker(self)

    def stop(self):
        marker = os.environ.get("FAKE_SPARK_STOP_MARKER")
        if marker:
            open(marker, "w").close()


class SparkSession:
    class Builder:
        def __init__(self):
            self._conf = {}

        def config(self, key, value):
            self._conf[key] = value
            return self

        def getOrCreate(self):
            return SparkSession(dict(self._conf))

    builder = Builder()

    def __init__(self, conf):
        self.conf_seen = conf
        self.sparkContext = SparkContext()

    def sql(self, query):
        if "missing_table" in query:
            raise AnalysisException("[TABLE_OR_VIEW_NOT_FOUND] missing_table")
        return DataFrame([("a", "integer"), ("b", "string")],
                         [Row(a=1, b="x"), Row(a=2, b="y")])

    def stop(self):
        self.sparkContext.stop()

    def __repr__(self):
        return "<fake SparkSession>"


class SQLContext:
    def __init__(self, sc):
        self.sc = sc

    @classmethod
    def getOrCreate(cls, sc):
        return cls(sc)

    def __repr__(self):
        return "<fake SQLContext>"
