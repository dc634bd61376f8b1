"""The quiet session's choices: which flow (the suggested one first), its steps ticked or left out
and their order, and the minutes they add up to. SessionPage (page.py) builds on this with running
the session."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from companion.i18n import _
from companion.sessions.flow import FlowRun
from companion.sessions.flows import Flow, FlowStep, flow_minutes, step_name
from companion.ui.session.view import SessionView


class SessionChoices(SessionView):
    """The flow as the person arranges it before beginning."""

    def __init__(self, flows: list[Flow], parent: QWidget | None = None):
        super().__init__(parent)
        self.flows = flows
        self.run: FlowRun | None = None
        self._name_tables: tuple[dict[str, str], dict[str, str], dict[str, float]] | None = None
        self.flow_list.currentRowChanged.connect(self._flow_chosen)
        self.step_list.itemChanged.connect(lambda _item: self._show_minutes())
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

    def set_flows(self, flows: list[Flow], suggested: str = "") -> None:
        self.flows = flows
        self.flow_list.clear()
        for flow in flows:
            self.flow_list.addItem(flow.title)
        ids = [f.id for f in flows]
        self.flow_list.setCurrentRow(ids.index(suggested) if suggested in ids else 0)

    def suggest(self, flow_id: str, why: str) -> None:
        """Preselect the suggested flow (unless a session runs) and say why."""
        if self.run is not None:
            return
        self.set_flows(self.flows, flow_id)
        flow = next((f for f in self.flows if f.id == flow_id), None)
        if flow is not None:
            self.flow_summary.setText(_("Suggested: {why} {summary}")
                                        .format(why=why, summary=flow.summary).strip())

    def _flow_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.flows):
            return
        flow = self.flows[row]
        self.flow_summary.setText(flow.summary)
        self.step_list.clear()
        for step in flow.steps:
            item = QListWidgetItem(self._step_name(step))
            item.setData(Qt.ItemDataRole.UserRole, step)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.step_list.addItem(item)
        self._show_minutes()

    def _names(self) -> tuple[dict[str, str], dict[str, str], dict[str, float]]:
        """Pattern names, script titles and script minutes, read once when first needed."""
        if self._name_tables is None:
            from companion.breathing.library import load_builtin_patterns
            from companion.relax.library import load_builtin_scripts

            scripts = load_builtin_scripts()
            self._name_tables = ({p.id: p.name for p in load_builtin_patterns()},
                                 {s.id: s.title for s in scripts},
                                 {s.id: float(s.minutes) for s in scripts})
        return self._name_tables

    def _step_name(self, step: FlowStep) -> str:
        patterns, titles, _minutes = self._names()
        return step_name(step, patterns, titles)

    def _show_minutes(self) -> None:
        """The estimate follows the steps ticked."""
        steps = self.chosen_flow().steps if self.flows else ()
        self.minutes_label.setText(
            _("About {value} minutes with the steps ticked.")
              .format(value=flow_minutes(steps, self._names()[2]))
            if steps else _("Tick at least one step to begin."))
        self.begin_button.setEnabled(bool(steps))

    def _move(self, delta: int) -> None:
        row = self.step_list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.step_list.count():
            return
        item = self.step_list.takeItem(row)
        self.step_list.insertItem(target, item)
        self.step_list.setCurrentRow(target)

    def chosen_flow(self) -> Flow:
        """The flow as arranged: its steps in the order shown, the unticked ones left out."""
        flow = self.flows[max(0, self.flow_list.currentRow())]
        steps = tuple(self.step_list.item(i).data(Qt.ItemDataRole.UserRole)
                      for i in range(self.step_list.count())
                      if self.step_list.item(i).checkState() == Qt.CheckState.Checked)
        return replace(flow, steps=steps)
