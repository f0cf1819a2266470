/* Tests for site.c: the PIN hash (salted, verified, wrong digits refused, used by the session
 * pad), editing the site file without losing the staff's notes, --set-pin writing a hash and
 * no digits, where an installed kiosk finds its content, the site file winning over the
 * content's kiosk.ini, and counting ALSA playback devices. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"
#include "settings.h"
#include "site.h"
#include "util.h"

static char *temp_dir(void)
{
	char tmpl[] = "/tmp/test_site.XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return xstrdup(d);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void pin_hash_is_salted_and_verifies(void **state)
{
	(void)state;
	char *a = site_pin_hash("2468");
	char *b = site_pin_hash("2468");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(site_pin_hash_valid(a));
	assert_null(strstr(a, "2468"));
	assert_string_not_equal(a, b); /* a new salt each time */
	assert_true(site_pin_verify(a, "2468"));
	assert_true(site_pin_verify(b, "2468"));
	assert_false(site_pin_verify(a, "2469"));
	assert_false(site_pin_verify(a, "246"));
	assert_false(site_pin_verify(a, ""));
	assert_false(site_pin_verify("$y$broken", "2468"));
	assert_false(site_pin_verify("plain2468", "2468"));
	free(a);
	free(b);
	assert_null(site_pin_hash("123"));
	assert_null(site_pin_hash("12a4"));
	assert_null(site_pin_hash("1234567890123"));
}

static void session_pad_uses_the_hash(void **state)
{
	(void)state;
	SessionConfig c;
	session_config_defaults(&c);
	char *h = site_pin_hash("97531");
	assert_true(session_config_set(&c, "pin_hash", h));
	assert_false(c.pin_broken);
	SessionConfig broken = c;
	assert_false(session_config_set(&broken, "pin_hash", "not a hash"));
	assert_true(broken.pin_broken); /* a broken hash never means "no PIN" */
	Session s;
	session_init(&s, &c, 0);
	assert_true(session_pin_set(&s));
	SessionActions a = session_staff_request(&s, 10, SESSION_GOAL_QUIT);
	assert_true(a & SESSION_ACT_SHOW_PIN_PAD);
	const char *wrong = "97532", *right = "97531";
	for (const char *p = wrong; *p; p++)
		session_pin_digit(&s, 20, *p - '0');
	a = session_pin_enter(&s, 30);
	assert_true(a & SESSION_ACT_PIN_WRONG);
	for (const char *p = right; *p; p++)
		session_pin_digit(&s, 40, *p - '0');
	a = session_pin_enter(&s, 50);
	assert_true(a & SESSION_ACT_PIN_OK);
	assert_true(a & SESSION_ACT_QUIT);
	free(h);
}

static void ini_set_keeps_notes_and_replaces(void **state)
{
	(void)state;
	const char *in = "; notes for staff\n[kiosk]\nid = desk-1\n\n[session]\n; the PIN\npin = 1234\n"
			 "idle_timeout_s = 60\n\n[audio]\ndevice = hw:1,0\n";
	char *out = site_ini_set(in, "session", "pin_hash", "$y$abc", "pin");
	assert_string_equal(out, "; notes for staff\n[kiosk]\nid = desk-1\n\n[session]\n; the PIN\n"
				 "idle_timeout_s = 60\n\npin_hash = $y$abc\n[audio]\ndevice = hw:1,0\n");
	char *again = site_ini_set(out, "session", "pin_hash", "$y$def", "pin");
	assert_non_null(strstr(again, "pin_hash = $y$def\n"));
	assert_null(strstr(again, "$y$abc"));
	char *fresh = site_ini_set(NULL, "session", "pin_hash", "$y$x", NULL);
	assert_string_equal(fresh, "[session]\npin_hash = $y$x\n");
	char *added = site_ini_set("[kiosk]\nid = a", "session", "pin_hash", "$y$x", NULL);
	assert_string_equal(added, "[kiosk]\nid = a\n\n[session]\npin_hash = $y$x\n");
	free(out);
	free(again);
	free(fresh);
	free(added);
}

static void set_pin_writes_a_hash_not_the_digits(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *ini = path_join(dir, "kiosk.ini");
	write_file(ini, "; kiosk 7\n[kiosk]\nid = library-7\n[session]\npin = 1111\n");
	chmod(ini, 0640);
	FILE *in = fmemopen((void *)"8642\n", 5, "r");
	assert_int_equal(site_set_pin_main(ini, in), 0);
	fclose(in);
	char *text = util_read_file(ini, NULL);
	assert_non_null(text);
	assert_null(strstr(text, "8642"));
	assert_null(strstr(text, "1111"));
	assert_non_null(strstr(text, "; kiosk 7\n"));
	assert_non_null(strstr(text, "id = library-7\n"));
	struct stat st;
	assert_int_equal(stat(ini, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	/* the kiosk reads it: the new PIN opens the pad */
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	assert_true(settings_load(&s, ini, &d));
	assert_int_equal(d.count, 0);
	assert_true(site_pin_verify(s.session.pin_hash, "8642"));
	assert_string_equal(s.session.pin, "");
	/* a bad PIN changes nothing */
	in = fmemopen((void *)"12\n", 3, "r");
	assert_int_equal(site_set_pin_main(ini, in), 1);
	fclose(in);
	char *after = util_read_file(ini, NULL);
	assert_string_equal(after, text);
	free(after);
	free(text);
	unlink(ini);
	rmdir(dir);
	free(ini);
	free(dir);
	diag_clear(&d);
}

static void site_file_wins_over_content(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *content = path_join(dir, "content.ini"), *site = path_join(dir, "site.ini");
	write_file(content, "[kiosk]\nname = Advocacy\n[display]\ntheme = cream\npanel_width_mm = 300\n"
			    "[session]\nidle_timeout_s = 90\n");
	write_file(site, "[kiosk]\nid = town-hall-2\ncontent = /srv/kiosk/content\n[display]\n"
			 "panel_width_mm = 527\nrotation = 90\n[session]\nidle_timeout_s = 120\n"
			 "[audio]\ndevice = hw:1,0\ndriver = alsa\n[metrics]\nfile = /tmp/kiosk.prom\n");
	Settings s;
	DiagList d = {0};
	settings_defaults(&s);
	settings_load(&s, content, &d);
	settings_load(&s, site, &d);
	assert_int_equal(d.count, 0);
	assert_string_equal(s.name, "Advocacy"); /* content's key stays */
	assert_string_equal(s.kiosk_id, "town-hall-2");
	assert_string_equal(s.content_dir, "/srv/kiosk/content");
	assert_true(s.panel_width_mm == 527);
	assert_int_equal(s.rotation, 90);
	assert_int_equal(s.session.idle_timeout_s, 120);
	assert_string_equal(s.audio_device, "hw:1,0");
	assert_string_equal(s.audio_driver, "alsa");
	assert_string_equal(s.metrics_file, "/tmp/kiosk.prom");
	write_file(site, "[kiosk]\nid = bad id!\n[display]\nrotation = 45\n");
	settings_load(&s, site, &d);
	assert_true(diag_contains(&d, "site.ini:2"));
	assert_true(diag_contains(&d, "site.ini:4"));
	assert_string_equal(s.kiosk_id, "town-hall-2");
	assert_int_equal(s.rotation, 90);
	unlink(content);
	unlink(site);
	rmdir(dir);
	free(content);
	free(site);
	free(dir);
	diag_clear(&d);
}

static void installed_kiosk_finds_its_content(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *share = path_join(dir, "share/kiosk"), *bin = path_join(dir, "bin");
	char *sharep = path_join(dir, "share"), *exe = path_join(dir, "bin/kiosk");
	char *state_dir = path_join(dir, "var"), *synced = path_join(dir, "var/content");
	assert_int_equal(mkdir(sharep, 0755), 0);
	assert_int_equal(mkdir(share, 0755), 0);
	assert_int_equal(mkdir(bin, 0755), 0);
	assert_int_equal(mkdir(state_dir, 0755), 0);
	char *data = site_data_dir(exe);
	assert_non_null(data);
	assert_string_equal(data, share);
	/* a source tree's ./kiosk is not installed */
	char *src = path_join(dir, "kiosk");
	assert_null(site_data_dir(src));
	char *c = site_content_dir(NULL, data, state_dir);
	char *want = path_join(share, "content");
	assert_string_equal(c, want);
	free(c);
	assert_int_equal(mkdir(synced, 0755), 0);
	c = site_content_dir("", data, state_dir);
	assert_string_equal(c, synced);
	free(c);
	c = site_content_dir("/srv/c", data, state_dir);
	assert_string_equal(c, "/srv/c");
	free(c);
	c = site_content_dir(NULL, NULL, state_dir);
	assert_string_equal(c, "content");
	free(c);
	rmdir(synced);
	rmdir(state_dir);
	rmdir(share);
	rmdir(sharep);
	rmdir(bin);
	rmdir(dir);
	free(want);
	free(src);
	free(data);
	free(share);
	free(bin);
	free(sharep);
	free(exe);
	free(state_dir);
	free(synced);
	free(dir);
}

static void counts_playback_devices(void **state)
{
	(void)state;
	char *dir = temp_dir();
	assert_int_equal(site_playback_devices(dir), 0);
	const char *names[] = {"pcmC0D0p", "pcmC0D0c", "controlC0", "pcmC1D3p"};
	for (size_t i = 0; i < 4; i++) {
		char *p = path_join(dir, names[i]);
		write_file(p, "");
		free(p);
	}
	assert_int_equal(site_playback_devices(dir), 2);
	assert_int_equal(site_playback_devices("/nonexistent/snd"), 0);
	for (size_t i = 0; i < 4; i++) {
		char *p = path_join(dir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pin_hash_is_salted_and_verifies),
	    cmocka_unit_test(session_pad_uses_the_hash),
	    cmocka_unit_test(ini_set_keeps_notes_and_replaces),
	    cmocka_unit_test(set_pin_writes_a_hash_not_the_digits),
	    cmocka_unit_test(site_file_wins_over_content),
	    cmocka_unit_test(installed_kiosk_finds_its_content),
	    cmocka_unit_test(counts_playback_devices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
