from scoring import mastery


def test_mastery():
    assert mastery(3, 4) == 0.75
    assert mastery(0, 0) == 0.0
