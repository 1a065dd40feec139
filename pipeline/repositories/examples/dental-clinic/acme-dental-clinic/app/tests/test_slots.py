from app.slots import free_slots


def test_free_slots():
    assert free_slots([9, 10, 14]) == [11, 12, 13, 15, 16]
