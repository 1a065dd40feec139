"""Against the job's service containers: PostGIS answers a spatial query, Redis a PING."""
import subprocess


def psql(sql: str) -> str:
    return subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-tA", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def test_postgis_measures_a_distance():
    metres = float(psql("SELECT ST_DistanceSphere(ST_MakePoint(32.5599, 15.5007), ST_MakePoint(32.4777, 15.6445));"))
    assert 5000 < metres < 20000


def test_redis_answers_on_redis_url():
    import os
    from urllib.parse import urlparse
    url = urlparse(os.environ["REDIS_URL"])
    out = subprocess.run(["redis-cli", "-h", url.hostname, "-p", str(url.port), "-n", url.path.strip("/"), "PING"], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "PONG"
