"""The quiet session: choose a flow (and its steps), make the space, check in, then breathing,
release, writing and closing, each on its own page or here, with a bar to skip or end; check out,
and an honest summary with help when it is too much. History goes to the encrypted journal."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _, ngettext
from companion.journal.prompts import (
    Prompt,
    invitation,
    prompt_for,
    session_turn,
)
from companion.sessions.checkin import RAW_AFTER_RELEASE, CheckIn, needs_gentle_check
from companion.sessions.flow import FlowRun, Stage
from companion.sessions.flows import Flow, FlowStep, StepKind
from companion.sessions.history import HistoryKeeper, LaterCheckIn, SessionRecord
from companion.sessions.suggestion import RELEASE_FLOWS
from companion.ui.session.choices import SessionChoices
from companion.ui.session.later_checkin import LaterCheckInView
from companion.ui.session.view import (
    CALMER_FLOW,
    LATER_MINUTES,
    SessionBar,
    grounding_here,
)
from companion.ui.shell.base_page import BasePage

log = logging.getLogger(__name__)

class SessionPage(SessionChoices):
    """Drives one FlowRun; exercises run on their own pages through open_exercise(page id)."""

    page_id = "session"
    session_active_changed = Signal(bool)
    shown = Signal()  # the app answers with suggest()

    def __init__(self, clock: Clock, flows: list[Flow], prompts: list[Prompt],
                 keeper: HistoryKeeper, open_exercise: Callable[[str], BasePage],
                 show_self: Callable[[], None], parent: QWidget | None = None):
        super().__init__(flows, parent)
        self._clock = clock
        self._prompts = prompts
        self._prompt_turn = 0
        self._last_turn: int | None = None  # the last session's first prompt is not repeated
        self._prompt_step: FlowStep | None = None
        self.keeper = keeper
        self._open_exercise = open_exercise
        self._show_self = show_self
        self.record: SessionRecord | None = None
        self.kept = ""
        self.exercise: BasePage | None = None  # the page running the current step
        self._listening: set[str] = set()
        self.play_sound: Callable[[str], None] = lambda _sound: None
        self.stop_sound: Callable[[], None] = lambda: None
        self.remind_later: Callable[[int], None] = lambda _minutes: None
        self.help_requested: Callable[[], None] = lambda: None
        self.open_journal: Callable[[], None] = lambda: None
        self.bar = SessionBar()
        self.bar.skip_button.clicked.connect(self.skip)
        self.bar.end_button.clicked.connect(self.end_early)
        self.write_timer = QTimer(self)
        self.write_timer.setObjectName("session-writing")
        self.write_timer.setSingleShot(True)
        self.write_timer.timeout.connect(self._writing_done)

        self.begin_button.clicked.connect(self.begin)
        self.ready_button.clicked.connect(self._ready)
        self.not_now_button.clicked.connect(self._cancel)
        self.new_prompt_button.clicked.connect(self.new_prompt)
        self.keep_button.clicked.connect(lambda: self.open_journal())
        self.here_done.clicked.connect(self._here_finished)
        self.help_button.clicked.connect(lambda: self.help_requested())
        self.later_button.clicked.connect(self._later)
        self.create_journal_button.clicked.connect(lambda: self.open_journal())
        self.finish_button.clicked.connect(self._cancel)
        self.later = LaterCheckInView(lambda feeling: self.keeper.keep(
            LaterCheckIn(self._clock.now(), feeling)))
        self.stack.addWidget(self.later)
        self.later.finished.connect(lambda: self.stack.setCurrentWidget(self.picker))
        self.later.checkin.help_requested.connect(lambda: self.help_requested())
        self.later.checkin.calmer_requested.connect(self._calmer_now)
        self.checkin.given.connect(self._checked)
        self.checkin.help_requested.connect(lambda: self.help_requested())
        self.checkin.calmer_requested.connect(self._calmer)
        self.checkin.skipped.connect(lambda: self._checked(None))
        self.set_flows(flows)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.shown.emit()

    # --- running ----------------------------------------------------------------------------------

    def start_main_action(self) -> None:
        if self.run is None:
            self.begin()

    def begin(self) -> None:
        self.run = FlowRun(self.chosen_flow(), self._clock)
        self.stack.setCurrentWidget(self.space)
        self.ready_button.setFocus()  # the forward action; "Not now" is one Tab away
        self.session_active_changed.emit(True)

    def _ready(self) -> None:
        assert self.run is not None
        self.run.begin()
        if self.run.flow.sound:
            self.play_sound(self.run.flow.sound)
        self.checkin.reset(_("Before we begin: how are you, right now?"),
                           offer_care=self.run.flow.id != CALMER_FLOW)
        self.stack.setCurrentWidget(self.checkin)
        self.checkin.distress.setFocus()

    def _calmer(self) -> None:
        """Wind down instead of the flow chosen, keeping the check-in just given."""
        calmer = next((f for f in self.flows if f.id == CALMER_FLOW), None)
        if calmer is None or self.run is None or self.run.stage is not Stage.CHECK_IN:
            return
        feeling = self.checkin.current()
        self.run = FlowRun(calmer, self._clock)
        self.run.begin()
        if calmer.sound:
            self.play_sound(calmer.sound)
        self.run.check_in(feeling)
        self._next()

    def later_check_in(self) -> None:
        """The check-in a while after a session (from its reminder); not during a session."""
        if self.run is not None and self.run.stage is not Stage.DONE:
            return
        self.later.reset()
        self.stack.setCurrentWidget(self.later)
        self.later.checkin.distress.setFocus()

    def _calmer_now(self) -> None:
        """From the later check-in: begin Wind down, with this answer as its first check-in."""
        calmer = next((f for f in self.flows if f.id == CALMER_FLOW), None)
        if calmer is None:
            return
        feeling = self.later.checkin.current()
        self.later.keep_quietly(feeling)
        self.run = FlowRun(calmer, self._clock)
        self.run.begin()
        if calmer.sound:
            self.play_sound(calmer.sound)
        self.run.check_in(feeling)
        self.session_active_changed.emit(True)
        self._next()

    def _checked(self, feeling: CheckIn | None) -> None:
        run = self.run
        if run is None:
            return
        if run.stage is Stage.CHECK_IN:
            run.check_in(feeling)
            self._next()
        elif run.stage is Stage.CHECK_OUT:
            run.check_out(feeling)
            self._finish()

    def _next(self) -> None:
        """Start whatever the flow is at now."""
        run = self.run
        if run is None:
            return
        step = run.step
        if step is None:
            self._show_self()
            self.bar.hide()
            self.checkin.reset(_("And now: how are you?"))
            self.stack.setCurrentWidget(self.checkin)
            self.checkin.distress.setFocus()
            return
        number = run.index + 1
        self.bar.label.setText(_("Quiet session · step {number} of {count}: {value}").format(
            number=number, count=len(run.flow.steps), value=self._step_name(step)))
        self.bar.show()
        if step.kind is StepKind.RELEASE:
            def start_release(page: BasePage) -> None:
                page.select(step.script)  # type: ignore[attr-defined]
                page.start_main_action()

            self._exercise("relax", start_release)
        elif step.kind is StepKind.EXPRESS:
            seed = run.started.timestamp() if run.started is not None else 0.0
            self._prompt_turn = session_turn(seed + run.index, len(self._prompts),
                                             self._last_turn)
            self._last_turn = self._prompt_turn
            self._prompt_step = step
            self._here(self._prompt_text(), invitation(), writing=True)
            self.new_prompt_button.show()
            self.write_timer.start(round(step.minutes * 60_000))
        elif step.grounding:
            self._here(_("Coming back"), grounding_here(), writing=False)
        else:
            self._exercise("breathe", lambda page: page.start_for(  # type: ignore[attr-defined]
                step.pattern, step.minutes))

    def _exercise(self, page_id: str, start: Callable[[BasePage], object]) -> None:
        page = self._open_exercise(page_id)
        if page_id not in self._listening:
            page.session_active_changed.connect(  # type: ignore[attr-defined]
                lambda active, pid=page_id: self._exercise_changed(pid, active))
            self._listening.add(page_id)
        self.exercise = page
        start(page)
        if not page.is_running():  # it could not start (a note to read first, say): wait
            log.info("session step waits for %s to start", page_id)

    def _exercise_changed(self, page_id: str, active: bool) -> None:
        run, page = self.run, self.exercise
        if active or run is None or page is None or page.page_id != page_id \
                or run.stage is not Stage.STEP:
            return
        self.exercise = None
        run.finish_step()
        self._next()

    def _here(self, title: str, text: str, writing: bool) -> None:
        self._show_self()
        self.here_title.setText(title)
        self.here_text.setText(text)
        self.writing.setVisible(writing)
        self.writing.clear()
        self.new_prompt_button.setVisible(writing)
        note, button = self._where_writing_goes() if writing else ("", "")
        self.keep_note.setText(note)
        self.keep_note.setVisible(bool(note))
        self.keep_button.setText(button)
        self.keep_button.setVisible(bool(button))
        self.stack.setCurrentWidget(self.here)

    def _prompt_text(self) -> str:
        run, step = self.run, self._prompt_step
        release = run is not None and run.flow.id in RELEASE_FLOWS
        grief = step.grief if step is not None else False
        return prompt_for(self._prompts, self._prompt_turn, grief, release).text

    def new_prompt(self) -> None:
        """Another prompt, inside the session (what is written so far stays)."""
        self._prompt_turn += 1
        self.here_title.setText(self._prompt_text())

    def _where_writing_goes(self) -> tuple[str, str]:
        """Before the writing starts: whether it will be kept, and a way to keep it."""
        if self.keeper.vault() is not None:
            return _("What you write here is kept, encrypted, in your journal."), ""
        if self.keeper.exists():
            return (_("Your journal is locked, so what you write here will not be kept. Unlock it "
                    "first if you want to keep it.")), _("Open my journal")
        return (_("There is no journal yet, so what you write here will not be kept. You can make "
                "one first, and come back.")), _("Create a journal")

    def _writing_done(self) -> None:
        self.here_text.setText(_("Your writing time is over. Finish your sentence, then press "
                               "Done."))

    def _here_finished(self) -> None:
        self.write_timer.stop()
        run = self.run
        if run is None or run.stage is not Stage.STEP:
            return
        if self.writing.isVisible() and self.writing.toPlainText().strip():
            self._keep_writing(self.here_title.text(), self.writing.toPlainText())
        self.writing.clear()
        run.finish_step()
        self._next()

    def _keep_writing(self, prompt: str, text: str) -> None:
        """Writing goes into the journal when it is open; otherwise it is not kept anywhere."""
        vault = self.keeper.vault()
        if vault is None:
            return
        from companion.journal.entry import Entry

        vault.save(Entry.new(self._clock.now(), prompt[:200], text, ("quiet-session",)))

    def skip(self) -> None:
        run = self.run
        if run is None or run.stage is not Stage.STEP:
            return
        self.write_timer.stop()
        self._stop_exercise()
        run.skip()
        self._next()

    def end_early(self) -> None:
        run = self.run
        if run is None:
            return
        self.write_timer.stop()
        self._stop_exercise()
        run.end_early()
        self._next()

    def _stop_exercise(self) -> None:
        page, self.exercise = self.exercise, None
        if page is not None and page.is_running():
            page.stop()

    def stop(self) -> None:
        """Esc on this page ends the session early (the check-out is still offered)."""
        if self.run is not None and self.run.stage is Stage.STEP:
            self.end_early()

    def is_running(self) -> bool:
        return self.run is not None and self.run.stage not in (Stage.DONE,)

    def _finish(self) -> None:
        run = self.run
        assert run is not None
        self.record = SessionRecord.from_run(run)
        try:
            self.kept = self.keeper.keep(self.record)
        except Exception as exc:  # a full disk, say: the session itself still ends kindly
            log.warning("session record not kept: %s", exc)
            self.kept = "failed"
        before, after = run.before, run.after
        minutes = round(run.minutes)
        lines = [ngettext("You spent {count} minute with yourself.",
                          "You spent {count} minutes with yourself.", minutes).format(count=minutes)]
        if before is not None and after is not None:
            lines.append(_("Distress before: {before} of 10. After: {after}.").format(
                before=before.distress, after=after.distress))
        if any(r.step.kind is StepKind.RELEASE and not r.skipped for r in run.results):
            lines.append(RAW_AFTER_RELEASE)
        self.summary_text.setText("\n\n".join(lines))
        gentle = after is not None and needs_gentle_check(before, after)
        self.help_box.setVisible(gentle)
        self.help_button.setVisible(gentle)
        self.later_button.setEnabled(True)
        self.kept_label.setText({
            "saved": _("This session is kept, encrypted, in your journal."),
            "held": _("Your journal is locked: this session will be saved when you next unlock "
                    "it."),
            "no-journal": _("Nothing was kept: there is no journal yet. With one, your sessions "
                          "are kept, encrypted, and Progress can show how they went."),
            "off": _("Nothing was kept: session history is switched off."),
            "failed": _("This session could not be saved; nothing else is affected."),
        }[self.kept])
        self.create_journal_button.setVisible(self.kept == "no-journal")
        self.stack.setCurrentWidget(self.summary)
        self.finish_button.setFocus()  # forward; "Check in with me again" is never the default
        self.session_active_changed.emit(False)

    def _later(self) -> None:
        self.remind_later(LATER_MINUTES)
        self.later_button.setEnabled(False)
        self.later_button.setText(_("A gentle check-in will come later"))

    def _cancel(self) -> None:
        was_running = self.run is not None and self.run.stage is not Stage.DONE
        self.run = None
        self.bar.hide()
        self.stop_sound()
        self.stack.setCurrentWidget(self.picker)
        if was_running:
            self.session_active_changed.emit(False)
