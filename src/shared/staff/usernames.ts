// What a staff username may look like, for the administration screens and `circa create-admin`
// alike. Sign-in accepts at most MAX_USERNAME_CHARS (SignInRequest).
export const MAX_USERNAME_CHARS = 100;

/** Letters, digits and . _ @ -: what staff can type on any keyboard, and an email address fits. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
