import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

TEST_PASSWORD = "test-password-123"
FAKE_TOKEN = "fake-token-for-tests"


@pytest.fixture
def user(db):
    User = get_user_model()
    return User.objects.create_user(username="alice", email="alice@example.com", password=TEST_PASSWORD)


@pytest.fixture
def client():
    return APIClient()


def test_login_returns_token(client, user):
    resp = client.post("/api/login", {"username": "alice", "password": TEST_PASSWORD})
    assert resp.status_code == 200
    assert "token" in resp.json()


def test_login_rejects_bad_password(client, user):
    resp = client.post("/api/login", {"username": "alice", "password": "wrong"})
    assert resp.status_code == 401


def test_stored_password_is_hashed(user):
    assert user.password.startswith("pbkdf2_sha256$")
    assert not user.check_password("pbkdf2_sha256$600000$iBSed1S3wlj46Fuq3sXRo5$A8Ezqifu1h52558bT+8/y2wk1UaiLvDNDK72jrpxL/8=")


def test_api_rejects_garbage_bearer(client):
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")
    resp = client.get("/api/invoices/")
    assert resp.status_code == 401
