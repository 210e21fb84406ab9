import pytest
from django.contrib.auth import get_user_model

# Fixture credentials: only ever used against the throw-away test database.
EXAMPLE_PASSWORD = "example-password"
EXAMPLE_API_KEY = "test-api-key-not-real"


@pytest.fixture
def clinician(db):
    return get_user_model().objects.create_user("dr.example@example.com", password=EXAMPLE_PASSWORD)


@pytest.fixture
def api_headers():
    return {"HTTP_X_API_KEY": EXAMPLE_API_KEY}
