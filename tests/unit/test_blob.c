/* The evidence store: content addresses, the digest writer, ranges, file names. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/evidence.h"
#include "api/records.h"
#include "store/blob.h"
#include "t.h"

/* sha256("abc") and sm3("abc") (FIPS 180-2, GB/T 32905 appendix A) */
#define ABC_SHA256 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define ABC_SM3 "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"

static void tmpdir_make(char *dir, size_t n)
{
	snprintf(dir, n, "/tmp/zhifa-blob-XXXXXX");
	if (!mkdtemp(dir))
		dir[0] = '\0';
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void rm_rf(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return;
}

TEST(blob_path_is_the_content_address_and_refuses_anything_else)
{
	char out[256];

	CHECK_INT(blob_path("/d", ABC_SHA256, out, sizeof(out)), 0);
	CHECK_STR(out, "/d/objects/sha256/ba/78/" ABC_SHA256);
	CHECK_INT(blob_path("/d", "../../etc/passwd", out, sizeof(out)), -1);
	CHECK_INT(blob_path("/d", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", out, sizeof(out)), -1);
	CHECK_INT(blob_path("/d", ABC_SHA256 "0", out, sizeof(out)), -1);
	CHECK_INT(blob_path("/d", "ba78", out, sizeof(out)), -1);
	CHECK_INT(blob_path("/d", NULL, out, sizeof(out)), -1);
	CHECK_INT(blob_path("/d", ABC_SHA256, out, 20), -1);
}

TEST(blob_writer_hashes_sha256_and_sm3_while_bytes_arrive_and_stores_once)
{
	struct blob_writer w;
	struct zerr e = ZERR_INIT;
	char dir[64], sha[65], sm3[65], path[1100], tmp[1100];

	tmpdir_make(dir, sizeof(dir));
	CHECK(dir[0]);
	CHECK_INT(blob_writer_open(&w, dir, 100, &e), 0);
	CHECK_INT(blob_writer_add(&w, "a", 1, &e), 0);
	CHECK_INT(blob_writer_add(&w, "bc", 2, &e), 0);
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", dir);
	CHECK_INT(count_files(tmp), 1);
	CHECK_INT(blob_writer_finish(&w, NULL, sha, sm3, &e), 0);
	CHECK_STR(sha, ABC_SHA256);
	CHECK_STR(sm3, ABC_SM3);
	CHECK_INT(count_files(tmp), 0);
	blob_path(dir, sha, path, sizeof(path));
	CHECK_INT(access(path, R_OK), 0);
	CHECK_INT(blob_check(dir, ABC_SHA256, ABC_SM3, 3, &e), 0);
	CHECK_INT(blob_check(dir, ABC_SHA256, ABC_SM3, 4, &e), 1);
	/* the same bytes again: one file, the temporary one removed */
	CHECK_INT(blob_writer_open(&w, dir, 100, &e), 0);
	CHECK_INT(blob_writer_add(&w, "abc", 3, &e), 0);
	CHECK_INT(blob_writer_finish(&w, ABC_SHA256, sha, sm3, &e), 0);
	CHECK_INT(count_files(tmp), 0);
	snprintf(tmp, sizeof(tmp), "%s/objects/sha256/ba/78", dir);
	CHECK_INT(count_files(tmp), 1);
	zerr_clear(&e);
	rm_rf(dir);
}

TEST(blob_partial_resumes_with_a_kept_state_or_a_rehash_to_the_same_digests)
{
	struct blob_writer w;
	struct blob_hash kept = { NULL, NULL };
	struct zerr e = ZERR_INIT;
	char dir[64], sha[65], sm3[65], tmp[1100];
	int fd, fd2;

	tmpdir_make(dir, sizeof(dir));
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", dir);
	/* "a" acknowledged; "Xyz" refused past the cap of 3 */
	fd = blob_partial_open(dir, "resumable-t1", 1, &e);
	CHECK(fd >= 0);
	fd2 = blob_partial_open(dir, "resumable-t1", 1, &e);
	CHECK_INT(fd2, -1); /* one writer at a time */
	CHECK_INT(e.status, 423);
	CHECK_STR(e.code, "upload_locked");
	zerr_clear(&e);
	CHECK_INT(blob_writer_resume(&w, dir, "resumable-t1", fd, 0, 3, NULL, &e), 0);
	CHECK_INT(blob_writer_add(&w, "a", 1, &e), 0);
	CHECK_INT(blob_writer_sync(&w, &e), 0);
	CHECK_INT(blob_writer_add(&w, "Xyz", 3, &e), -1);
	CHECK_INT(e.status, 413);
	zerr_clear(&e);
	blob_writer_suspend(&w, &kept);
	blob_writer_abort(&w); /* a resumable file survives an abort */
	CHECK_INT(count_files(tmp), 1);
	/* without the kept state: the first byte is re-hashed; "b" is written but never
	 * acknowledged (the process dies before its offset moves) */
	fd = blob_partial_open(dir, "resumable-t1", 0, &e);
	CHECK(fd >= 0);
	CHECK_INT(blob_writer_resume(&w, dir, "resumable-t1", fd, 1, 3, NULL, &e), 0);
	CHECK_INT(blob_writer_add(&w, "b", 1, &e), 0);
	blob_writer_suspend(&w, NULL);
	/* resuming at the acknowledged offset 1 with the state kept at 1 cuts the
	 * unacknowledged "b" off */
	fd = blob_partial_open(dir, "resumable-t1", 0, &e);
	CHECK_INT(blob_writer_resume(&w, dir, "resumable-t1", fd, 1, 3, &kept, &e), 0);
	CHECK(kept.sha == NULL); /* taken over */
	CHECK_INT(blob_writer_add(&w, "bc", 2, &e), 0);
	CHECK_INT(w.head_len, 3);
	CHECK_INT(blob_writer_finish(&w, ABC_SHA256, sha, sm3, &e), 0);
	CHECK_STR(sha, ABC_SHA256);
	CHECK_STR(sm3, ABC_SM3);
	CHECK_INT(count_files(tmp), 0);
	CHECK_INT(blob_check(dir, ABC_SHA256, ABC_SM3, 3, &e), 0);
	/* a partial file shorter than its acknowledged offset is not resumed */
	fd = blob_partial_open(dir, "resumable-t2", 1, &e);
	CHECK_INT(blob_writer_resume(&w, dir, "resumable-t2", fd, 5, 10, NULL, &e), -1);
	CHECK_STR(e.code, "partial_missing");
	zerr_clear(&e);
	CHECK_INT(blob_partial_open(dir, "../x", 1, &e), -1);
	zerr_clear(&e);
	CHECK_INT(blob_partial_open(dir, "resumable-none", 0, &e), -1);
	CHECK_INT(e.status, 404);
	zerr_clear(&e);
	blob_partial_unlink(dir, "resumable-t2");
	CHECK_INT(count_files(tmp), 0);
	rm_rf(dir);
}

TEST(blob_derived_path_is_addressed_by_the_source_digest_and_a_safe_name)
{
	char out[256];

	CHECK_INT(blob_derived_path("/d", ABC_SHA256, "thumb256.jpg", out, sizeof(out)), 0);
	CHECK_STR(out, "/d/objects/derived/ba/78/" ABC_SHA256 "-thumb256.jpg");
	CHECK_INT(blob_derived_path("/d", ABC_SHA256, "../x", out, sizeof(out)), -1);
	CHECK_INT(blob_derived_path("/d", ABC_SHA256, "a/b", out, sizeof(out)), -1);
	CHECK_INT(blob_derived_path("/d", ABC_SHA256, "", out, sizeof(out)), -1);
	CHECK_INT(blob_derived_path("/d", "ba78", "thumb256.jpg", out, sizeof(out)), -1);
	CHECK_INT(blob_derived_path("/d", ABC_SHA256, "thumb256.jpg", out, 40), -1);
}

TEST(blob_writer_refuses_past_its_cap_and_a_forged_digest_leaving_nothing)
{
	struct blob_writer w;
	struct zerr e = ZERR_INIT;
	char dir[64], sha[65], sm3[65], tmp[1100];

	tmpdir_make(dir, sizeof(dir));
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", dir);
	CHECK_INT(blob_writer_open(&w, dir, 4, &e), 0);
	CHECK_INT(blob_writer_add(&w, "abcd", 4, &e), 0);
	CHECK_INT(blob_writer_add(&w, "e", 1, &e), -1);
	CHECK_INT(e.status, 413);
	CHECK_STR(e.code, "upload_too_large");
	blob_writer_abort(&w);
	blob_writer_abort(&w); /* harmless twice */
	CHECK_INT(count_files(tmp), 0);
	zerr_clear(&e);
	CHECK_INT(blob_writer_open(&w, dir, 100, &e), 0);
	CHECK_INT(blob_writer_add(&w, "abc", 3, &e), 0);
	CHECK_INT(blob_writer_finish(&w, "0000000000000000000000000000000000000000000000000000000000000000",
				     sha, sm3, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK_STR(e.code, "digest_mismatch");
	CHECK_INT(count_files(tmp), 0);
	snprintf(tmp, sizeof(tmp), "%s/objects/sha256", dir);
	CHECK_INT(count_files(tmp), 0);
	CHECK_INT(blob_check(dir, ABC_SHA256, NULL, -1, &e), 2);
	zerr_clear(&e);
	rm_rf(dir);
}

TEST(evidence_range_single_ranges_suffixes_and_unsatisfiable)
{
	uint64_t s = 0, n = 0;

	CHECK_INT(evidence_range(NULL, 1000, &s, &n), 0);
	CHECK_INT(evidence_range("bytes=0-9", 1000, &s, &n), 1);
	CHECK_INT(s, 0);
	CHECK_INT(n, 10);
	CHECK_INT(evidence_range("bytes=990-", 1000, &s, &n), 1);
	CHECK_INT(s, 990);
	CHECK_INT(n, 10);
	CHECK_INT(evidence_range("bytes=-50", 1000, &s, &n), 1);
	CHECK_INT(s, 950);
	CHECK_INT(n, 50);
	CHECK_INT(evidence_range("bytes=-5000", 1000, &s, &n), 1);
	CHECK_INT(s, 0);
	CHECK_INT(n, 1000);
	CHECK_INT(evidence_range("bytes=500-99999", 1000, &s, &n), 1);
	CHECK_INT(n, 500);
	CHECK_INT(evidence_range("bytes=1000-", 1000, &s, &n), -1);
	CHECK_INT(evidence_range("bytes=-0", 1000, &s, &n), -1);
	CHECK_INT(evidence_range("bytes=0-1,3-4", 1000, &s, &n), 0);
	CHECK_INT(evidence_range("bytes=9-1", 1000, &s, &n), 0);
	CHECK_INT(evidence_range("items=0-1", 1000, &s, &n), 0);
	CHECK_INT(evidence_range("bytes=x-1", 1000, &s, &n), 0);
	CHECK_INT(evidence_range("bytes=18446744073709551616-", 1000, &s, &n), 0);
}

TEST(evidence_file_names_carry_no_path)
{
	CHECK(evidence_filename_ok("现场照片 01.jpg"));
	CHECK(evidence_filename_ok("a.b.c"));
	CHECK(!evidence_filename_ok("../x"));
	CHECK(!evidence_filename_ok("a/b"));
	CHECK(!evidence_filename_ok("a\\b"));
	CHECK(!evidence_filename_ok(".."));
	CHECK(!evidence_filename_ok("."));
	CHECK(!evidence_filename_ok("a\nb"));
	CHECK(!evidence_filename_ok(""));
	CHECK(evidence_instant_ok("2026-05-01T08:30:00Z"));
	CHECK(evidence_instant_ok("2026-05-01T08:30:00.123Z"));
	CHECK(!evidence_instant_ok("2999-05-01T08:30:00Z"));
	CHECK(!evidence_instant_ok("2026-02-30T08:30:00Z"));
	CHECK(!evidence_instant_ok("2026-05-01 08:30:00"));
	CHECK(!evidence_instant_ok("2026-05-01T25:30:00Z"));
}

TEST(blob_sweep_tmp_removes_only_old_leftovers)
{
	struct blob_writer w;
	struct zerr e = ZERR_INIT;
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	char dir[64], tmp[1100];

	tmpdir_make(dir, sizeof(dir));
	CHECK_INT(blob_writer_open(&w, dir, 100, &e), 0);
	CHECK_INT(utimensat(AT_FDCWD, w.tmp_path, old, 0), 0); /* a crash long ago */
	close(w.fd);
	w.fd = -1;
	w.tmp_path[0] = '\0'; /* forget it, as a crashed process would */
	blob_writer_abort(&w);
	CHECK_INT(blob_writer_open(&w, dir, 100, &e), 0); /* an upload in flight */
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", dir);
	CHECK_INT(count_files(tmp), 2);
	CHECK_INT(blob_sweep_tmp(dir, 3600), 1);
	CHECK_INT(count_files(tmp), 1);
	blob_writer_abort(&w);
	CHECK_INT(count_files(tmp), 0);
	rm_rf(dir);
}

TEST(blob_writer_sm3_on_a_helper_thread_matches_one_pass_hashing)
{
	struct blob_writer w;
	struct blob_hash h;
	struct zerr e = ZERR_INIT;
	size_t n = 5u * 1024 * 1024 + 12345, off = 0, step = 1;
	unsigned char *data = malloc(n);
	char dir[64], sha[65], sm3[65], want_sha[65], want_sm3[65];
	size_t i;

	CHECK(data);
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	CHECK_INT(blob_hash_init(&h), 0);
	blob_hash_add(&h, data, n);
	blob_hash_final(&h, want_sha, want_sm3);
	tmpdir_make(dir, sizeof(dir));
	CHECK_INT(blob_writer_open(&w, dir, n, &e), 0);
	while (off < n) { /* pieces of every size, across buffer boundaries */
		size_t k = step < n - off ? step : n - off;

		CHECK_INT(blob_writer_add(&w, data + off, k, &e), 0);
		off += k;
		step = step * 3 + 7 > 300000 ? 1 : step * 3 + 7;
	}
	CHECK(w.par);
	CHECK_INT(blob_writer_finish(&w, want_sha, sha, sm3, &e), 0);
	CHECK_STR(sha, want_sha);
	CHECK_STR(sm3, want_sm3);
	CHECK_INT(blob_check(dir, want_sha, want_sm3, (int64_t)n, &e), 0);
	/* an abort in the middle stops the thread and frees everything */
	CHECK_INT(blob_writer_open(&w, dir, n, &e), 0);
	CHECK_INT(blob_writer_add(&w, data, 3u * 1024 * 1024, &e), 0);
	blob_writer_abort(&w);
	CHECK(!w.par);
	free(data);
	zerr_clear(&e);
	rm_rf(dir);
}
