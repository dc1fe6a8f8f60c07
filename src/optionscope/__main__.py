from optionscope.cli import main

main()
