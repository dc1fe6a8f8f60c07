"""The text-safety layer: each output kind gets text it shows, never obeys."""

from __future__ import annotations

import csv
import io
import json

from optionscope.io.safe_text import (
    cell_width,
    csv_cell,
    json_text,
    markdown_cell,
    markdown_document,
    markdown_paragraph,
    markdown_text,
    safe_link,
    terminal_text,
)
from optionscope.io.writers import text_table, to_csv


def test_terminal_text_shows_c0_c1_and_bidi_characters_visibly() -> None:
    shown = terminal_text("a\x1b[2Jb\x07c\x9b31m\u202eevil\u2066x\n")
    assert shown == "a\\x1b[2Jb\\x07c\\x9b31m<U+202E>evil<U+2066>x\\x0a"


def test_terminal_text_keeps_line_feeds_and_tabs_of_a_whole_document() -> None:
    assert terminal_text("a\tb\nc\x1b", keep_layout=True) == "a\tb\nc\\x1b"


def test_widths_are_terminal_cells_not_characters() -> None:
    assert cell_width("abc") == 3
    assert cell_width("北方道路") == 8
    assert cell_width("e\u0301") == 1  # e + combining acute
    assert cell_width("🚧") == 2


def test_a_plain_table_aligns_wide_names_by_screen_cells() -> None:
    table = text_table(["option", "score"], [["北方道路", "1.0"], ["South", "22.5"]], "lr")
    lines = table.splitlines()
    assert len({cell_width(line) for line in lines}) == 1, table


def test_csv_cells_start_no_formula_but_numbers_stay_numbers() -> None:
    assert csv_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert csv_cell("@SUM(1)") == "'@SUM(1)"
    assert csv_cell("+cmd") == "'+cmd"
    assert csv_cell("-x") == "'-x"
    assert csv_cell("\tx") == "'\\x09x"
    assert csv_cell("-3.2") == "-3.2"
    assert csv_cell(-3.2) == "-3.2"
    assert csv_cell(7) == 7
    rows = list(csv.reader(io.StringIO(to_csv(["a"], [["x\r\ny\x1b"], [-1.5]]))))
    assert rows == [["a"], ["x y\\x1b"], ["-1.5"]]


def test_markdown_text_escapes_html_and_shows_links_and_emphasis_as_typed() -> None:
    out = markdown_text("<script>x</script> [a](javascript:alert(1)) [b](https://ok.example)")
    assert "<" not in out
    assert "\\[a\\]\\(javascript:" in out
    assert "\\[b\\](https://ok.example)" in out  # a safe link too: a file's text is no link
    assert "](&amp;#106;avascript:" in markdown_text("[c](&#106;avascript:alert(1))")
    assert markdown_text("[r]: data:text/html,x").startswith("\\[r\\]\\:")
    assert markdown_text("**b** `c` ~~s~~ _e_ *i* \\") == (
        "\\*\\*b\\*\\* \\`c\\` \\~\\~s\\~\\~ \\_e\\_ \\*i\\* \\\\"
    )
    # an underscore between letters or digits opens no emphasis: left as typed
    assert markdown_text("snake_case_id 2_000") == "snake_case_id 2_000"
    assert markdown_text("_lead trail_ a__b") == "\\_lead trail\\_ a\\_\\_b"
    assert not safe_link("JaVaScRiPt:alert(1)")
    assert not safe_link("&#106;avascript:alert(1)")
    assert safe_link("notes/page.md")


def test_a_line_break_cannot_start_markdown_structure() -> None:
    assert "\n" not in markdown_text("a\n# heading\n- item")
    assert markdown_paragraph("# heading").startswith("\\#")
    assert markdown_paragraph("2024. a year").startswith("2024\\.")
    assert markdown_cell("a|b\nc") == "a\\|b c"
    assert markdown_cell("a\\|b") == "a\\\\\\|b"  # an escaped backslash, then an escaped pipe


def test_markdown_document_catches_raw_html_and_links_a_builder_let_through() -> None:
    doc = "# Title\n\nLead of <img src=x onerror=alert(1)> [x](javascript:1) [y](http://a)\n"
    out = markdown_document(doc)
    assert "<img" not in out and "]\\(javascript:" in out and "[y](http://a)" in out
    assert markdown_document(out) == out


def test_json_is_valid_and_escapes_c1_bidi_and_html_characters() -> None:
    data = {"name": "a\x9bb\u202ec<script>&"}
    text = json_text(data)
    assert json.loads(text) == data
    assert "\\u009b" in text and "\\u202e" in text and "\\u003c" in text
    assert not set("<>&\x9b\u202e") & set(text)


HIDDEN = "Yes\U000e0020\U000e006e\U000e006f\u00ad\u180e"
"""Text hidden in tag characters (" no"), a soft hyphen, a Mongolian vowel separator: each
shows as nothing in a terminal."""


def test_characters_that_hide_text_are_shown_by_their_code_points() -> None:
    assert terminal_text(HIDDEN) == "Yes<U+E0020><U+E006E><U+E006F><U+00AD><U+180E>"
    # what writing systems and emoji need stays: joiner, variation selector, combining mark
    assert terminal_text("👩\u200d🚒 ♥\ufe0f e\u0301") == "👩\u200d🚒 ♥\ufe0f e\u0301"


def test_json_escapes_characters_beyond_the_basic_plane_as_surrogate_pairs() -> None:
    text = json_text({"name": HIDDEN})
    assert json.loads(text) == {"name": HIDDEN}
    assert "\\udb40\\udc20" in text and not set(HIDDEN[3:]) & set(text)
