"""Group workshops: a session store (SQLite), rounds, submissions, facilitator logic.

No UI here: the CLI, the TUI and the browser view all drive `Workshop`
(`optionscope.workshop.session`) and render `optionscope.workshop.results`.
"""
