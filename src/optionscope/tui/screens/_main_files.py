"""The main screen's files: save and load weights, export the ranking as Markdown, save
the scenario with its what-if values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from optionscope.present.numbers import amount
from optionscope.tui._text import literal
from optionscope.tui.screens._files import ask_and_save, unused_name
from optionscope.tui.screens._modals import PromptModal

if TYPE_CHECKING:
    from optionscope.tui._session import Session
    from optionscope.tui.app import OptionscopeApp


def scenario_with_overrides(session: Session) -> str:
    """The scenario as YAML, with the what-if values written into its assessments."""
    import yaml  # deferred, like every file format below: not needed for the first screen

    s = session.scenario
    data = s.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("schema_version", 1)
    for (oid, cid), v in session.overrides.items():
        a = s.assessments[oid][cid]
        cell = data["assessments"][oid][cid]
        cell["value"] = v
        if a.low is not None and a.low > v:
            cell["low"] = v
        if a.high is not None and a.high < v:
            cell["high"] = v
        note = f"What-if: value changed from {amount(a.value)} to {amount(v)} in optionscope."
        cell["rationale"] = f"{a.rationale} {note}".strip()
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


class SessionFiles(Screen[None]):
    """The file actions of the main screen (`w`, `l`, `x`, `a`)."""

    session: Session

    @property
    def oapp(self) -> OptionscopeApp:
        from optionscope.tui.app import OptionscopeApp

        assert isinstance(self.app, OptionscopeApp)
        return self.app

    def refresh_views(self, rows: bool = True) -> None:
        raise NotImplementedError

    def _save(
        self,
        what: str,
        default: str,
        text: Callable[[], str],
        after: Callable[[Path], None] | None = None,
    ) -> None:
        ask_and_save(self.app, self.oapp.directory, what, default, text, after)

    def action_save_weights(self) -> None:
        from optionscope.io.weights import weights_document

        s = self.session
        default = unused_name(self.oapp.directory, f"{s.scenario.id}-weights", ".yaml")
        self._save(
            "weights",
            default,
            lambda: weights_document(
                s.weights, s.scenario.id, s.profile, f"optionscope: {s.weights_label}"
            ),
            lambda _path: s.mark_saved(weights=True),
        )

    def action_load_weights(self) -> None:
        from optionscope.io.errors import InputError
        from optionscope.io.weights import check_weights, load_weights_file

        directory = self.oapp.directory
        found = sorted(directory.glob("*weights*.yaml"), key=lambda p: p.stat().st_mtime)
        default = found[-1].name if found else ""  # the newest weights file here

        def load(name: str | None) -> None:
            if not name or not name.strip():
                return
            path = Path(name.strip()).expanduser()
            if not path.is_absolute():
                path = directory / path
            try:
                wf = load_weights_file(path)
                check_weights(self.session.scenario, wf.weights, "weights", str(path))
            except InputError as err:
                self.notify(str(err), title="Weights not loaded", severity="error", markup=False)
                return
            except OSError as err:
                self.notify(f"Cannot read {path}: {err}", severity="error", markup=False)
                return
            self.session.set_weights(wf.weights, f"weights file {path.name}", wf.profile)
            self.session.mark_saved(weights=True)
            self.refresh_views()
            self.notify(f"Loaded weights from {path}", markup=False)

        self.app.push_screen(
            PromptModal("Load weights from", default, literal(f"In {directory}")), load
        )

    def action_export_markdown(self) -> None:
        from optionscope.report.tables import render_ranking

        s = self.session
        default = unused_name(self.oapp.directory, f"{s.scenario.id}-ranking", ".md")
        self._save(
            "Markdown summary",
            default,
            lambda: render_ranking(s.current, s.scenario, "md", s.weights_label),
        )

    def action_save_scenario_as(self) -> None:
        from optionscope.io.scenario_files import scenario_from_text

        s = self.session
        text = scenario_with_overrides(s)
        scenario_from_text(text, "what-if scenario")  # the file written must load again
        default = unused_name(self.oapp.directory, f"{s.scenario.id}-whatif", ".yaml")
        self._save("scenario", default, lambda: text, lambda _path: s.mark_saved(overrides=True))
