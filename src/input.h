/* input: turns SDL events into kiosk events, so the rest of the app never asks where a
 * press came from. It drops the mouse copies of touches (one tap acts once), ignores touches
 * shorter than touch_min_ms, slows held keys to one step per key_repeat_ms, maps the switch
 * keys and joystick buttons to switch 1 and 2, and opens and closes joysticks as switch
 * interfaces are plugged in and out. Edge module (SDL). */
#ifndef INPUT_H
#define INPUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk.h"
#include "settings.h"

/* InputEvent, InputType and KeyAction are the controller's events: kiosk.h. */

typedef struct Input Input;

/* Reads the [input] settings (switch key names through SDL_GetKeyFromName; an unknown
 * name is logged and skipped). Free with input_destroy. */
Input *input_create(const Settings *s);
void input_destroy(Input *in); /* NULL is a no-op; closes open joysticks */
/* Keyboard mode: a keyboard user moved the focus, so Space and Enter activate the focus
 * instead of acting as switches. Scanning or touch turns it off. */
void input_set_keyboard_mode(Input *in, bool on);
/* Translates one SDL event (w, h: the window's size, for finger coordinates). Returns false
 * when the event means nothing to the kiosk. */
bool input_translate(Input *in, const SDL_Event *e, int w, int h, InputEvent *out);

/* While the staff PIN pad is shown: digits, Backspace, Enter and Escape as the pad's own keys
 * (KEY_PIN_*). False for any other event. */
bool input_translate_pin(const SDL_Event *e, InputEvent *out);

#endif
