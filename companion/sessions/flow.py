"""One quiet session on an injected clock: making the space, the check-in, the flow's steps (each
can be skipped; the whole can be paused or ended early, which still leads to the check-out), the
check-out, done. Minutes are counted per step from the monotonic clock, minus pauses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from companion.clock import Clock
from companion.sessions.checkin import CheckIn
from companion.sessions.flows import Flow, FlowStep


class Stage(StrEnum):
    SPACE = "space"  # dim the lights if you like; tissues and water close by
    CHECK_IN = "check-in"
    STEP = "step"
    CHECK_OUT = "check-out"
    DONE = "done"


@dataclass
class StepResult:
    step: FlowStep
    seconds: float = 0.0
    skipped: bool = False


@dataclass
class FlowRun:
    """Where a session is; the Qt skin shows the stage and runs the step's exercise."""

    flow: Flow
    clock: Clock
    stage: Stage = Stage.SPACE
    index: int = 0
    before: CheckIn | None = None
    after: CheckIn | None = None
    started: datetime | None = None
    results: list[StepResult] = field(default_factory=list)
    ended_early: bool = False
    _step_started: float | None = None
    _paused_at: float | None = None

    @property
    def step(self) -> FlowStep | None:
        return self.flow.steps[self.index] if self.stage is Stage.STEP else None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def begin(self) -> None:
        """Past the 'making the space' screen."""
        self._require(Stage.SPACE)
        self.started = self.clock.now()
        self.stage = Stage.CHECK_IN

    def check_in(self, feeling: CheckIn | None) -> None:
        """The rating before (None: skipped), then the first step."""
        self._require(Stage.CHECK_IN)
        self.before = feeling
        self._enter(0)

    def finish_step(self) -> None:
        """The step's exercise came to its end."""
        self._leave(skipped=False)

    def skip(self) -> None:
        """Leave this step out and go on."""
        self._leave(skipped=True)

    def pause(self) -> None:
        if self.stage is Stage.STEP and self._paused_at is None:
            self._paused_at = self.clock.monotonic()

    def resume(self) -> None:
        if self._paused_at is not None and self._step_started is not None:
            self._step_started += self.clock.monotonic() - self._paused_at
            self._paused_at = None

    def end_early(self) -> None:
        """Stop the steps now; the check-out is still offered."""
        if self.stage is Stage.STEP:
            self.resume()
            self._record(skipped=False)
            for step in self.flow.steps[self.index + 1:]:
                self.results.append(StepResult(step, skipped=True))
            self.ended_early = True
            self.stage = Stage.CHECK_OUT
        elif self.stage in (Stage.SPACE, Stage.CHECK_IN):
            self.ended_early = True
            self.stage = Stage.CHECK_OUT

    def check_out(self, feeling: CheckIn | None) -> None:
        self._require(Stage.CHECK_OUT)
        self.after = feeling
        self.stage = Stage.DONE

    @property
    def minutes(self) -> float:
        return sum(r.seconds for r in self.results) / 60

    def done_steps(self) -> list[StepResult]:
        return [r for r in self.results if not r.skipped]

    # --- inside ---------------------------------------------------------------------------------

    def _require(self, stage: Stage) -> None:
        if self.stage is not stage:
            raise RuntimeError(f"the session is at {self.stage}, not {stage}")

    def _enter(self, index: int) -> None:
        if index >= len(self.flow.steps):
            self.stage = Stage.CHECK_OUT
            return
        self.stage, self.index = Stage.STEP, index
        self._step_started, self._paused_at = self.clock.monotonic(), None

    def _record(self, skipped: bool) -> None:
        step = self.flow.steps[self.index]
        seconds = 0.0
        if not skipped and self._step_started is not None:
            until = self._paused_at if self._paused_at is not None else self.clock.monotonic()
            seconds = max(0.0, until - self._step_started)
        self.results.append(StepResult(step, seconds, skipped))

    def _leave(self, skipped: bool) -> None:
        self._require(Stage.STEP)
        self.resume()
        self._record(skipped)
        self._enter(self.index + 1)
