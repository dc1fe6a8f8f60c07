"""Command-palette commands: open a scenario, apply a profile, switch method, export."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from optionscope.io.writers import plain
from optionscope.tui._text import method_label

if TYPE_CHECKING:
    from optionscope.tui.app import OptionscopeApp
    from optionscope.tui.screens import MainScreen

Command = tuple[str, Callable[[], object], str]


class OptionscopeCommands(Provider):
    """The app's own commands, next to Textual's system commands."""

    @property
    def oapp(self) -> OptionscopeApp:
        from optionscope.tui.app import OptionscopeApp

        assert isinstance(self.app, OptionscopeApp)
        return self.app

    def _main(self) -> MainScreen:
        return self.oapp.main_screen

    def commands(self) -> list[Command]:
        from optionscope.analysis.ranking import METHODS
        from optionscope.io.scenario_files import bundled_ids

        app = self.oapp
        main = self._main()
        session = app.session
        out: list[Command] = []
        for sid in bundled_ids():
            out.append(
                (f"Open scenario: {sid}", partial(app.open_reference, sid), "A bundled scenario")
            )
        for profile in session.scenario.profiles:
            out.append(
                (
                    f"Apply profile: {plain(profile.name)}",
                    partial(main.apply_profile, profile.id),
                    # help text is read as markup by the palette: no scenario text in it
                    "Weigh the criteria from this stakeholder's seat",
                )
            )
        for method in METHODS:
            out.append(
                (
                    f"Switch method: {method_label(method)}",
                    partial(main.set_method, method),
                    "Rank with this method",
                )
            )
        out += [
            ("Reset weights", main.action_reset_weights, "Back to the scenario's weights"),
            ("Undo", main.action_undo, "Undo the last weight change or what-if edit"),
            ("Redo", main.action_redo, "Make again the change last undone"),
            (
                "Restore last session",
                app.restore_last_session,
                "The weights and what-if values the last session here ended with",
            ),
            ("Undo all what-if edits", main.action_reset_edits, "Back to the scenario's values"),
            ("Save weights…", main.action_save_weights, "Write a weights file (YAML)"),
            ("Load weights…", main.action_load_weights, "Read a weights file (YAML)"),
            ("Export Markdown summary…", main.action_export_markdown, "Ranking and why, as .md"),
            ("Export SVG screenshot…", app.action_export_svg, "The screen as an .svg image"),
            ("Save scenario as…", main.action_save_scenario_as, "A new file with what-if values"),
            ("Head to head", main.action_head_to_head, "Compare two options"),
            (
                "Sensitivity",
                main.action_sensitivity,
                "Stability intervals, weight sweep, tornado, what would have to be true",
            ),
            (
                "Uncertainty (SMAA)",
                main.action_uncertainty,
                "Rank acceptabilities, central weights",
            ),
            ("Value vs cost", main.action_value_cost, "Value for money and the efficient frontier"),
            ("Elicit weights…", main.action_elicit, "Rank order, swing points or AHP pairs"),
            ("Option detail…", main.action_pick_detail, "Everything about one option"),
            ("Keys (help)", app.action_help, "Every key of every screen"),
        ]
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher.query, name), callback, help=help_text)
        text = query.strip()
        if text.lower().endswith((".yaml", ".yml", ".csv")) or "/" in text:
            yield Hit(
                1.0,
                Content(f"Open scenario file {plain(text)}"),
                partial(self.oapp.open_reference, text),
                help="Load a scenario from this path",
            )


def _highlight(query: str, candidate: str) -> Content:
    """The candidate as plain content with the letters of the query marked (no markup read)."""
    from textual.fuzzy import FuzzySearch

    content = Content(candidate)
    score, offsets = FuzzySearch().match(query, candidate)
    if score:
        for offset in offsets:
            content = content.stylize("reverse", offset, offset + 1)
    return content
