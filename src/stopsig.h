/* stopsig: SIGTERM and SIGINT (systemctl stop, shutdown, Ctrl+C in a terminal) become a flag
 * the main loop sees, the way cage does it, so the kiosk writes the open page view and the
 * visit's end before it exits 0. Edge module (SDL: the wake-up event). */
#ifndef KIOSK_STOPSIG_H
#define KIOSK_STOPSIG_H

#include <stdbool.h>
#include <stdint.h>

/* Blocks SIGTERM and SIGINT in the calling thread (call it before any other thread starts, so
 * every thread inherits the mask) and starts one thread that waits for them. When one comes it
 * sets the flag and pushes an SDL event of type wake_event (0: none) so a sleeping
 * SDL_WaitEvent returns. Returns false with a log line if the thread cannot start; the
 * signals then keep their default action. */
bool stopsig_start(uint32_t wake_event);

/* The signal that asked the kiosk to stop, or 0 while none has. */
int stopsig_received(void);

#endif
