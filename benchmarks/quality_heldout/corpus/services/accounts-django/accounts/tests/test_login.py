from django.contrib.auth import get_user_model
from django.test import TestCase


class LoginTests(TestCase):
    def setUp(self) -> None:
        self.user = get_user_model().objects.create_user(
            "alice", password="test_password_123"
        )

    def login(self, username: str, password: str) -> int:
        resp = self.client.post("/api/login", {"username": username, "password": password})
        return resp.status_code

    def test_wrong_password(self) -> None:
        self.assertEqual(self.login("alice", "not-the-password"), 401)

    def test_hash_format(self) -> None:
        self.assertTrue(check("hunter2", "$2b$12$Y603EdicmsycIK3F8iR7Q/E7/YHR/bt1h5w37P3Xd.zJWItE3INww"))
