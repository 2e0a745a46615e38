"""`python -m datapkg` runs the command line."""

from datapkg.cli import app

app(prog_name="datapkg")
