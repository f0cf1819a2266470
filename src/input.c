/* input: the only place that knows about SDL's event types. Start at input_translate. */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_SWITCH_KEYS 8
#define MAX_JOYSTICKS 8

#define AXIS_PRESS 16384   /* an axis past half way presses its switch ... */
#define AXIS_RELEASE 8192  /* ... and back under a quarter releases it (no chatter) */

typedef struct {
	int axis;
	int dir; /* +1 or -1 */
	bool down;
} AxisSwitch;

struct Input {
	SDL_Keycode switch_keys[2][MAX_SWITCH_KEYS];
	int switch_key_count[2];
	int buttons[2][MAX_SWITCH_KEYS];
	int button_count[2];
	AxisSwitch axes[2][MAX_SWITCH_KEYS];
	int axis_count[2];
	int touch_min_ms, key_repeat_ms;
	bool keyboard_mode;
	uint64_t last_key_step;     /* when a held key last stepped */
	uint64_t pointer_down_at;
	SDL_Joystick *joysticks[MAX_JOYSTICKS];
};

static void parse_keys(Input *in, int sw, const char *names)
{
	char buf[SETTINGS_STR];
	snprintf(buf, sizeof(buf), "%s", names);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		size_t n = strlen(tok);
		while (n > 0 && tok[n - 1] == ' ')
			tok[--n] = '\0';
		SDL_Keycode k = SDL_GetKeyFromName(tok);
		if (k == SDLK_UNKNOWN) {
			log_warn("switch %d key '%s' is not a key name SDL knows (like Space, Return, 1, F1)", sw + 1, tok);
			continue;
		}
		if (in->switch_key_count[sw] < MAX_SWITCH_KEYS)
			in->switch_keys[sw][in->switch_key_count[sw]++] = k;
	}
}

/* "0, 2" (buttons) or "0+, 1-" (axes and their direction). */
static void parse_joystick(Input *in, int sw, const char *list, bool axes)
{
	char buf[SETTINGS_STR];
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		char *end;
		long n = strtol(tok, &end, 10);
		int dir = 0;
		if (axes && (*end == '+' || *end == '-'))
			dir = *end++ == '+' ? 1 : -1;
		if (end == tok || *end != '\0' || n < 0 || n > 255 || (axes && dir == 0)) {
			log_warn("switch %d %s '%s' is not %s", sw + 1, axes ? "axis" : "button", tok,
				 axes ? "an axis number and a direction, like 0+ or 1-" : "a button number, like 0");
			continue;
		}
		if (axes && in->axis_count[sw] < MAX_SWITCH_KEYS)
			in->axes[sw][in->axis_count[sw]++] = (AxisSwitch){(int)n, dir, false};
		else if (!axes && in->button_count[sw] < MAX_SWITCH_KEYS)
			in->buttons[sw][in->button_count[sw]++] = (int)n;
	}
}

Input *input_create(const Settings *s)
{
	Input *in = xcalloc(1, sizeof(*in));
	parse_keys(in, 0, s->switch1_keys);
	parse_keys(in, 1, s->switch2_keys);
	parse_joystick(in, 0, s->switch1_buttons, false);
	parse_joystick(in, 1, s->switch2_buttons, false);
	parse_joystick(in, 0, s->switch1_axes, true);
	parse_joystick(in, 1, s->switch2_axes, true);
	in->touch_min_ms = s->touch_min_ms;
	in->key_repeat_ms = s->key_repeat_ms;
	return in;
}

void input_destroy(Input *in)
{
	if (!in)
		return;
	for (int i = 0; i < MAX_JOYSTICKS; i++)
		if (in->joysticks[i])
			SDL_JoystickClose(in->joysticks[i]);
	free(in);
}

void input_set_keyboard_mode(Input *in, bool on)
{
	in->keyboard_mode = on;
}

static int switch_of_key(const Input *in, SDL_Keycode k)
{
	for (int sw = 0; sw < 2; sw++)
		for (int i = 0; i < in->switch_key_count[sw]; i++)
			if (in->switch_keys[sw][i] == k)
				return sw + 1;
	return 0;
}

static bool key_action(SDL_Keycode k, SDL_Keymod mod, KeyAction *out)
{
	switch (k) {
	case SDLK_TAB:
		*out = (mod & KMOD_SHIFT) ? KEY_FOCUS_PREV : KEY_FOCUS_NEXT;
		return true;
	case SDLK_DOWN:
	case SDLK_RIGHT:
		*out = KEY_FOCUS_NEXT;
		return true;
	case SDLK_UP:
	case SDLK_LEFT:
		*out = KEY_FOCUS_PREV;
		return true;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
	case SDLK_SPACE:
		*out = KEY_ACTIVATE;
		return true;
	case SDLK_ESCAPE:
	case SDLK_BACKSPACE:
		*out = KEY_BACK;
		return true;
	case SDLK_HOME:
		*out = KEY_HOME;
		return true;
	case SDLK_PAGEDOWN:
		*out = KEY_SCREEN_NEXT;
		return true;
	case SDLK_PAGEUP:
		*out = KEY_SCREEN_PREV;
		return true;
	case SDLK_l:
	case SDLK_F1:
		*out = KEY_LISTEN;
		return true;
	case SDLK_p:
	case SDLK_PAUSE:
		*out = KEY_PAUSE;
		return true;
	case SDLK_r:
		*out = KEY_AGAIN;
		return true;
	case SDLK_q:
		if ((mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
			*out = KEY_STAFF;
			return true;
		}
		return false;
	default:
		return false;
	}
}

static void joystick_added(Input *in, int device)
{
	for (int i = 0; i < MAX_JOYSTICKS; i++) {
		if (!in->joysticks[i]) {
			in->joysticks[i] = SDL_JoystickOpen(device);
			if (in->joysticks[i])
				log_info("switch interface connected: %s", SDL_JoystickName(in->joysticks[i]));
			return;
		}
	}
}

static void joystick_removed(Input *in, SDL_JoystickID id)
{
	for (int i = 0; i < MAX_JOYSTICKS; i++) {
		if (in->joysticks[i] && SDL_JoystickInstanceID(in->joysticks[i]) == id) {
			SDL_JoystickClose(in->joysticks[i]);
			in->joysticks[i] = NULL;
			log_info("switch interface disconnected");
		}
	}
}

bool input_translate(Input *in, const SDL_Event *e, int w, int h, InputEvent *out)
{
	memset(out, 0, sizeof(*out));
	out->ms = SDL_GetTicks64();
	switch (e->type) {
	case SDL_QUIT:
		out->type = IN_QUIT;
		return true;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		/* Touchscreens send finger events and mouse copies of them: act on one only. */
		if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
			return false;
		out->x = e->button.x;
		out->y = e->button.y;
		out->type = e->type == SDL_MOUSEBUTTONDOWN ? IN_POINTER_DOWN : IN_POINTER_UP;
		break;
	case SDL_MOUSEMOTION:
		/* Dwell and the walk-up offer follow a pointer; a finger's copies are not one. */
		if (e->motion.which == SDL_TOUCH_MOUSEID)
			return false;
		out->type = IN_POINTER_MOVE;
		out->x = e->motion.x;
		out->y = e->motion.y;
		return true;
	case SDL_FINGERDOWN:
	case SDL_FINGERUP:
		if (e->tfinger.touchId == SDL_MOUSE_TOUCHID)
			return false;
		out->x = (int)(e->tfinger.x * (float)w);
		out->y = (int)(e->tfinger.y * (float)h);
		out->touch = true;
		out->type = e->type == SDL_FINGERDOWN ? IN_POINTER_DOWN : IN_POINTER_UP;
		break;
	case SDL_KEYDOWN:
	case SDL_KEYUP: {
		SDL_Keycode k = e->key.keysym.sym;
		bool down = e->type == SDL_KEYDOWN;
		KeyAction action = KEY_ACTIVATE;
		bool is_action = key_action(k, e->key.keysym.mod, &action);
		int sw = switch_of_key(in, k);
		/* A keyboard user's Space/Enter press the focused thing; otherwise they are switches. */
		if (sw && !(in->keyboard_mode && is_action && action == KEY_ACTIVATE)) {
			if (e->key.repeat)
				return false; /* holding is timed by the scanner, not the OS */
			out->type = IN_SWITCH;
			out->sw = sw;
			out->down = down;
			return true;
		}
		if (!down || !is_action)
			return false;
		if (e->key.repeat) {
			/* A held key steps no faster than key_repeat_ms (0: not at all). */
			if (in->key_repeat_ms == 0 || out->ms - in->last_key_step < (uint64_t)in->key_repeat_ms)
				return false;
		}
		in->last_key_step = out->ms;
		out->type = IN_KEY;
		out->key = action;
		return true;
	}
	case SDL_JOYDEVICEADDED:
		joystick_added(in, e->jdevice.which);
		return false;
	case SDL_JOYDEVICEREMOVED:
		joystick_removed(in, e->jdevice.which);
		return false;
	case SDL_JOYBUTTONDOWN:
	case SDL_JOYBUTTONUP:
		for (int sw = 0; sw < 2; sw++)
			for (int i = 0; i < in->button_count[sw]; i++)
				if (in->buttons[sw][i] == e->jbutton.button) {
					out->type = IN_SWITCH;
					out->sw = sw + 1;
					out->down = e->type == SDL_JOYBUTTONDOWN;
					return true;
				}
		return false;
	case SDL_JOYAXISMOTION:
		/* A joystick or a switch interface that reports an axis: past half way in the
		 * mapped direction is a press, back under a quarter the release. */
		for (int sw = 0; sw < 2; sw++)
			for (int i = 0; i < in->axis_count[sw]; i++) {
				AxisSwitch *a = &in->axes[sw][i];
				if (a->axis != e->jaxis.axis)
					continue;
				int v = e->jaxis.value * a->dir;
				if (a->down == (v > (a->down ? AXIS_RELEASE : AXIS_PRESS)))
					continue; /* no change */
				a->down = !a->down;
				out->type = IN_SWITCH;
				out->sw = sw + 1;
				out->down = a->down;
				return true;
			}
		return false;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			out->type = IN_RESIZED;
		else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
			out->type = IN_REDRAW;
		else if (e->window.event == SDL_WINDOWEVENT_LEAVE)
			out->type = IN_POINTER_GONE;
		else
			return false;
		return true;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		out->type = IN_RENDER_RESET;
		return true;
	default:
		return false;
	}
	/* pointer events */
	if (out->type == IN_POINTER_DOWN) {
		in->pointer_down_at = out->ms;
	} else if (in->touch_min_ms > 0 && out->ms - in->pointer_down_at < (uint64_t)in->touch_min_ms) {
		out->cancelled = true; /* too short: a brush of the screen, not a press */
	}
	return true;
}

/* The staff PIN pad takes the digits, Backspace, Enter and Escape while it is shown. */
bool input_translate_pin(const SDL_Event *e, InputEvent *ev)
{
	if (e->type != SDL_KEYDOWN)
		return false;
	SDL_Keycode k = e->key.keysym.sym;
	*ev = (InputEvent){.type = IN_KEY};
	if (k >= SDLK_0 && k <= SDLK_9) {
		ev->key = KEY_PIN_DIGIT;
		ev->digit = (int)(k - SDLK_0);
	} else if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
		ev->key = KEY_PIN_DIGIT;
		ev->digit = (int)(k - SDLK_KP_1) + 1;
	} else if (k == SDLK_KP_0) {
		ev->key = KEY_PIN_DIGIT;
	} else if (k == SDLK_BACKSPACE) {
		ev->key = KEY_PIN_DELETE;
	} else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
		ev->key = KEY_PIN_OK;
	} else if (k == SDLK_ESCAPE) {
		ev->key = KEY_PIN_CANCEL;
	} else {
		return false;
	}
	return true;
}
