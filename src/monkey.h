/* monkey: a stream of random input for the monkey test (--monkey N): taps anywhere, slides,
 * keys, switch presses, joystick buttons and hot-plug, window resizes, a lost sound device.
 * Seeded, so a failing run can be repeated exactly. Edge module (SDL). */
#ifndef MONKEY_H
#define MONKEY_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint64_t state;
	bool finger_down;
	int x, y;
	/* a run (monkey_batch) */
	unsigned long events, total; /* sent so far, to send */
	int quiet;                   /* batches with no input still to come */
	bool measure;                /* measure memory after the next frame */
	long rss_1000;               /* KiB after 1000 events */
	int w0, h0;                  /* the window's size at the start */
} Monkey;

void monkey_init(Monkey *m, uint64_t seed);
/* Pushes one random event (or a down/up pair) into SDL's queue. Returns how far the kiosk's
 * clock should jump with it, in ms: usually a fraction of a second, now and then minutes,
 * so idle warnings and resets happen many times. */
uint64_t monkey_event(Monkey *m, SDL_Window *window, int w, int h);

/* The monkey test's run of `total` events: call once per frame. Sends a batch of random
 * events (the clock jumping forward with them, *clock_jump in ms; now and then nobody touches
 * anything for idle_ms, so warnings and resets happen as in a day at reception), and logs
 * memory after 1000 events, every 500, and at the end (with the window back at its first
 * size). Returns false when all events were sent: the run then ends cleanly, so leak checkers
 * see a normal exit. resets: visits ended by the idle timeout so far (for the log). */
bool monkey_batch(Monkey *m, SDL_Window *window, int w, int h, uint64_t idle_ms, unsigned long resets,
		  uint64_t *clock_jump);
/* The next batch is a quiet one: minutes will pass with nobody there, so whatever is being
 * read aloud should end first (speech keeps real time; the kiosk's clock jumps). */
bool monkey_going_quiet(const Monkey *m);

#endif
