"""The one place that turns results into words and formatted numbers.

The analysis returns data; these modules say it, for the CLI, the TUI, the
briefing and the handout alike, so the same fact reads the same everywhere.
Split by subject: `numbers` (scores on their scale, percentages, shares that
add up), `ranking` (the leader, its margin and what carries it). Every sentence
is one format string with named fields, a whole unit for translation.
"""
