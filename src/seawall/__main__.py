from seawall.cli import run

run()
