/* The runner: runs every registered test (or those whose name contains argv[1])
 * and ends with "unit: N passed, N failed". */
#include "t.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct t_case {
	const char *name;
	const char *file;
	t_fn fn;
};

static struct t_case cases[4096];
static size_t ncases;
int t_failed_now;

void t_register(const char *name, t_fn fn, const char *file)
{
	if (ncases == sizeof(cases) / sizeof(cases[0])) {
		fputs("t: too many tests\n", stderr);
		exit(2);
	}
	cases[ncases++] = (struct t_case){ name, file, fn };
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	t_failed_now = 1;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int by_file_then_name(const void *a, const void *b)
{
	const struct t_case *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	size_t i, passed = 0, failed = 0;

	/* GLib 2.74 hands out objects from its own slabs, where LeakSanitizer cannot see a
	 * leaked pango object; with G_SLICE=always-malloc they come from malloc. GLib reads
	 * the variable before main, so set it and start again (once). */
	if (!getenv("G_SLICE")) {
		setenv("G_SLICE", "always-malloc", 1);
		execv("/proc/self/exe", argv);
	}
	qsort(cases, ncases, sizeof(cases[0]), by_file_then_name);
	for (i = 0; i < ncases; i++) {
		if (argc > 1 && !strstr(cases[i].name, argv[1]))
			continue;
		t_failed_now = 0;
		cases[i].fn();
		if (t_failed_now) {
			printf("not ok %s (%s)\n", cases[i].name, cases[i].file);
			failed++;
		} else {
			printf("ok %s\n", cases[i].name);
			passed++;
		}
		fflush(stdout);
	}
	printf("unit: %zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}
