"""The command line: ``tension-profile`` (``helpers.cli.main``) and its batch runner (``helpers.cli.batch``)."""
