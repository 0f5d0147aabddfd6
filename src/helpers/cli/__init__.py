"""The command line: ``tension-profile`` (``helpers.cli.main``), its batch runner (``helpers.cli.batch``) and its corpus runner (``helpers.cli.corpus``)."""
