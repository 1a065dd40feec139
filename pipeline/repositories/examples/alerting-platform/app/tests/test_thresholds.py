def breached(value, threshold):
    return value >= threshold


def test_breach():
    assert breached(5, 5)
    assert not breached(4, 5)
