"""The review state machine: the one place that says which step may follow which."""

from claims.models import ReviewState

S = ReviewState

# action -> {state it may start from: state it leads to}
TRANSITIONS: dict[str, dict[str, str]] = {
    "verdict": {
        S.TO_CHECK: S.IN_REVIEW,
        S.REOPENED: S.IN_REVIEW,
        S.IN_REVIEW: S.IN_REVIEW,  # a revised verdict before sign-off
    },
    "sign_off": {S.IN_REVIEW: S.SIGNED_OFF},
    "send_back": {S.IN_REVIEW: S.TO_CHECK},
    "reopen": {S.SIGNED_OFF: S.REOPENED},
}

WHY_NOT = {
    ("verdict", S.SIGNED_OFF): "This claim is signed off; an editor must reopen it first.",
    ("sign_off", S.TO_CHECK): "There is no verdict to sign off yet.",
    ("sign_off", S.REOPENED): "There is no new verdict to sign off yet.",
    ("sign_off", S.SIGNED_OFF): "This claim is already signed off.",
    ("send_back", S.SIGNED_OFF): "A signed-off claim is reopened, not sent back.",
    ("reopen", S.TO_CHECK): "Only a signed-off claim can be reopened.",
    ("reopen", S.IN_REVIEW): "Only a signed-off claim can be reopened.",
    ("reopen", S.REOPENED): "This claim is already reopened.",
}


class InvalidTransition(ValueError):
    """A review step that the claim's current state does not allow; the message says why."""


def next_state(state: str, action: str) -> str:
    try:
        return TRANSITIONS[action][state]
    except KeyError:
        reason = WHY_NOT.get((action, state), f"Cannot {action.replace('_', ' ')} now.")
        raise InvalidTransition(reason) from None


def allowed_actions(state: str) -> set[str]:
    return {action for action, moves in TRANSITIONS.items() if state in moves}
