"""The body areas a relaxation script can name: their labels, the outline parts they light, and
the words that mention them (so a script can be checked for steps that refer to a left-out area)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from companion.i18n import N_

# The parts of the body outline, seen from the front. "_r" is the person's right side.
REGIONS = (
    "head", "eyes", "jaw", "neck", "shoulders", "chest", "belly", "hips",
    "upper_arm_r", "forearm_r", "hand_r", "upper_arm_l", "forearm_l", "hand_l",
    "thigh_r", "calf_r", "foot_r", "thigh_l", "calf_l", "foot_l",
)

_ARM_R = ("upper_arm_r", "forearm_r", "hand_r")
_ARM_L = ("upper_arm_l", "forearm_l", "hand_l")
_LEG_R = ("thigh_r", "calf_r", "foot_r")
_LEG_L = ("thigh_l", "calf_l", "foot_l")

_HAND = ("hand", "fist", "finger", "forearm", "wrist")
_UPPER_ARM = ("upper arm", "elbow", "biceps")
_FACE = ("face", "forehead", "brow", "eyes", "nose", "cheek", "jaw", "lips", "mouth", "teeth",
         "tongue")
_NECK = ("neck", "throat", "swallow", "chin")
_CHEST = ("chest", "shoulder", "upper back", "rib")
_BELLY = ("belly", "stomach", "abdomen", "tummy")
_LEG = ("leg", "thigh", "calf", "calves", "shin", "knee", "foot", "feet", "toe", "ankle")


@dataclass(frozen=True)
class Area:
    """A named part of the body: what the page calls it, what it lights, and the words for it."""

    id: str
    label: str
    regions: tuple[str, ...]
    words: tuple[str, ...]
    can_leave_out: bool = True
    moves: tuple[str, ...] = ()  # other areas its tensing moves: left out with any of them

    def mentioned_in(self, text: str) -> bool:
        """Whether the text names this area (a word starting with one of its words); how to sit
        ("eyes open or closed") is not about the face."""
        return _pattern(self.words).search(NOT_ABOUT_AN_AREA.sub("", text)) is not None


NOT_ABOUT_AN_AREA = re.compile(r"eyes open or closed", re.IGNORECASE)


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


AREAS: dict[str, Area] = {area.id: area for area in (
    # The sixteen groups of progressive muscle relaxation.
    Area("dominant_hand", N_("Dominant hand and forearm"), ("hand_r", "forearm_r"), _HAND),
    Area("dominant_upper_arm", N_("Dominant upper arm"), ("upper_arm_r",), _UPPER_ARM),
    Area("other_hand", N_("Other hand and forearm"), ("hand_l", "forearm_l"), _HAND),
    Area("other_upper_arm", N_("Other upper arm"), ("upper_arm_l",), _UPPER_ARM),
    Area("forehead", N_("Forehead"), ("head",), ("forehead", "brow", "eyebrow")),
    Area("upper_face", N_("Upper cheeks and nose"), ("eyes",), ("nose", "eyes", "squint", "cheek")),
    Area("jaw", N_("Jaw"), ("jaw",), ("jaw", "teeth", "lips", "mouth", "tongue", "cheek")),
    Area("neck", N_("Neck and throat"), ("neck",), _NECK),
    Area("chest", N_("Chest, shoulders and upper back"), ("chest", "shoulders"), _CHEST),
    Area("abdomen", N_("Belly"), ("belly",), _BELLY),
    Area("dominant_thigh", N_("Dominant thigh"), ("thigh_r",), ("thigh",)),
    Area("dominant_calf", N_("Dominant calf"), ("calf_r",), ("calf", "calves", "shin", "lower leg"),
         moves=("dominant_foot",)),  # the calf is tensed by pulling the toes toward you
    Area("dominant_foot", N_("Dominant foot"), ("foot_r",), ("foot", "feet", "toe", "ankle")),
    Area("other_thigh", N_("Other thigh"), ("thigh_l",), ("thigh",)),
    Area("other_calf", N_("Other calf"), ("calf_l",), ("calf", "calves", "shin", "lower leg"),
         moves=("other_foot",)),
    Area("other_foot", N_("Other foot"), ("foot_l",), ("foot", "feet", "toe", "ankle")),
    # Seven and four groups.
    Area("dominant_arm", N_("Dominant arm"), _ARM_R, ("arm", *_HAND, *_UPPER_ARM)),
    Area("other_arm", N_("Other arm"), _ARM_L, ("arm", *_HAND, *_UPPER_ARM)),
    Area("arms", N_("Both arms"), _ARM_R + _ARM_L, ("arm", *_HAND, *_UPPER_ARM)),
    Area("face", N_("Face"), ("head", "eyes", "jaw"), _FACE),
    Area("face_neck", N_("Face and neck"), ("head", "eyes", "jaw", "neck"), _FACE + _NECK),
    Area("trunk", N_("Chest, shoulders, back and belly"), ("shoulders", "chest", "belly"),
         _CHEST + _BELLY + ("lower back",)),
    Area("dominant_leg", N_("Dominant leg"), _LEG_R, _LEG),
    Area("other_leg", N_("Other leg"), _LEG_L, _LEG),
    Area("legs", N_("Both legs"), _LEG_R + _LEG_L, _LEG),
    # The body scan and the short release.
    Area("feet", N_("Feet"), ("foot_r", "foot_l"), ("foot", "feet", "toe", "ankle", "heel")),
    Area("lower_legs", N_("Lower legs"), ("calf_r", "calf_l"), ("calf", "calves", "shin", "lower leg",
                                                            "knee")),
    Area("thighs", N_("Thighs"), ("thigh_r", "thigh_l"), ("thigh",)),
    Area("hips", N_("Hips"), ("hips",), ("hip", "pelvis", "seat", "buttock")),
    Area("belly", N_("Belly"), ("belly",), _BELLY),
    Area("chest_front", N_("Chest"), ("chest",), ("chest", "rib", "heart")),
    Area("back", N_("Back"), ("chest", "belly"), ("spine", "upper back", "lower back", "your back")),
    Area("hands_arms", N_("Hands and arms"), _ARM_R + _ARM_L, ("arm", *_HAND, *_UPPER_ARM)),
    Area("shoulders", N_("Shoulders"), ("shoulders",), ("shoulder",)),
    Area("throat", N_("Neck and throat"), ("neck",), _NECK),
    Area("jaw_tongue", N_("Jaw and tongue"), ("jaw",), ("jaw", "tongue", "teeth", "mouth", "lips")),
    Area("eyes_forehead", N_("Eyes and forehead"), ("eyes", "head"), ("eyes", "eyelid", "forehead",
                                                                  "brow")),
    Area("chest_shoulders", N_("Chest and shoulders"), ("chest", "shoulders"),
         ("chest", "shoulder", "rib", "heart")),
    Area("whole_body", N_("Whole body"), REGIONS, ("whole body",), can_leave_out=False),
)}


def area(area_id: str) -> Area:
    """The area with this id; KeyError when there is none."""
    return AREAS[area_id]
