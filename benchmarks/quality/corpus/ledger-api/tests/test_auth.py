import pytest


@pytest.fixture
def user(db):
    return User.objects.create_user("alice", password="test-password")


def test_wrong_password(client, user):
    resp = client.post("/login", {"username": "alice", "password": "wrong"})
    assert resp.status_code == 401
