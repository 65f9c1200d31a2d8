from opengu.cli import main

main()
