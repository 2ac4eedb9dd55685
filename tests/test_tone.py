from __future__ import annotations

from svcnlp.tone import compound


def test_tone_signs_and_empty() -> None:
    assert compound("The staff were lovely and so helpful.") > 0.3
    assert compound("The agent was rude and useless.") < -0.3
    assert compound("   ") == 0.0
