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
} Monkey;

void monkey_init(Monkey *m, uint64_t seed);
/* Pushes one random event (or a down/up pair) into SDL's queue. Returns how far the kiosk's
 * clock should jump with it, in ms: usually a fraction of a second, now and then minutes,
 * so idle warnings and resets happen many times. */
uint64_t monkey_event(Monkey *m, SDL_Window *window, int w, int h);

#endif
