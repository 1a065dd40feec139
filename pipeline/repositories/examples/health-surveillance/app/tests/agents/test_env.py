import os


def test_the_pipeline_exports_the_test_environment():
    assert os.environ["ANTHROPIC_API_KEY"] == "test-key-not-real"
    assert os.environ["JWT_SECRET"]
    assert os.environ["DATABASE_URL"].startswith("postgresql+asyncpg://cbi_test:")
