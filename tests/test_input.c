/* Tests for input.c with synthetic SDL events: one tap acts once (the mouse copy of a touch
 * is dropped), a too-short touch is cancelled, a held key steps no faster than
 * key_repeat_ms, Space/Enter are switches unless a keyboard user moved the focus, joystick
 * buttons 0/1 are switches 1/2, Ctrl+Alt+Q is the staff key. */
#include "test.h"

#include <SDL.h>
#include <string.h>

#include "input.h"

static Input *make(int touch_min_ms, int key_repeat_ms)
{
	Settings s;
	settings_defaults(&s);
	s.touch_min_ms = touch_min_ms;
	s.key_repeat_ms = key_repeat_ms;
	snprintf(s.switch1_keys, sizeof(s.switch1_keys), "Space, 1");
	snprintf(s.switch2_keys, sizeof(s.switch2_keys), "Return, NoSuchKey");
	return input_create(&s);
}

static SDL_Event key(SDL_Keycode k, bool down, bool repeat, Uint16 mod)
{
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
	e.key.keysym.sym = k;
	e.key.keysym.mod = mod;
	e.key.repeat = repeat;
	return e;
}

static SDL_Event joy(Uint32 type, int number, int value)
{
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = type;
	if (type == SDL_JOYAXISMOTION) {
		e.jaxis.axis = (Uint8)number;
		e.jaxis.value = (Sint16)value;
	} else {
		e.jbutton.button = (Uint8)number;
	}
	return e;
}

/* Dwell follows a mouse, head mouse or eye tracker, never the mouse copies of a finger. */
static void pointer_motion_is_not_a_finger(void **state)
{
	(void)state;
	Input *in = make(0, 500);
	InputEvent ev;
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEMOTION;
	e.motion.x = 300;
	e.motion.y = 200;
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.type, IN_POINTER_MOVE);
	assert_int_equal(ev.x, 300);
	assert_int_equal(ev.y, 200);
	e.motion.which = SDL_TOUCH_MOUSEID;
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	memset(&e, 0, sizeof(e));
	e.type = SDL_WINDOWEVENT;
	e.window.event = SDL_WINDOWEVENT_LEAVE;
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.type, IN_POINTER_GONE);
	input_destroy(in);
}

/* kiosk.ini maps joystick buttons and axes to the switches. */
static void joystick_buttons_and_axes_map_to_switches(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	snprintf(s.switch1_buttons, sizeof(s.switch1_buttons), "2, 4");
	snprintf(s.switch2_buttons, sizeof(s.switch2_buttons), "5, x");
	snprintf(s.switch1_axes, sizeof(s.switch1_axes), "1+");
	snprintf(s.switch2_axes, sizeof(s.switch2_axes), "1-, 3");
	Input *in = input_create(&s);
	InputEvent ev;
	SDL_Event e = joy(SDL_JOYBUTTONDOWN, 4, 0);
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.type, IN_SWITCH);
	assert_int_equal(ev.sw, 1);
	assert_true(ev.down);
	e = joy(SDL_JOYBUTTONUP, 5, 0);
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.sw, 2);
	assert_false(ev.down);
	e = joy(SDL_JOYBUTTONDOWN, 0, 0); /* no longer switch 1: the map replaced the default */
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	/* axis 1 down (+) past half way is switch 1; wobbling above a quarter holds it */
	e = joy(SDL_JOYAXISMOTION, 1, 10000);
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	e = joy(SDL_JOYAXISMOTION, 1, 30000);
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.sw, 1);
	assert_true(ev.down);
	e = joy(SDL_JOYAXISMOTION, 1, 12000);
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	e = joy(SDL_JOYAXISMOTION, 1, 2000);
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.sw, 1);
	assert_false(ev.down);
	/* the other way is switch 2 */
	e = joy(SDL_JOYAXISMOTION, 1, -32768);
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.sw, 2);
	assert_true(ev.down);
	e = joy(SDL_JOYAXISMOTION, 3, 32767); /* "3" had no direction: skipped */
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	input_destroy(in);
}

static void touch_acts_once(void **state)
{
	(void)state;
	Input *in = make(0, 500);
	InputEvent ev;
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_FINGERDOWN;
	e.tfinger.touchId = 3;
	e.tfinger.x = 0.5f;
	e.tfinger.y = 0.25f;
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	assert_int_equal(ev.type, IN_POINTER_DOWN);
	assert_true(ev.touch);
	assert_int_equal(ev.x, 960);
	assert_int_equal(ev.y, 270);
	/* the mouse copy SDL makes of the same touch is dropped */
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEBUTTONDOWN;
	e.button.which = SDL_TOUCH_MOUSEID;
	e.button.button = SDL_BUTTON_LEFT;
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	/* a real mouse click counts; right button does not */
	e.button.which = 0;
	assert_true(input_translate(in, &e, 1920, 1080, &ev));
	e.button.button = SDL_BUTTON_RIGHT;
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	/* and a touch copied from the mouse (SDL_MOUSE_TOUCHID) is dropped */
	memset(&e, 0, sizeof(e));
	e.type = SDL_FINGERUP;
	e.tfinger.touchId = SDL_MOUSE_TOUCHID;
	assert_false(input_translate(in, &e, 1920, 1080, &ev));
	input_destroy(in);
}

static void short_touch_is_cancelled(void **state)
{
	(void)state;
	Input *in = make(2000, 500); /* nobody lifts within 2 s in a test: every touch is short */
	InputEvent ev;
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_FINGERDOWN;
	e.tfinger.touchId = 3;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	e.type = SDL_FINGERUP;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_POINTER_UP);
	assert_true(ev.cancelled);
	input_destroy(in);
	in = make(0, 500);
	e.type = SDL_FINGERDOWN;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	e.type = SDL_FINGERUP;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_false(ev.cancelled);
	input_destroy(in);
}

static void held_keys_are_slowed(void **state)
{
	(void)state;
	Input *in = make(0, 500);
	InputEvent ev;
	SDL_Event e = key(SDLK_TAB, true, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_KEY);
	assert_int_equal(ev.key, KEY_FOCUS_NEXT);
	/* the OS repeats at once: dropped, the last step was less than 500 ms ago */
	e = key(SDLK_TAB, true, true, 0);
	assert_false(input_translate(in, &e, 100, 100, &ev));
	input_destroy(in);
	in = make(0, 0); /* 0: held keys never repeat */
	e = key(SDLK_DOWN, true, true, 0);
	assert_false(input_translate(in, &e, 100, 100, &ev));
	e = key(SDLK_TAB, true, false, KMOD_LSHIFT);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.key, KEY_FOCUS_PREV);
	input_destroy(in);
}

static void switch_keys_and_keyboard_mode(void **state)
{
	(void)state;
	Input *in = make(0, 500);
	InputEvent ev;
	SDL_Event e = key(SDLK_SPACE, true, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_SWITCH);
	assert_int_equal(ev.sw, 1);
	assert_true(ev.down);
	e = key(SDLK_SPACE, false, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_false(ev.down);
	e = key(SDLK_1, true, false, 0); /* the keys switch interfaces send */
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.sw, 1);
	e = key(SDLK_RETURN, true, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.sw, 2);
	/* held switches: the scanner times holds, not the OS repeat */
	e = key(SDLK_RETURN, true, true, 0);
	assert_false(input_translate(in, &e, 100, 100, &ev));
	/* a keyboard user: Enter and Space press the focused thing */
	input_set_keyboard_mode(in, true);
	e = key(SDLK_RETURN, true, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_KEY);
	assert_int_equal(ev.key, KEY_ACTIVATE);
	/* but "1" is still switch 1 */
	e = key(SDLK_1, true, false, 0);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_SWITCH);
	/* staff key */
	e = key(SDLK_q, true, false, KMOD_LCTRL | KMOD_LALT);
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.key, KEY_STAFF);
	e = key(SDLK_q, true, false, 0);
	assert_false(input_translate(in, &e, 100, 100, &ev));
	input_destroy(in);
}

static void joystick_buttons_are_switches(void **state)
{
	(void)state;
	Input *in = make(0, 500);
	InputEvent ev;
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_JOYBUTTONDOWN;
	e.jbutton.button = 0;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.type, IN_SWITCH);
	assert_int_equal(ev.sw, 1);
	e.jbutton.button = 1;
	e.type = SDL_JOYBUTTONUP;
	assert_true(input_translate(in, &e, 100, 100, &ev));
	assert_int_equal(ev.sw, 2);
	assert_false(ev.down);
	e.jbutton.button = 5; /* other buttons mean nothing */
	assert_false(input_translate(in, &e, 100, 100, &ev));
	/* a joystick that cannot be opened (none is there) is not a crash */
	memset(&e, 0, sizeof(e));
	e.type = SDL_JOYDEVICEADDED;
	e.jdevice.which = 7;
	assert_false(input_translate(in, &e, 100, 100, &ev));
	e.type = SDL_JOYDEVICEREMOVED;
	assert_false(input_translate(in, &e, 100, 100, &ev));
	input_destroy(in);
}

static int quit(void **state)
{
	(void)state;
	SDL_Quit();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(joystick_buttons_and_axes_map_to_switches),
	    cmocka_unit_test(pointer_motion_is_not_a_finger),
		cmocka_unit_test(touch_acts_once),
		cmocka_unit_test(short_touch_is_cancelled),
		cmocka_unit_test(held_keys_are_slowed),
		cmocka_unit_test(switch_keys_and_keyboard_mode),
		cmocka_unit_test(joystick_buttons_are_switches),
	};
	return cmocka_run_group_tests(tests, NULL, quit);
}
