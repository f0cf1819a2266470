/* Tests for tts.c, audio.c and speech.c with the real eSpeak NG and SDL's audio drivers
 * (dummy and disk: no sound card needed). One eSpeak per process (it is global), shared by
 * every test through the group setup. Waits poll a condition with a time limit; nothing
 * sleeps to "let things happen". */
#include "test.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "narrate.h"
#include "speech.h"
#include "tts.h"
#include "util.h"

static Tts *tts;

static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	(void)bold;
	return (int)(utf8_count(text, len) * (size_t)px / 2);
}

/* A screen with the words speech finds hard: é, a curly apostrophe, numbers, a hyphen, bold. */
static const char row_text[] = "You don\xe2\x80\x99t pay 25 pounds at the caf\xc3\xa9 for well-being help.";
static const char *const row_words[] = {"You", "don\xe2\x80\x99t", "pay", "25", "pounds", "at", "the",
					"caf\xc3\xa9", "for", "well-being", "help."};

typedef struct {
	ContentPage page;
	ContentRow row;
	ContentSpan spans[3];
	LayoutPage *layout;
} Screen;

static void make_screen(Screen *s)
{
	memset(s, 0, sizeof(*s));
	s->spans[0] = (ContentSpan){0, 4, false};
	s->spans[1] = (ContentSpan){4, 7, true}; /* "don’t" in bold */
	s->spans[2] = (ContentSpan){11, strlen(row_text) - 11, false};
	s->row.kind = ROW_TEXT;
	s->row.text = (char *)row_text;
	s->row.spans = s->spans;
	s->row.span_count = 3;
	s->page.title = (char *)"Money";
	s->page.rows = &s->row;
	s->page.row_count = 1;
	s->page.loaded = s->page.ok = true;
	LayoutParams lp = {.screen_w = 1920, .screen_h = 1080, .text_scale = 1.0, .measure = fake_measure};
	s->layout = layout_page(&s->page, &lp);
}

static int setup(void **state)
{
	(void)state;
	tts = tts_create();
	return tts_wait_ready(tts) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tts_destroy(tts);
	return 0;
}

/* Synthesises a whole narration to memory, like --speak does. */
static int16_t *synth(const Narration *n, size_t *samples, TtsWord **words, size_t *word_count)
{
	const char **texts = xcalloc(n->count, sizeof(char *));
	for (size_t i = 0; i < n->count; i++)
		texts[i] = n->parts[i].spoken;
	uint32_t id = tts_say(tts, texts, n->count);
	free(texts);
	tts_wait(tts, id);
	size_t cap = 1 << 18, total = 0, got;
	int16_t *pcm = xmalloc(cap * sizeof(int16_t));
	while ((got = tts_take_audio(tts, id, pcm + total, cap - total)) > 0) {
		total += got;
		if (total == cap)
			pcm = xrealloc(pcm, (cap *= 2) * sizeof(int16_t));
	}
	size_t wcap = 64, wc = 0;
	*words = xmalloc(wcap * sizeof(TtsWord));
	while (tts_take_word(tts, id, &(*words)[wc]))
		if (++wc == wcap)
			*words = xrealloc(*words, (wcap *= 2) * sizeof(TtsWord));
	assert_true(tts_finished(tts, id));
	*samples = total;
	*word_count = wc;
	return pcm;
}

static void screen_synthesises_with_a_word_for_every_word(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Narration *n = narration_screen(scr, NULL);
	tts_set_voice(tts, "en");
	tts_set_rate(tts, 160);
	size_t total, wc;
	TtsWord *words;
	int16_t *pcm = synth(n, &total, &words, &wc);
	int rate = tts_sample_rate(tts);
	assert_int_equal(rate, 22050);
	/* not silent: RMS well above the noise floor */
	double sum = 0;
	for (size_t i = 0; i < total; i++)
		sum += (double)pcm[i] * pcm[i];
	assert_true(sqrt(sum / (double)total) > 500.0);
	/* plausible duration: 12 words (title + row) at 160 wpm, within a factor of 1.5 */
	double seconds = (double)total / rate, expected = 12.0 * 60.0 / 160.0;
	fprintf(stderr, "speech: %.2f s for 12 words (expected about %.2f s)\n", seconds, expected);
	assert_true(seconds > expected / 1.5 && seconds < expected * 1.5);
	/* one lit word per word on screen, in order, pointing at the right text */
	size_t next = 0, last_off = (size_t)-1;
	uint64_t last_sample = 0;
	for (size_t i = 0; i < wc; i++) {
		size_t off, len;
		if (words[i].segment != 1)
			continue; /* the title */
		assert_true(narration_word(n, scr, 1, words[i].char_pos, &off, &len));
		assert_true(words[i].sample >= last_sample);
		last_sample = words[i].sample;
		if (off == last_off)
			continue; /* eSpeak reports some numbers twice */
		assert_true(next < ARRAY_LEN(row_words));
		assert_int_equal(len, strlen(row_words[next]));
		assert_memory_equal(row_text + off, row_words[next], len);
		last_off = off;
		next++;
	}
	assert_int_equal(next, ARRAY_LEN(row_words));
	free(pcm);
	free(words);
	narration_destroy(n);
	layout_page_destroy(s.layout);
}

static void rate_changes_duration_and_unknown_voice_falls_back(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	Narration *n = narration_screen(&s.layout->screens[0], NULL);
	size_t slow, fast, wc;
	TtsWord *words;
	tts_set_rate(tts, 130);
	free(synth(n, &slow, &words, &wc));
	free(words);
	tts_set_rate(tts, 200);
	free(synth(n, &fast, &words, &wc));
	free(words);
	assert_true((double)slow / (double)fast > 1.25);
	/* a voice this machine lacks: English is used, speech still comes out */
	tts_set_voice(tts, "xx-nonexistent");
	size_t total;
	free(synth(n, &total, &words, &wc));
	free(words);
	assert_true(total > 22050);
	assert_true(wc >= 12);
	tts_set_voice(tts, "en");
	tts_set_rate(tts, 160);
	narration_destroy(n);
	layout_page_destroy(s.layout);
}

/* Polls speech until cond(s) holds or limit_ms passes; returns the highlights seen. */
typedef struct {
	size_t offsets[256];
	size_t count;
} Seen;

static bool poll_until(Speech *sp, const LayoutScreen *scr, Seen *seen, bool (*cond)(Speech *, const Seen *),
		       int limit_ms)
{
	Uint64 start = SDL_GetTicks64();
	while (SDL_GetTicks64() - start < (Uint64)limit_ms) {
		SpeechHighlight hl;
		if (speech_update(sp, scr, &hl) && hl.box >= 0 && hl.len > 0 && seen && seen->count < 256)
			seen->offsets[seen->count++] = hl.offset;
		if (cond(sp, seen))
			return true;
		SDL_Delay(5); /* the pace of a frame loop, not a wait for an outcome */
	}
	return false;
}

static bool done(Speech *sp, const Seen *seen)
{
	(void)seen;
	return !speech_active(sp);
}

static bool third_word(Speech *sp, const Seen *seen)
{
	(void)sp;
	return seen->count >= 4;
}

static void highlight_follows_played_audio_and_stop_is_instant(void **state)
{
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Speech *sp = speech_create(tts);
	assert_true(speech_has_sound(sp));
	speech_say(sp, narration_screen(scr, NULL));
	assert_true(speech_active(sp));
	Seen seen = {0};
	assert_true(poll_until(sp, scr, &seen, third_word, 10000));
	/* the highlight moves forward through the words */
	for (size_t i = 1; i < seen.count; i++)
		assert_true(seen.offsets[i] >= seen.offsets[i - 1] || seen.offsets[i - 1] == 0);
	/* Stop mid-sentence: silent at once, nothing left queued, highlight gone */
	speech_stop(sp);
	assert_false(speech_active(sp));
	SpeechHighlight hl;
	speech_update(sp, scr, &hl);
	assert_int_equal(hl.box, -1);
	/* a second Listen starts again from the first word and reads to the end */
	Seen again = {0};
	speech_say(sp, narration_screen(scr, NULL));
	assert_true(poll_until(sp, scr, &again, done, 20000));
	assert_true(again.count >= ARRAY_LEN(row_words));
	size_t row_first = 0;
	for (size_t i = 0; i < again.count; i++)
		if (again.offsets[i] == 0)
			row_first++;
	assert_true(row_first >= 1); /* "You" (offset 0) was lit again */
	speech_destroy(sp);
	layout_page_destroy(s.layout);
}

static void pause_holds_the_highlight(void **state)
{
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Speech *sp = speech_create(tts);
	speech_say(sp, narration_screen(scr, NULL));
	Seen seen = {0};
	assert_true(poll_until(sp, scr, &seen, third_word, 10000));
	speech_pause(sp, true);
	assert_true(speech_paused(sp));
	SpeechHighlight a, b;
	speech_update(sp, scr, &a);
	size_t before = seen.count;
	/* 300 ms of frames while paused: the lit word does not move */
	Uint64 start = SDL_GetTicks64();
	while (SDL_GetTicks64() - start < 300) {
		speech_update(sp, scr, &b);
		assert_int_equal(b.offset, a.offset);
		SDL_Delay(10);
	}
	assert_int_equal(seen.count, before);
	speech_pause(sp, false);
	assert_true(poll_until(sp, scr, &seen, done, 20000));
	assert_true(seen.count > before);
	speech_destroy(sp);
	layout_page_destroy(s.layout);
}

typedef struct {
	int16_t *pcm;
	size_t n, cap;
} Recording;

static void record(const int16_t *pcm, size_t n, void *ctx)
{
	Recording *r = ctx;
	if (r->n + n > r->cap) {
		r->cap = (r->n + n) * 2;
		r->pcm = xrealloc(r->pcm, r->cap * sizeof(int16_t));
	}
	memcpy(r->pcm + r->n, pcm, n * sizeof(int16_t));
	r->n += n;
}

static void disk_driver_gets_exactly_the_synthesised_audio(void **state)
{
	(void)state;
	char path[] = "/tmp/kiosk-disk-audio-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", path, 1);
	/* The disk driver at its real-time pace, like a sound card (with no delay it drains
	 * faster than real time and writes silence between our feeds). */
	unsetenv("SDL_DISKAUDIODELAY");
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Speech *sp = speech_create(tts);
	Recording rec = {0};
	speech_set_tap(sp, record, &rec);
	speech_set_volume(sp, 100);
	speech_say(sp, narration_screen(scr, NULL));
	assert_true(poll_until(sp, scr, NULL, done, 20000));
	speech_destroy(sp);
	/* all of the speech went out: about 12 words at 160 wpm */
	assert_true(rec.n > 22050 * 3);
	size_t len;
	char *raw = util_read_file(path, &len);
	assert_non_null(raw);
	const int16_t *out = (const int16_t *)raw;
	size_t out_n = len / 2, a = 0, b = 0;
	/* skip the leading silence of both, then every sample must match */
	while (a < rec.n && rec.pcm[a] == 0)
		a++;
	while (b < out_n && out[b] == 0)
		b++;
	assert_true(out_n - b >= rec.n - a);
	assert_memory_equal(out + b, rec.pcm + a, (rec.n - a) * sizeof(int16_t));
	free(raw);
	free(rec.pcm);
	unlink(path);
	unsetenv("SDL_DISKAUDIOFILE");
	layout_page_destroy(s.layout);
}

static void no_sound_card_falls_back_and_still_highlights(void **state)
{
	(void)state;
	/* No such driver: no sound at all, captions-only on a clock. */
	setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Speech *sp = speech_create(tts);
	assert_false(speech_has_sound(sp));
	speech_say(sp, narration_screen(scr, NULL));
	Seen seen = {0};
	assert_true(poll_until(sp, scr, &seen, third_word, 10000));
	speech_stop(sp);
	speech_destroy(sp);
	/* alsa with no card (as in CI): falls back to the dummy device, real-time pace */
	setenv("SDL_AUDIODRIVER", "alsa", 1);
	Audio *a = audio_create(22050);
	assert_true(audio_has_device(a));
	int16_t buf[2205] = {0};
	audio_queue(a, buf, ARRAY_LEN(buf));
	assert_int_equal(audio_queued_total(a), 2205);
	audio_clear(a);
	assert_int_equal(audio_queued_total(a), 0);
	assert_int_equal(audio_played(a), 0);
	audio_destroy(a);
	layout_page_destroy(s.layout);
}

static void volume_scales_samples(void **state)
{
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	Audio *a = audio_create(22050);
	audio_set_volume(a, 50);
	assert_int_equal(audio_volume(a), 50);
	audio_set_volume(a, 400);
	assert_int_equal(audio_volume(a), 100);
	audio_set_volume(a, -5);
	assert_int_equal(audio_volume(a), 0);
	audio_destroy(a);
}

/* When reading ends by itself, speech_update reports it as a change with no box: the last
 * word's band (the page number, a pop-up's Close) goes away instead of staying lit. */
static void end_of_reading_clears_the_highlight(void **state)
{
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	Speech *sp = speech_create(tts);
	speech_say(sp, narration_box(scr, 0, NULL)); /* the title: one short word */
	int last_box = -2;
	bool lit = false;
	Uint64 start = SDL_GetTicks64();
	while (speech_active(sp) && SDL_GetTicks64() - start < 10000) {
		SpeechHighlight hl;
		if (speech_update(sp, scr, &hl)) {
			last_box = hl.box;
			lit |= hl.box >= 0;
		}
		SDL_Delay(5); /* the pace of a frame loop */
	}
	assert_false(speech_active(sp));
	assert_true(lit);
	assert_int_equal(last_box, -1);
	speech_destroy(sp);
	layout_page_destroy(s.layout);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(screen_synthesises_with_a_word_for_every_word),
		cmocka_unit_test(rate_changes_duration_and_unknown_voice_falls_back),
		cmocka_unit_test(highlight_follows_played_audio_and_stop_is_instant),
		cmocka_unit_test(pause_holds_the_highlight),
		cmocka_unit_test(end_of_reading_clears_the_highlight),
		cmocka_unit_test(disk_driver_gets_exactly_the_synthesised_audio),
		cmocka_unit_test(no_sound_card_falls_back_and_still_highlights),
		cmocka_unit_test(volume_scales_samples),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
