def free_slots(booked: list[int], day: range = range(9, 17)) -> list[int]:
    return [hour for hour in day if hour not in booked]
