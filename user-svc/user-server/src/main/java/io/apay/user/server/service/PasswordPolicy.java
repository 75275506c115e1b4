package io.apay.user.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.user.api.UserErrorCodes;

/** 8 to 64 characters, at least one letter and one digit. */
final class PasswordPolicy {

    private PasswordPolicy() {
    }

    static void check(String password) {
        if (password == null || password.length() < 8 || password.length() > 64
                || !password.matches(".*[A-Za-z].*") || !password.matches(".*\\d.*")) {
            throw new ServiceException(UserErrorCodes.WEAK_PASSWORD);
        }
    }
}
