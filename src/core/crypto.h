/* crypto.h: the few primitives zhifa needs from OpenSSL libcrypto, with plain names. */
#ifndef ZHIFA_CRYPTO_H
#define ZHIFA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* Fills p with n bytes from the OS CSPRNG; 0 or -1. */
int crypto_random(void *p, size_t n);
/* SHA-256 of p[0..n) into out. */
void crypto_sha256(const void *p, size_t n, uint8_t out[32]);
/* Lowercase hex of p[0..n) into out (2n+1 bytes, NUL-terminated). */
void hex_encode(const void *p, size_t n, char *out);
/* Decodes exactly 2n hex digits of s into out; 0 or -1. */
int hex_decode(const char *s, void *out, size_t n);
/* Standard base64 with padding; out needs 4*((n+2)/3)+1 bytes. */
void base64_encode(const void *p, size_t n, char *out);
/* Strict standard base64 (padding required); returns decoded length or -1. */
long base64_decode(const char *s, void *out, size_t outcap);
/* Constant-time comparison. */
int crypto_memeq(const void *a, const void *b, size_t n);

/* Password hashing with scrypt (N=2^15, r=8, p=1, 16-byte salt) into a self-describing
 * string "scrypt$15$8$1$<salt b64>$<hash b64>" (out: at least 128 bytes). 0 or -1. */
int password_hash(const char *password, char *out, size_t outlen);
/* 1 when password matches stored, 0 when not, -1 when stored is malformed. */
int password_verify(const char *password, const char *stored);

/* A new random bearer secret: 32 random bytes as 43 url-safe base64 chars (out: 64 bytes),
 * and its storage form: lowercase hex of SHA-256 (hash_out: 65 bytes). */
int token_new(char *out, char *hash_out);
void token_hash(const char *token, char *hash_out);

/* A UUIDv7 (time-ordered) as 36-char text (out: 37 bytes). */
int uuid7(char *out);

#endif
