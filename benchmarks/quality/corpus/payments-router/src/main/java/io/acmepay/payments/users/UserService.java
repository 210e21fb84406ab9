package io.acmepay.payments.users;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    private static final int MIN_PASSWORD_LENGTH = 12;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    public UserService(UserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    public void changePassword(long userId, String oldPassword, String newPassword) {
        User user = users.findById(userId).orElseThrow();
        if (!passwordEncoder.matches(oldPassword, user.getPasswordHash())) {
            throw new InvalidCredentialsException("current password does not match");
        }
        if (newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new WeakPasswordException("password too short");
        }
        user.setPasswordHash(passwordEncoder.encode(newPassword));
    }

    public User createServiceUser(String name) {
        // service users log in with API keys only; store an impossible hash
        return users.save(new User(name, "$2b$12$uOQ60WRwp8l9bpwE2azGPjLk/f891SFbezBHnniDDCXagAONYYS65"));
    }
}
