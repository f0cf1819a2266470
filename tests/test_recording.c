/* Tests for src/recording.c: the audio/<lang>/<page>/<n>.ogg convention, Audacity label
 * files (as Audacity writes them, with its frequency lines, commas, CRLF), matching labels
 * to a row's words, and the --check rules on a content folder made in a temporary folder
 * (the sound files are not decoded here: a fake hook gives their lengths). */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "recording.h"
#include "util.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_labels_as_audacity_writes_them(void **state)
{
	(void)state;
	const char *text = "0.120000\t0.400000\tA\n"
	                   "\\\t0.000000\t22050.000000\n" /* spectral selection: skipped */
	                   "0,400000\t0,910000\tcat\r\n"  /* comma decimal point, CRLF */
	                   "1.000000 1.500000 has\n"      /* spaces */
	                   "\n"
	                   "nonsense line\n"
	                   "2.000000\t2.500000\t\n" /* no word */
	                   "3.0\t3.5\tsoft paws\n";
	RecordingLabels l;
	DiagList d = {0};
	assert_true(recording_labels_parse(&l, "1.txt", text, strlen(text), &d));
	assert_int_equal(l.count, 4);
	assert_string_equal(l.items[0].word, "A");
	assert_true(l.items[0].start > 0.119 && l.items[0].start < 0.121);
	assert_string_equal(l.items[1].word, "cat");
	assert_true(l.items[1].start > 0.399 && l.items[1].end < 0.911 && l.items[1].end > 0.909);
	assert_int_equal(l.items[1].line, 3);
	assert_string_equal(l.items[2].word, "has");
	assert_string_equal(l.items[3].word, "soft paws");
	assert_int_equal(l.items[3].line, 8);
	/* two bad lines, each named by line */
	assert_int_equal(d.count, 2);
	assert_true(diag_contains(&d, "1.txt:6: warning"));
	assert_true(diag_contains(&d, "1.txt:7: warning"));
	recording_labels_free(&l);
	diag_clear(&d);
}

static void test_word_matching(void **state)
{
	(void)state;
	const char *row = "Tell them: \xe2\x80\x9cI need help\xe2\x80\x9d, please.";
	size_t offs[16], lens[16];
	size_t n = recording_row_words(row, offs, lens, 16);
	assert_int_equal(n, 6);
	assert_true(recording_word_matches("tell", row + offs[0], lens[0]));
	assert_true(recording_word_matches("them", row + offs[1], lens[1]));
	assert_true(recording_word_matches("I", row + offs[2], lens[2])); /* curly quote stripped */
	assert_true(recording_word_matches("help", row + offs[4], lens[4]));   /* quote and comma */
	assert_true(recording_word_matches("please", row + offs[5], lens[5])); /* full stop */
	assert_false(recording_word_matches("helps", row + offs[4], lens[4]));
	assert_false(recording_word_matches("need", row + offs[4], lens[4]));
}

static void test_labels_that_do_not_match(void **state)
{
	(void)state;
	const char *good = "0\t0.2\tA\n0.2\t0.5\tcat\n0.5\t0.7\thas\n0.7\t1\tsoft\n1\t1.4\tpaws\n";
	const char *wrong = "0\t0.2\tA\n0.2\t0.5\tdog\n0.5\t0.7\thas\n";
	const char *extra =
	    "0\t0.2\tA\n0.2\t0.5\tcat\n0.5\t0.7\thas\n0.7\t1\tsoft\n1\t1.4\tpaws\n1.4\t2\tnow\n";
	const char *backwards =
	    "0\t0.2\tA\n0.2\t0.5\tcat\n0.1\t0.7\thas\n0.7\t1\tsoft\n1\t1.4\tpaws\n";
	const char *row = "A cat has soft paws.";
	RecordingLabels l;
	DiagList d = {0};
	recording_labels_parse(&l, "g.txt", good, strlen(good), &d);
	recording_check_labels(&l, "g.txt", row, &d);
	assert_int_equal(d.count, 0);
	recording_labels_free(&l);

	recording_labels_parse(&l, "w.txt", wrong, strlen(wrong), &d);
	recording_check_labels(&l, "w.txt", row, &d);
	assert_true(diag_contains(
	    &d, "w.txt:2: warning: label 'dog' does not match word 2 of the row, 'cat'"));
	assert_true(diag_contains(&d, "the row has 5 words but there are only 3 labels"));
	recording_labels_free(&l);
	diag_clear(&d);

	recording_labels_parse(&l, "e.txt", extra, strlen(extra), &d);
	recording_check_labels(&l, "e.txt", row, &d);
	assert_int_equal(d.count, 1);
	assert_true(diag_contains(&d, "e.txt:6: warning: label 'now' is one too many"));
	recording_labels_free(&l);
	diag_clear(&d);

	recording_labels_parse(&l, "b.txt", backwards, strlen(backwards), &d);
	recording_check_labels(&l, "b.txt", row, &d);
	assert_int_equal(d.count, 1);
	assert_true(
	    diag_contains(&d, "b.txt:3: warning: label 'has' starts before the label above it"));
	recording_labels_free(&l);
	diag_clear(&d);
}

static void test_expected_length(void **state)
{
	(void)state;
	/* 5 words at 150 wpm: 2 s */
	double e = recording_expected_seconds("A cat has soft paws.", 150);
	assert_true(e > 1.99 && e < 2.01);
	assert_false(recording_length_odd(2.5, "A cat has soft paws.", 150));
	assert_false(recording_length_odd(1.0, "A cat has soft paws.", 150));
	assert_true(recording_length_odd(6.5, "A cat has soft paws.", 150)); /* > 2 x 2 + 2 */
	assert_true(recording_length_odd(0.5, "A cat has soft paws.", 150)); /* < 2 / 3 */
}

/* A content folder with recordings, in a fresh temporary folder. */
typedef struct {
	char dir[64];
} Tmp;

static void make_content(Tmp *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_recording_XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	char *p;
#define MK(...)                                                                                    \
	do {                                                                                       \
		p = xasprintf(__VA_ARGS__);                                                        \
		assert_int_equal(mkdir(p, 0755), 0);                                               \
		free(p);                                                                           \
	} while (0)
#define WR(text, ...)                                                                              \
	do {                                                                                       \
		p = xasprintf(__VA_ARGS__);                                                        \
		write_file(p, text);                                                               \
		free(p);                                                                           \
	} while (0)
	MK("%s/en", t->dir);
	MK("%s/audio", t->dir);
	MK("%s/audio/en", t->dir);
	MK("%s/audio/en/home", t->dir);
	MK("%s/audio/en/gone", t->dir);
	WR("[kiosk]\nhome = home.md\nlanguages = en\n[speech]\nwords_per_minute = 150\n",
	   "%s/kiosk.ini", t->dir);
	WR("# Cats\n\nA cat has soft paws.\n\nDogs like to run and play.\n", "%s/en/home.md",
	   t->dir);
	WR("sound", "%s/audio/en/home/0.wav", t->dir); /* title: fine */
	WR("sound", "%s/audio/en/home/1.ogg", t->dir); /* row 1: fine, with wrong labels */
	WR("0\t0.2\tA\n0.2\t0.5\tbat\n", "%s/audio/en/home/1.txt", t->dir);
	WR("sound", "%s/audio/en/home/1.wav", t->dir);  /* the .ogg wins */
	WR("broken", "%s/audio/en/home/2.ogg", t->dir); /* row 2: cannot be decoded */
	WR("sound", "%s/audio/en/home/7.ogg", t->dir);  /* no row 7 */
	WR("x", "%s/audio/en/home/notes.doc", t->dir);  /* not ours */
	WR("sound", "%s/audio/en/gone/1.ogg", t->dir);  /* no page gone.md */
}

static void rm_content(Tmp *t)
{
	char *cmd = xasprintf("rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_find(void **state)
{
	(void)state;
	Tmp t;
	make_content(&t);
	RecordingRef r;
	assert_true(recording_find(t.dir, "en", "home.md", 0, &r));
	assert_non_null(strstr(r.audio, "/audio/en/home/0.wav"));
	assert_null(r.labels);
	recording_ref_free(&r);
	assert_true(recording_find(t.dir, "en", "home", 1, &r));
	assert_non_null(strstr(r.audio, "/audio/en/home/1.ogg")); /* Ogg before WAV */
	assert_non_null(strstr(r.labels, "/audio/en/home/1.txt"));
	recording_ref_free(&r);
	assert_false(recording_find(t.dir, "en", "home.md", 3, &r));
	assert_null(r.audio);
	assert_false(recording_find(t.dir, "pl", "home.md", 1, &r));
	rm_content(&t);
}

/* The fake decoder: files holding "sound" are 1.5 s long, anything else is unreadable. */
static double fake_seconds(const char *path, void *ctx)
{
	(void)ctx;
	size_t len;
	char *text = util_read_file(path, &len);
	double s = text && strcmp(text, "sound") == 0 ? 1.5 : -1;
	free(text);
	return s;
}

static void test_check_language(void **state)
{
	(void)state;
	Tmp t;
	make_content(&t);
	Content *c = content_open(t.dir);
	assert_non_null(c);
	content_load_all(c);
	DiagList d = {0};
	RecordingStats st;
	recording_check_language(c, &c->langs[0], 150, fake_seconds, NULL, &d, &st);
	assert_int_equal(st.rows, 3);     /* title and 2 rows */
	assert_int_equal(st.recorded, 2); /* title, row 1 (row 2's file is broken) */
	assert_int_equal(st.labelled, 1);
	assert_true(diag_contains(&d, "/audio/en/home/2.ogg: warning: cannot play this recording"));
	assert_true(diag_contains(&d, "/audio/en/home/7.ogg: warning: this is for row 7"));
	assert_true(diag_contains(
	    &d, "/audio/en/home/notes.doc: warning: the kiosk does not use this file"));
	assert_true(diag_contains(&d, "/audio/en/gone: warning: there is no page"));
	assert_true(diag_contains(
	    &d, "/audio/en/home/1.wav: warning: this recording is not played: 1.ogg"));
	assert_true(diag_contains(
	    &d, "/audio/en/home/1.txt:2: warning: label 'bat' does not match word 2"));
	/* "Cats" at 150 wpm is 0.4 s; 1.5 s is not far off (< 2 x 0.4 + 2), so no length warning */
	assert_false(diag_contains(&d, "long, but its text takes"));
	diag_clear(&d);
	/* at 40 words a minute a 5-word row takes 7.5 s: 1.5 s is far too short */
	recording_check_language(c, &c->langs[0], 40, fake_seconds, NULL, &d, &st);
	assert_true(diag_contains(&d, "/audio/en/home/1.ogg: warning: this recording is 1.5 s "
	                              "long, but its text takes about 7.5 s"));
	diag_clear(&d);
	content_close(c);
	rm_content(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_labels_as_audacity_writes_them),
	    cmocka_unit_test(test_word_matching),
	    cmocka_unit_test(test_labels_that_do_not_match),
	    cmocka_unit_test(test_expected_length),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_check_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
