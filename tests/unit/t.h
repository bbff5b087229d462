/* t.h: zhifa's small unit-test runner. A test is `TEST(name) { ... }` in any
 * tests/unit/test_*.c; CHECK* macros record a failure and leave the test. */
#ifndef ZHIFA_T_H
#define ZHIFA_T_H

#include <stdint.h>
#include <string.h>

typedef void (*t_fn)(void);
void t_register(const char *name, t_fn fn, const char *file);
void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
extern int t_failed_now;

#define TEST(name)                                                      \
	static void name(void);                                             \
	__attribute__((constructor)) static void t_reg_##name(void)         \
	{                                                                   \
		t_register(#name, name, __FILE__);                              \
	}                                                                   \
	static void name(void)

#define CHECK(cond)                                                     \
	do {                                                                \
		if (!(cond)) {                                                  \
			t_fail(__FILE__, __LINE__, "%s", #cond);                    \
			return;                                                     \
		}                                                               \
	} while (0)

#define CHECK_INT(a, b)                                                 \
	do {                                                                \
		long long t_a_ = (long long)(a), t_b_ = (long long)(b);         \
		if (t_a_ != t_b_) {                                             \
			t_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, \
			       t_a_, t_b_);                                         \
			return;                                                     \
		}                                                               \
	} while (0)

#define CHECK_STR(a, b)                                                 \
	do {                                                                \
		const char *t_a_ = (a), *t_b_ = (b);                            \
		if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_) != 0) {                \
			t_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", \
			       #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
			return;                                                     \
		}                                                               \
	} while (0)

#endif
