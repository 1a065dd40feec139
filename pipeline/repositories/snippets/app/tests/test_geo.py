from cbi.geo import haversine_km


def test_khartoum_to_omdurman_is_a_few_kilometres():
    assert 5 < haversine_km(15.5007, 32.5599, 15.6445, 32.4777) < 20
