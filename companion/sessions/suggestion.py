"""Which quiet session to suggest now, and why: the one that eased things most lately, else one
for the time of day. Kept apart from the progress figures, so Home can say it without loading
them."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from companion.i18n import _

if TYPE_CHECKING:  # the journal's records load with the journal, not with Home's suggestion
    from companion.sessions.history import SessionRecord

# Flows made for a release (crying): mood often dips first and lifts only later (Gračanin et al.
# 2015), so their "after" ratings say little, and they are never suggested as what "eased most".
RELEASE_FLOWS = frozenset({"let-it-out"})


def suggest_flow(records: list[SessionRecord], hour: int, flow_ids: list[str]) -> tuple[str, str]:
    """The flow to suggest and why: the one that eased the most lately (from at least two rated
    sessions; never a release flow), else by the time of day."""
    scores: dict[str, list[int]] = defaultdict(list)
    for record in records[-20:]:
        if (record.easing is not None and record.flow_id in flow_ids
                and record.flow_id not in RELEASE_FLOWS):
            scores[record.flow_id].append(record.easing)
    rated = {fid: sum(v) / len(v) for fid, v in scores.items() if len(v) >= 2}
    if rated:
        best = max(rated, key=lambda fid: rated[fid])
        if rated[best] > 0:
            return best, _("It has eased things most for you lately.")
    if (hour >= 20 or hour < 6) and "wind-down" in flow_ids:
        return "wind-down", _("Something gentle for the evening.")
    if "after-a-hard-day" in flow_ids:
        return "after-a-hard-day", _("A full session, when you have half an hour.")
    return flow_ids[0], ""
