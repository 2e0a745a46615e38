"""`python -m datapkg` and the `datapkg` command run the command line.

The command line is imported when it runs, not when this module is: each worker process
of a build starts by importing the script that started the build, and needs only what
its own work imports (`datapkg.documents`, or validation).
"""


def main() -> None:
    from datapkg.documents import arrow_without_pandas

    arrow_without_pandas()  # the command's process is datapkg's own, like its workers
    from datapkg.cli import app

    app(prog_name="datapkg")


if __name__ == "__main__":
    main()
