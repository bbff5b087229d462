/* zhifa doc: render an enforcement document from a JSON model, to try templates out
 * without a database (docs/documents.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/crypto.h"
#include "doc/doc.h"

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: zhifa doc render --model FILE.json --out FILE.pdf\n"
	      "       zhifa doc templates\n"
	      "  Renders the document the model describes (its \"template\" names one of the\n"
	      "  templates below) and prints the PDF's size and SHA-256. The model format is\n"
	      "  in docs/documents.md. Templates:\n", f);
	for (i = 0; i < doc_template_count(); i++)
		fprintf(f, "    %-22s %s\n", doc_template_id(i), doc_template_title(i));
}

/* Writes n bytes to path; 0, or -1 when any step failed. */
static int write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	if (fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

int cmd_doc(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	json_error_t je;
	json_t *model = NULL;
	uint8_t digest[32];
	char hex[65];
	size_t i;
	int ret = 1;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest < 1) {
		usage(o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	if (strcmp(o.rest[0], "templates") == 0) {
		for (i = 0; i < doc_template_count(); i++)
			printf("%s\t%s\n", doc_template_id(i), doc_template_title(i));
		return 0;
	}
	if (strcmp(o.rest[0], "render") != 0 || !o.model || !o.out) {
		usage(stderr);
		return 2;
	}
	model = json_load_file(o.model, JSON_REJECT_DUPLICATES, &je);
	if (!model) {
		fprintf(stderr, "zhifa doc: %s:%d: %s\n", o.model, je.line, je.text);
		goto out;
	}
	if (doc_render(model, &pdf, &e) < 0) {
		fprintf(stderr, "zhifa doc: %s\n", e.detail);
		for (i = 0; i < json_array_size(e.errors); i++) {
			json_t *x = json_array_get(e.errors, i);

			fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(x, "field")),
				json_string_value(json_object_get(x, "message")));
		}
		goto out;
	}
	if (write_file(o.out, pdf.data, pdf.len) < 0) {
		fprintf(stderr, "zhifa doc: cannot write %s\n", o.out);
		goto out;
	}
	crypto_sha256(pdf.data, pdf.len, digest);
	hex_encode(digest, sizeof(digest), hex);
	printf("%s: %zu bytes, sha256 %s\n", o.out, pdf.len, hex);
	ret = 0;
out:
	json_decref(model);
	buf_release(&pdf);
	zerr_clear(&e);
	return ret;
}
