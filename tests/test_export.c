/* Tests for src/export.c (`kiosk --export-html DIR`): the shipped content and a small
 * two-language fixture (tests/fixtures/export/multi: a glossary.md, a picture name with a
 * space, words that must be escaped) are exported to a temporary folder; the test looks
 * for the files, the lang attributes, the alt text and the rewritten links, and runs
 * HTML Tidy on every page: `tidy -e -q` must report nothing (exit status 0; 1 means
 * warnings, 2 errors). Tidy is in the Makefile's DEB_PKGS. Run from the repository root. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "export.h"
#include "util.h"

#define MULTI "tests/fixtures/export/multi"

typedef struct {
	char dir[64];
	char *log;
	size_t log_len;
	int code;
} Export;

static void export_to_temp(Export *e, const char *content_dir)
{
	snprintf(e->dir, sizeof(e->dir), "/tmp/kiosk-export-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	e->log = NULL;
	FILE *log = open_memstream(&e->log, &e->log_len);
	assert_non_null(log);
	e->code = export_html(content_dir, e->dir, log);
	fclose(log);
}

static void remove_temp(Export *e)
{
	char *cmd = xasprintf("rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(e->log);
}

static char *read_out(const Export *e, const char *rel)
{
	char *path = path_join(e->dir, rel);
	char *text = util_read_file(path, NULL);
	if (!text)
		fprintf(stderr, "%s was not written\n", path);
	free(path);
	assert_non_null(text);
	return text;
}

static bool out_exists(const Export *e, const char *rel)
{
	char *path = path_join(e->dir, rel);
	bool ok = path_is_file(path);
	free(path);
	return ok;
}

static void assert_contains(const char *text, const char *needle, const char *file)
{
	if (!strstr(text, needle)) {
		fprintf(stderr, "%s does not contain: %s\n", file, needle);
		fail();
	}
}

/* tidy -e -q must say nothing and exit 0. */
static void assert_tidy_clean(const Export *e, const char *rel)
{
	char *cmd = xasprintf("tidy -e -q '%s/%s' 2>&1", e->dir, rel);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char buf[512];
	size_t said = 0;
	while (fgets(buf, sizeof(buf), p)) {
		fprintf(stderr, "tidy: %s: %s", rel, buf);
		said += strlen(buf);
	}
	int status = pclose(p);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		fprintf(stderr, "tidy is not installed: apt-get install tidy (make deps)\n");
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(said, 0);
	free(cmd);
}

/* Every page of content/en is there, valid, in English, with its pictures. */
static void test_shipped_content(void **state)
{
	(void)state;
	static const char *const pages[] = {
	    "index.html",
	    "about.html",
	    "advocate-here.html",
	    "ask-for-help.html",
	    "care-act.html",
	    "co-production.html",
	    "foreword.html",
	    "good-commissioning.html",
	    "hard-words.html",
	    "how-advocacy-helps.html",
	    "how-to-use.html",
	    "other-advocacy.html",
	    "planning.html",
	    "training.html",
	    "what-councils-do.html",
	    "what-is-advocacy.html",
	    "your-voice.html",
	};
	Export e;
	export_to_temp(&e, "content");
	if (e.code != 0)
		fprintf(stderr, "%s", e.log);
	assert_int_equal(e.code, 0);
	assert_false(out_exists(&e, "home.html")); /* home is index.html */
	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		char *html = read_out(&e, pages[i]);
		assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
		assert_null(strstr(html, ".md\""));
		assert_contains(html, "<link rel=\"stylesheet\" href=\"easy-read.css\">", pages[i]);
		assert_null(strstr(html, "alt=\"\""));
		assert_tidy_clean(&e, pages[i]);
		free(html);
	}
	char *index = read_out(&e, "index.html");
	assert_contains(index, "<h1>Help to have your say</h1>", "index.html");
	assert_contains(index, "<img src=\"images/law.svg\" alt=\"Scales, a sign for the law\">",
	                "index.html");
	assert_contains(index, "<a href=\"care-act.html\">The Care Act 2014</a>", "index.html");
	/* Rows in the kiosk's order. */
	assert_true(strstr(index, "care-act.html") < strstr(index, "what-is-advocacy.html"));
	assert_true(strstr(index, "what-is-advocacy.html") < strstr(index, "advocate-here.html"));
	free(index);
	char *care = read_out(&e, "care-act.html");
	assert_contains(care,
	                "<a href=\"hard-words.html#word-wellbeing\"><strong>wellbeing</strong></a>",
	                "care-act.html");
	free(care);
	char *hard = read_out(&e, "hard-words.html");
	assert_contains(hard, "<div class=\"row\" id=\"word-co-production\">", "hard-words.html");
	free(hard);
	assert_true(out_exists(&e, "easy-read.css"));
	assert_true(out_exists(&e, "images/book.svg"));
	assert_true(out_exists(&e, "images/ui/next.svg"));
	assert_true(out_exists(&e, "images/CREDITS.md"));
	assert_true(out_exists(&e, "images/LICENSE-OpenMoji.txt"));
	remove_temp(&e);
}

/* Two languages, a glossary.md, escaping, a picture name with a space. */
static void test_languages_glossary_and_escaping(void **state)
{
	(void)state;
	Export e;
	export_to_temp(&e, MULTI);
	if (e.code != 0)
		fprintf(stderr, "%s", e.log);
	assert_int_equal(e.code, 0);
	static const char *const pages[] = {"index.html", "dogs-more.html", "hard-words.html",
	                                    "pl/index.html"};
	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		assert_tidy_clean(&e, pages[i]);
	assert_false(out_exists(&e, "glossary.html")); /* not a page of its own */
	assert_false(out_exists(&e, "images/unused.svg"));
	assert_true(out_exists(&e, "images/my cat.svg"));
	assert_true(out_exists(&e, "images/ui/dog.svg"));
	assert_true(out_exists(&e, "images/CREDITS.md"));

	char *index = read_out(&e, "index.html");
	assert_contains(index, "<html lang=\"en\">", "index.html");
	assert_contains(index, "<h1>Cats &lt;&amp;&gt; &quot;dogs&quot;</h1>", "index.html");
	assert_contains(index,
	                "<img src=\"images/my%20cat.svg\" alt=\"A cat&#39;s &quot;face&quot; "
	                "&amp; &lt;ears&gt;\">",
	                "index.html");
	assert_contains(index, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; stop.", "index.html");
	assert_null(strstr(index, "<script"));
	assert_contains(index, "<a href=\"dogs-more.html\">Dogs &amp; more</a>", "index.html");
	assert_contains(index,
	                "<a href=\"hard-words.html#word-whiskers\"><strong>whiskers</strong></a>",
	                "index.html");
	assert_contains(index, "<p>Cats have <strong>claws</strong> too.</p>", "index.html");
	assert_contains(index, "<div class=\"row no-picture\">", "index.html");
	assert_contains(index, "<h2>A heading with <strong>bold</strong></h2>", "index.html");
	assert_contains(index, "<a href=\"pl/index.html\" lang=\"pl\" hreflang=\"pl\">pl</a>",
	                "index.html");
	free(index);

	char *dogs = read_out(&e, "dogs-more.html");
	assert_contains(dogs, "<a href=\"hard-words.html#word-paw\"><strong>paws</strong></a>",
	                "dogs-more.html");
	assert_contains(dogs, "<a href=\"index.html\">Back to cats</a>", "dogs-more.html");
	assert_contains(dogs, "<a href=\"pl/index.html\" lang=\"pl\"", "dogs-more.html");
	free(dogs);

	/* Generated from glossary.md: sorted, with ids for the links, then its buttons. */
	char *hard = read_out(&e, "hard-words.html");
	char *paw = strstr(hard, "id=\"word-paw\"");
	char *whiskers = strstr(hard, "id=\"word-whiskers\"");
	char *back = strstr(hard, "Back to cats");
	assert_non_null(paw);
	assert_non_null(whiskers);
	assert_non_null(back);
	assert_true(paw < whiskers && whiskers < back);
	free(hard);

	char *pl = read_out(&e, "pl/index.html");
	assert_contains(pl, "<html lang=\"pl\">", "pl/index.html");
	assert_contains(pl, "<link rel=\"stylesheet\" href=\"../easy-read.css\">", "pl/index.html");
	assert_contains(pl, "<img src=\"../images/my%20cat.svg\" alt=\"Kot\">", "pl/index.html");
	assert_contains(pl, "Zażółć gęślą jaźń.", "pl/index.html");
	assert_contains(pl, "<a href=\"../index.html\" lang=\"en\" hreflang=\"en\">en</a>",
	                "pl/index.html");
	free(pl);
	remove_temp(&e);
}

/* Broken content is still exported as far as it goes, with exit code 1. */
static void test_content_with_errors(void **state)
{
	(void)state;
	Export e;
	export_to_temp(&e, "tests/fixtures/check/picture-missing");
	assert_int_equal(e.code, 1);
	assert_contains(e.log, "error: picture 'cow.svg' not found", "the log");
	char *index = read_out(&e, "index.html");
	assert_contains(index, "<div class=\"row no-picture\">", "index.html");
	free(index);
	assert_tidy_clean(&e, "index.html");
	remove_temp(&e);
}

static void test_cannot_open_or_write(void **state)
{
	(void)state;
	assert_int_equal(export_html("tests/fixtures/no-such-folder", "/tmp/unused", NULL), 2);
	Export e;
	snprintf(e.dir, sizeof(e.dir), "/tmp/kiosk-export-XXXXXX");
	assert_non_null(mkdtemp(e.dir));
	e.log = NULL;
	char *file = path_join(e.dir, "file");
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	char *under_file = path_join(file, "out");
	assert_int_equal(export_html("content", under_file, NULL), 2);
	free(under_file);
	free(file);
	remove_temp(&e);
}

/* Issue #22: run as root, --export-html copied /etc/shadow into the export through a
 * symlink in the images folder. Nothing outside the images folder is copied: not a picture
 * reached through images/root -> (outside), not a CREDITS.md linked outside. The links
 * point at files this test makes, never at system files. */
static void test_symlinks_not_exported(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/kiosk-export-src-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	char *cmd = xasprintf("mkdir -p '%s/content/en' '%s/images' '%s/outside' && "
	                      "cp images/ui/home.svg '%s/images/fine.svg' && "
	                      "cp images/ui/home.svg '%s/outside/secret.svg' && "
	                      "echo 'root:SECRET-HASH:0:0' > '%s/outside/shadow' && "
	                      "ln -s '%s/outside' '%s/images/root' && "
	                      "ln -s '%s/outside/shadow' '%s/images/CREDITS.md'",
	                      root, root, root, root, root, root, root, root, root, root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	char *ini = xasprintf("%s/content/kiosk.ini", root), *home = xasprintf("%s/content/en/home.md", root);
	FILE *f = fopen(ini, "w");
	assert_non_null(f);
	fputs("[kiosk]\nname = Links\nimages = ../images\n", f);
	fclose(f);
	f = fopen(home, "w");
	assert_non_null(f);
	fputs("# Home\n\n![a secret](root/secret.svg) Look.\n\n![a house](fine.svg) Fine.\n", f);
	fclose(f);
	char *content = xasprintf("%s/content", root);
	Export e;
	export_to_temp(&e, content);
	fprintf(stderr, "%s", e.log ? e.log : "");
	assert_true(out_exists(&e, "images/fine.svg"));
	assert_false(out_exists(&e, "images/root/secret.svg"));
	assert_false(out_exists(&e, "images/CREDITS.md"));
	char *grep = xasprintf("grep -rq SECRET-HASH '%s'", e.dir);
	assert_int_not_equal(system(grep), 0);
	free(grep);
	assert_non_null(strstr(e.log, "is a link to a file outside"));
	remove_temp(&e);
	cmd = xasprintf("rm -rf '%s'", root); /* rm never follows the links */
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(ini);
	free(home);
	free(content);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_symlinks_not_exported),
	    cmocka_unit_test(test_shipped_content),
	    cmocka_unit_test(test_languages_glossary_and_escaping),
	    cmocka_unit_test(test_content_with_errors),
	    cmocka_unit_test(test_cannot_open_or_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
