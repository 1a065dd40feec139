def mastery(correct: int, attempts: int) -> float:
    """Share of correct answers, 0 when nothing was attempted."""
    return 0.0 if attempts == 0 else round(correct / attempts, 2)
