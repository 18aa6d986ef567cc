"""A stub of pyspark for jobflow's tests (see ../../README.md). STATE lets a test steer and
observe what the Spark APIs would do."""
__version__ = "3.5.0-fake"
STATE = {"job_groups": [], "cancelled_groups": [], "tasks_done": 0, "tasks_total": 4}
