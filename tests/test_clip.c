/* Tests for src/clip.c (decoding, resampling, trimming and normalising a recording) and for
 * recordings in src/speech.c (a reading that mixes recorded rows and eSpeak NG rows). The
 * "recordings" are made here: eSpeak NG's own speech or a tone, written as WAV, and as Ogg
 * Vorbis with oggenc (vorbis-tools); label files come from eSpeak's word events, like an
 * Audacity label track. One eSpeak per process, as in test_speech. */
#include "test.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clip.h"
#include "narrate.h"
#include "recording.h"
#include "settings.h"
#include "speech.h"
#include "tts.h"
#include "util.h"

static Tts *tts;
static char tmp[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/test_clip_XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	tts = tts_create();
	return tts_wait_ready(tts) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tts_destroy(tts);
	char *cmd = xasprintf("rm -rf '%s'", tmp);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

/* 16-bit PCM WAV, interleaved channels. */
static void write_wav(const char *path, const int16_t *pcm, size_t frames, int rate, int channels)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	uint32_t data = (uint32_t)(frames * 2 * (size_t)channels), v32;
	uint16_t v16;
	fwrite("RIFF", 1, 4, f);
	v32 = 36 + data;
	fwrite(&v32, 4, 1, f);
	fwrite("WAVEfmt ", 1, 8, f);
	v32 = 16;
	fwrite(&v32, 4, 1, f);
	v16 = 1;
	fwrite(&v16, 2, 1, f);
	v16 = (uint16_t)channels;
	fwrite(&v16, 2, 1, f);
	v32 = (uint32_t)rate;
	fwrite(&v32, 4, 1, f);
	v32 = (uint32_t)(rate * 2 * channels);
	fwrite(&v32, 4, 1, f);
	v16 = (uint16_t)(2 * channels);
	fwrite(&v16, 2, 1, f);
	v16 = 16;
	fwrite(&v16, 2, 1, f);
	fwrite("data", 1, 4, f);
	fwrite(&data, 4, 1, f);
	fwrite(pcm, 2, frames * (size_t)channels, f);
	fclose(f);
}

/* 0.5 s silence, 1 s of a 300 Hz tone at `amp`, 0.5 s silence: 44.1 kHz stereo. */
static void write_tone(const char *path, double amp)
{
	size_t frames = 44100 * 2;
	int16_t *pcm = xcalloc(frames * 2, sizeof(int16_t));
	for (size_t i = 22050; i < 22050 + 44100; i++) {
		int16_t v = (int16_t)lrint(amp * sin(2 * M_PI * 300.0 * (double)i / 44100.0));
		pcm[2 * i] = pcm[2 * i + 1] = v;
	}
	write_wav(path, pcm, frames, 44100, 2);
	free(pcm);
}

static double plain_rms(const int16_t *x, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)x[i] * x[i];
	return n ? sqrt(sum / (double)n) : 0;
}

static size_t zero_crossings(const int16_t *x, size_t n)
{
	size_t z = 0;
	for (size_t i = 1; i < n; i++)
		if ((x[i - 1] < 0) != (x[i] < 0))
			z++;
	return z;
}

static void check_tone(const Clip *c, double tolerance)
{
	assert_int_equal(c->rate, 22050);
	/* 1 s of tone plus 30 ms kept at each end */
	assert_true(fabs((double)c->count / 22050 - 1.06) < tolerance);
	assert_true(fabs(c->trimmed_s - 0.47) < tolerance);
	assert_true(fabs(c->source_seconds - 2.0) < tolerance);
	/* normalised to eSpeak's level */
	double rms = clip_speech_rms(c->pcm, c->count, 22050);
	assert_true(fabs(rms - CLIP_SPEECH_RMS) < CLIP_SPEECH_RMS * 0.03);
	/* still 300 Hz after resampling: 300 zero crossings in the middle half second */
	size_t z =
	    zero_crossings(c->pcm + c->count / 4, c->count / 2 < 11025 ? c->count / 2 : 11025);
	assert_true(z > 295 && z < 305);
}

static void wav_is_resampled_trimmed_and_normalised(void **state)
{
	(void)state;
	char *wav = tmp_path("tone.wav");
	write_tone(wav, 800); /* quiet: about -35 dBFS */
	Clip c;
	char why[128];
	assert_true(clip_load(&c, wav, 22050, why, sizeof(why)));
	check_tone(&c, 0.01);
	assert_true(c.gain > 5); /* made louder */
	double s = clip_file_seconds(wav);
	assert_true(fabs(s - 2.0) < 0.001);
	clip_free(&c);
	clip_free(NULL);
	free(wav);
}

static void ogg_vorbis_decodes_like_the_wav(void **state)
{
	(void)state;
	char *wav = tmp_path("tone2.wav"), *ogg = tmp_path("tone2.ogg");
	write_tone(wav, 8000);
	char *cmd = xasprintf("oggenc -Q -q 2 -o '%s' '%s'", ogg, wav);
	assert_int_equal(system(cmd), 0);
	Clip c;
	char why[128];
	assert_true(clip_load(&c, ogg, 22050, why, sizeof(why)));
	check_tone(&c, 0.02);
	clip_free(&c);
	/* a .wav that is really Ogg still plays */
	char *mislabelled = tmp_path("really-ogg.wav");
	free(cmd);
	cmd = xasprintf("cp '%s' '%s'", ogg, mislabelled);
	assert_int_equal(system(cmd), 0);
	assert_true(clip_load(&c, mislabelled, 22050, why, sizeof(why)));
	clip_free(&c);
	free(cmd);
	free(mislabelled);
	free(wav);
	free(ogg);
}

static void stretching_keeps_the_pitch(void **state)
{
	(void)state;
	char *wav = tmp_path("tone4.wav");
	write_tone(wav, 8000);
	for (int k = 0; k < 2; k++) {
		double ratio = k ? 0.8 : 1.25;
		Clip c;
		char why[128];
		assert_true(clip_load(&c, wav, 22050, why, sizeof(why)));
		size_t before = c.count;
		assert_true(clip_stretch(&c, ratio));
		assert_true(fabs(c.stretch - ratio) < 1e-9);
		/* the length changes by the ratio ... */
		assert_true(fabs((double)c.count / (double)before - ratio) < 0.03);
		/* ... and the tone stays at 300 Hz: 300 zero crossings in the middle half second */
		size_t z = zero_crossings(c.pcm + c.count / 4, 11025);
		assert_true(z > 290 && z < 310);
		clip_free(&c);
	}
	free(wav);
}

static void loud_clicks_are_never_clipped(void **state)
{
	(void)state;
	/* a quiet tone with one full-scale click: normalising the tone would clip the click */
	size_t frames = 22050;
	int16_t *pcm = xcalloc(frames, sizeof(int16_t));
	for (size_t i = 0; i < frames; i++)
		pcm[i] = (int16_t)lrint(500 * sin(2 * M_PI * 200.0 * (double)i / 22050.0));
	pcm[11025] = 32000;
	char *wav = tmp_path("click.wav");
	write_wav(wav, pcm, frames, 22050, 1);
	Clip c;
	char why[128];
	assert_true(clip_load(&c, wav, 22050, why, sizeof(why)));
	int peak = 0;
	for (size_t i = 0; i < c.count; i++)
		peak = abs(c.pcm[i]) > peak ? abs(c.pcm[i]) : peak;
	assert_true(peak <= 30000 && peak > 29000);
	clip_free(&c);
	free(pcm);
	free(wav);
}

static void broken_files_fail_with_a_reason(void **state)
{
	(void)state;
	char *junk = tmp_path("junk.ogg"), *empty = tmp_path("empty.wav"),
	     *silent = tmp_path("silent.wav");
	char *truncated = tmp_path("truncated.ogg");
	FILE *f = fopen(junk, "wb");
	fputs("OggS this is not a recording at all", f);
	fclose(f);
	fclose(fopen(empty, "wb"));
	int16_t zeros[4410] = {0};
	write_wav(silent, zeros, ARRAY_LEN(zeros), 22050, 1);
	/* the first 200 bytes of a real Ogg file: headers cut off */
	char *ogg = tmp_path("tone2.ogg");
	char *cmd = xasprintf("head -c 200 '%s' > '%s'", ogg, truncated);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(ogg);
	const char *bad[] = {junk, empty, silent, truncated, "/nonexistent/1.ogg"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		Clip c;
		char why[128] = "";
		assert_false(clip_load(&c, bad[i], 22050, why, sizeof(why)));
		assert_null(c.pcm);
		assert_true(why[0] != '\0');
		if (i != 2)
			assert_true(clip_file_seconds(bad[i]) < 0);
	}
	free(junk);
	free(empty);
	free(silent);
	free(truncated);
}

/* ---- a reading with recordings ---- */

static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	(void)bold;
	return (int)(utf8_count(text, len) * (size_t)px / 2);
}

typedef struct {
	ContentPage page;
	ContentRow rows[3];
	ContentSpan spans[3];
	LayoutPage *layout;
} Screen;

static const char *const texts[] = {"A cat has soft paws.", "Dogs like to run and play.",
                                    "Birds can sing."};

static void make_screen(Screen *s)
{
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 3; i++) {
		s->spans[i] = (ContentSpan){0, strlen(texts[i]), false};
		s->rows[i] = (ContentRow){.kind = ROW_TEXT,
		                          .text = (char *)texts[i],
		                          .spans = &s->spans[i],
		                          .span_count = 1};
	}
	s->page.title = (char *)"Pets";
	s->page.rows = s->rows;
	s->page.row_count = 3;
	s->page.loaded = s->page.ok = true;
	LayoutParams lp = {
	    .screen_w = 1920, .screen_h = 1080, .text_scale = 1.0, .measure = fake_measure};
	s->layout = layout_page(&s->page, &lp);
}

/* eSpeak says text at wpm (a different speed from the kiosk's, so it is a different
 * "person"): 0.4 s of silence first, at a quarter of the volume, written as WAV and
 * converted to 44.1 kHz stereo Ogg; with labels from eSpeak's word events (in seconds,
 * from the start of the file), as Audacity exports them. */
static void make_recording(const char *text, int wpm, const char *ogg, const char *labels,
                           double **starts, size_t *count)
{
	tts_set_voice(tts, "en");
	tts_set_rate(tts, wpm);
	uint32_t id = tts_say(tts, &text, 1);
	tts_wait(tts, id);
	size_t pad = 22050 * 4 / 10, cap = 22050 * 20, n = pad, got;
	int16_t *pcm = xcalloc(cap, sizeof(int16_t));
	while ((got = tts_take_audio(tts, id, pcm + n, cap - n)) > 0)
		n += got;
	for (size_t i = 0; i < n; i++)
		pcm[i] /= 4;
	char *wav = xasprintf("%s.wav", ogg);
	write_wav(wav, pcm, n, 22050, 1);
	char *cmd =
	    xasprintf("sox '%s' -r 44100 -c 2 '%s.44k.wav' && oggenc -Q -q 2 -o '%s' '%s.44k.wav'",
	              wav, ogg, ogg, ogg);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(wav);
	free(pcm);
	FILE *f = fopen(labels, "w");
	assert_non_null(f);
	*count = 0;
	*starts = xcalloc(64, sizeof(double));
	TtsWord w;
	size_t offs[16], lens[16];
	size_t wn = recording_row_words(text, offs, lens, 16);
	while (tts_take_word(tts, id, &w) && *count < wn) {
		double t = (double)(pad + w.sample) / 22050;
		(*starts)[*count] = t;
		fprintf(f, "%f\t%f\t%.*s\n", t, t + 0.2, (int)lens[*count], text + offs[*count]);
		(*count)++;
	}
	fclose(f);
	assert_int_equal(*count, wn);
}

typedef struct {
	int16_t *pcm;
	size_t n, cap;
} Tap;

static void tap(const int16_t *pcm, size_t n, void *ctx)
{
	Tap *t = ctx;
	if (t->n + n > t->cap) {
		t->cap = (t->n + n) * 2;
		t->pcm = xrealloc(t->pcm, t->cap * sizeof(int16_t));
	}
	memcpy(t->pcm + t->n, pcm, n * sizeof(int16_t));
	t->n += n;
}

static void mixed_reading_plays_in_order_with_label_timing(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	char *ogg = tmp_path("1.ogg"), *labels = tmp_path("1.txt"), *broken = tmp_path("3.ogg");
	double *starts;
	size_t label_count;
	make_recording(texts[0], 120, ogg, labels, &starts, &label_count);
	FILE *f = fopen(broken, "wb");
	fputs("OggS broken", f);
	fclose(f);

	Speech *sp = speech_create(tts);
	speech_set_rate(sp, settings_normal_wpm()); /* recordings at their own speed */
	Tap t = {0};
	speech_set_tap(sp, tap, &t);
	Narration *n = narration_screen(scr, NULL);
	assert_int_equal(n->count, 4); /* title, 3 rows */
	RecordingRef *refs = xcalloc(n->count, sizeof(RecordingRef));
	refs[1] = (RecordingRef){xstrdup(ogg), xstrdup(labels)};
	refs[3] = (RecordingRef){xstrdup(broken), NULL};
	speech_say_recorded(sp, n, refs);
	speech_feed_all(sp);
	SpeechWord words[128];
	size_t wc = speech_words(sp, scr, words, 128);
	assert_true(wc > 10);
	/* in order: title, row 1 (recorded, one word per label), row 2, row 3 (eSpeak again:
	 * its recording is broken) */
	size_t first_rec = wc, rec = 0;
	for (size_t i = 0; i < wc; i++) {
		if (i > 0) {
			assert_true(words[i].part >= words[i - 1].part);
			assert_true(words[i].sample >= words[i - 1].sample);
		}
		assert_int_equal(words[i].recorded, words[i].part == 1);
		if (words[i].recorded) {
			if (first_rec == wc)
				first_rec = i;
			rec++;
		}
	}
	assert_int_equal(rec, label_count);
	/* the highlight follows the labels: word k starts where its label says, counted from
	 * the first word (the silence before the recording was trimmed), within 50 ms, and
	 * lights the k-th word of the row */
	size_t offs[16], lens[16];
	recording_row_words(texts[0], offs, lens, 16);
	for (size_t k = 0; k < rec; k++) {
		const SpeechWord *w = &words[first_rec + k];
		double heard = (double)(w->sample - words[first_rec].sample) / 22050;
		double label = starts[k] - starts[0];
		assert_true(fabs(heard - label) < 0.05);
		assert_int_equal(w->offset, offs[k]);
		assert_int_equal(w->len, lens[k]);
	}
	/* the recording really is there: quiet just before its first word, speech after */
	size_t at = (size_t)words[first_rec].sample;
	double before = plain_rms(t.pcm + at - 882, 772); /* 40 to 5 ms before */
	double after = plain_rms(t.pcm + at, 2205);       /* the first 100 ms */
	fprintf(stderr, "level just before the recording's first word %.0f, just after %.0f\n",
	        before, after);
	assert_true(before < 200 && after > 1000);
	/* as loud as eSpeak's rows (the file was at a quarter of the volume) */
	size_t rec_end = (size_t)words[first_rec + rec].sample; /* row 2's first word */
	double rec_level = clip_speech_rms(t.pcm + at, rec_end - at, 22050);
	double synth_level = clip_speech_rms(t.pcm + rec_end, t.n - rec_end, 22050);
	fprintf(stderr, "recorded row level %.0f, eSpeak rows %.0f (%.1f dB)\n", rec_level,
	        synth_level, 20 * log10(rec_level / synth_level));
	assert_true(fabs(20 * log10(rec_level / synth_level)) < 2.0);
	/* row 3 was spoken by eSpeak: several word events, each on its own word */
	size_t row3 = 0;
	for (size_t i = 0; i < wc; i++)
		row3 += words[i].part == 3 && words[i].len > 0;
	assert_int_equal(row3, 3);
	/* the decoded recording is kept for Again: about its own length at 22050 Hz */
	size_t bytes = speech_cache_bytes(sp);
	assert_true(bytes > 22050 * 2 && bytes < 22050 * 2 * 4);
	speech_destroy(sp);
	free(t.pcm);
	free(starts);
	free(ogg);
	free(labels);
	free(broken);
	layout_page_destroy(s.layout);
}

/* A slower speed setting slows a recording too (pitch kept: see stretching_keeps_the_pitch),
 * and its labels move with it. */
static void recordings_follow_the_speed_setting(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	char *wav = tmp_path("tone5.wav"), *labels = tmp_path("tone5.txt");
	write_tone(wav, 3000);
	FILE *f = fopen(labels, "w");
	fputs("0.5\t0.7\tA\n0.7\t0.9\tcat\n0.9\t1.1\thas\n1.1\t1.3\tsoft\n1.3\t1.5\tpaws\n", f);
	fclose(f);
	Speech *sp = speech_create(tts);
	size_t len[2];
	uint64_t gap[2];
	for (int k = 0; k < 2; k++) {
		speech_set_rate(sp, k ? settings_normal_wpm() * 4 / 5 : settings_normal_wpm());
		Tap t = {0};
		speech_set_tap(sp, tap, &t);
		Narration *n = narration_box(scr, 1, NULL); /* row 1 alone */
		assert_int_equal(n->count, 1);
		RecordingRef *refs = xcalloc(1, sizeof(RecordingRef));
		refs[0] = (RecordingRef){xstrdup(wav), xstrdup(labels)};
		speech_say_recorded(sp, n, refs);
		speech_feed_all(sp);
		SpeechWord words[16];
		assert_int_equal(speech_words(sp, scr, words, 16), 5);
		len[k] = t.n;
		gap[k] = words[4].sample - words[0].sample; /* "A" to "paws": 0.8 s in the file */
		speech_stop(sp);
		speech_set_tap(sp, NULL, NULL);
		free(t.pcm);
	}
	/* 4/5 of the speed: 5/4 of the length, labels included (within 50 ms) */
	assert_true(fabs((double)len[1] / (double)len[0] - 1.25) < 0.04);
	assert_true(fabs((double)gap[0] / 22050 - 0.8) < 0.05);
	assert_true(fabs((double)gap[1] / 22050 - 1.0) < 0.05);
	speech_destroy(sp);
	free(wav);
	free(labels);
	layout_page_destroy(s.layout);
}

/* The volume setting turns a recording down exactly as it does eSpeak NG's voice. */
static void volume_applies_to_recordings(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	char *wav = tmp_path("tone3.wav");
	write_tone(wav, 3000);
	Speech *sp = speech_create(tts);
	double level[2];
	for (int k = 0; k < 2; k++) {
		speech_set_volume(sp, k ? 50 : 100);
		Tap t = {0};
		speech_set_tap(sp, tap, &t);
		Narration *n = narration_screen(scr, NULL);
		RecordingRef *refs = xcalloc(n->count, sizeof(RecordingRef));
		refs[0] = (RecordingRef){xstrdup(wav), NULL}; /* the title */
		speech_say_recorded(sp, n, refs);
		speech_feed_all(sp);
		level[k] = plain_rms(t.pcm, 22050); /* the first second: the tone */
		speech_stop(sp);
		speech_set_tap(sp, NULL, NULL);
		free(t.pcm);
	}
	assert_true(level[0] > 3000);
	assert_true(fabs(level[1] / level[0] - 0.5) < 0.01);
	speech_destroy(sp);
	free(wav);
	layout_page_destroy(s.layout);
}

/* In real time on SDL's dummy driver: a recording without labels lights its whole row
 * while it plays, Pause holds it, and the eSpeak row after it lights word by word. */
static void recording_without_labels_lights_the_whole_row(void **state)
{
	(void)state;
	Screen s;
	make_screen(&s);
	const LayoutScreen *scr = &s.layout->screens[0];
	char *wav = tmp_path("short.wav");
	int16_t *pcm = xcalloc(22050 / 2, sizeof(int16_t));
	for (size_t i = 0; i < 22050 / 2; i++)
		pcm[i] = (int16_t)lrint(3000 * sin(2 * M_PI * 250.0 * (double)i / 22050.0));
	write_wav(wav, pcm, 22050 / 2, 22050, 1);
	free(pcm);
	Speech *sp = speech_create(tts);
	speech_set_rate(sp, 300);
	/* row 3 ("Birds can sing.") recorded; the page number is not there: just row 3 and
	 * the title, as a tapped row would not give us two parts */
	Narration *n = narration_screen(scr, NULL);
	RecordingRef *refs = xcalloc(n->count, sizeof(RecordingRef));
	refs[0] = (RecordingRef){xstrdup(wav), NULL}; /* the title, "Pets" */
	uint64_t t0 = SDL_GetPerformanceCounter();
	speech_say_recorded(sp, n, refs);
	SpeechHighlight hl = {-1, 0, 0};
	/* the recording is decoded on the player's own thread: the frame loop polls meanwhile */
	uint64_t give_up = SDL_GetTicks64() + 2000;
	while ((speech_update(sp, scr, &hl), hl.box < 0) && SDL_GetTicks64() < give_up)
		SDL_Delay(1);
	double latency_ms =
	    (double)(SDL_GetPerformanceCounter() - t0) * 1000 / SDL_GetPerformanceFrequency();
	fprintf(stderr, "start latency of a recorded row (decode, first queue, lit): %.1f ms\n",
	        latency_ms);
	/* a sanity bound: the machine is shared; the figure is printed */
	assert_true(latency_ms < 1000);
	/* the title box, whole */
	int title = -1;
	for (size_t i = 0; i < scr->box_count; i++)
		if (scr->boxes[i].role == BOX_TITLE)
			title = (int)i;
	assert_int_equal(hl.box, title);
	assert_int_equal(hl.offset, 0);
	assert_int_equal(hl.len, 4);
	speech_pause(sp, true);
	speech_update(sp, scr, &hl);
	assert_int_equal(hl.box, title);
	speech_pause(sp, false);
	/* then row 1, by eSpeak, word by word: its first word alone */
	bool row_word = false;
	uint64_t limit = SDL_GetTicks64() + 5000;
	while (!row_word && SDL_GetTicks64() < limit) {
		speech_update(sp, scr, &hl);
		row_word = hl.box >= 0 && hl.box != title && hl.len > 0;
		if (!row_word)
			SDL_Delay(10); /* polling the player, as the frame loop does */
	}
	assert_true(row_word);
	assert_int_equal(hl.offset, 0);
	assert_int_equal(hl.len, 1); /* "A" */
	speech_stop(sp);
	assert_false(speech_active(sp));
	speech_destroy(sp);
	free(wav);
	layout_page_destroy(s.layout);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wav_is_resampled_trimmed_and_normalised),
	    cmocka_unit_test(ogg_vorbis_decodes_like_the_wav),
	    cmocka_unit_test(stretching_keeps_the_pitch),
	    cmocka_unit_test(loud_clicks_are_never_clipped),
	    cmocka_unit_test(broken_files_fail_with_a_reason),
	    cmocka_unit_test(mixed_reading_plays_in_order_with_label_timing),
	    cmocka_unit_test(recordings_follow_the_speed_setting),
	    cmocka_unit_test(volume_applies_to_recordings),
	    cmocka_unit_test(recording_without_labels_lights_the_whole_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
