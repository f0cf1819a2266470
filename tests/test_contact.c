/* Tests for src/contact.c: the council's details from kiosk.ini [contact] filled into pages in
 * place of {contact.*} placeholders, Markdown punctuation escaped, and a row whose detail is
 * not filled in (or whose placeholder is unknown) left out as blank lines, so every other
 * line keeps its number. Then through the content module: the rows a visitor gets. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "narrate.h"
#include "settings.h"
#include "contact.h"
#include "util.h"

static void contact(Settings *s, const char *key, const char *value)
{
	DiagList d = {0};
	settings_set(s, "contact", key, value, "test", &d);
	assert_int_equal(d.count, 0);
}

static char *fill(const Settings *s, const char *text)
{
	size_t len = 0;
	char *out = contact_fill(s, text, strlen(text), &len);
	if (out)
		assert_int_equal(len, strlen(out));
	return out;
}

static int lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void fills_in_the_values(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	contact(&s, "phone", "01632 960000");
	contact(&s, "hours", "Monday to Friday, 9am to 5pm");
	char *out = fill(&s, "# Here\n\n![A phone](phone.svg) Phone: {contact.phone}\n\n"
	                     "![A clock](clock.svg) Open {contact.hours}.\n");
	assert_non_null(out);
	assert_string_equal(out, "# Here\n\n![A phone](phone.svg) Phone: 01632 960000\n\n"
	                         "![A clock](clock.svg) Open Monday to Friday, 9am to 5pm.\n");
	free(out);
}

/* Not filled in: the whole row goes, its lines stay as blank lines. */
static void leaves_out_a_row_not_filled_in(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	contact(&s, "phone", "01632 960000");
	const char *text = "# Here\n\n![An envelope](email.svg) Email:\n{contact.email}\n\n"
	                   "![A phone](phone.svg) {contact.phone}\n\n![A pin](pin.svg) {contact.fax}\n";
	char *out = fill(&s, text);
	assert_non_null(out);
	assert_string_equal(out, "# Here\n\n\n\n\n![A phone](phone.svg) 01632 960000\n\n\n");
	assert_int_equal(lines(out), lines(text));
	free(out);
}

/* A value is shown as written: Markdown punctuation is escaped, a line break is a space. */
static void escapes_markdown(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	contact(&s, "email", "*help*_desk@council.example");
	contact(&s, "address", "[Town Hall] #1");
	char *out = fill(&s, "E: {contact.email}\n\nA: {contact.address}\n");
	assert_string_equal(out, "E: \\*help\\*\\_desk@council\\.example\n\nA: \\[Town Hall\\] \\#1\n");
	free(out);
}

static void no_placeholder_no_copy(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	assert_null(fill(&s, "# Plain\n\nNo details here {contact.phone\n"));
	assert_null(fill(&s, ""));
}

static void finds_placeholders(void **state)
{
	(void)state;
	const char *t = "a {contact.phone} b {contact.\n{contact.x}";
	size_t pos = 0, at, len, klen;
	const char *key;
	assert_true(contact_next_placeholder(t, strlen(t), &pos, &at, &len, &key, &klen));
	assert_int_equal(at, 2);
	assert_int_equal(len, 15);
	assert_int_equal(klen, 5);
	assert_memory_equal(key, "phone", 5);
	/* "{contact." with no "}" on its line is not one */
	assert_true(contact_next_placeholder(t, strlen(t), &pos, &at, &len, &key, &klen));
	assert_int_equal(klen, 1);
	assert_false(contact_next_placeholder(t, strlen(t), &pos, &at, &len, &key, &klen));
	Settings s;
	settings_defaults(&s);
	assert_string_equal(contact_value(&s, "hours", 5), "");
	assert_null(contact_value(&s, "fax", 3));
}

/* [contact] in kiosk.ini: known keys are kept, others warn. */
static void reads_the_contact_section(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	DiagList d = {0};
	settings_set(&s, "contact", "phone", "01632 960000", "kiosk.ini", &d);
	settings_set(&s, "contact", "fax", "123", "kiosk.ini", &d);
	assert_string_equal(s.contact_phone, "01632 960000");
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "unknown setting 'fax'"));
	diag_clear(&d);
}

/* Through the loader, as the kiosk and --check load pages: the rows a visitor gets. */
static void the_loader_fills_pages(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_contact_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *en = xasprintf("%s/en", dir), *ini = xasprintf("%s/kiosk.ini", dir),
	     *home = xasprintf("%s/en/home.md", dir);
	assert_int_equal(mkdir(en, 0755), 0);
	FILE *f = fopen(ini, "w");
	assert_non_null(f);
	fputs("[contact]\nphone = 01632 960000\nemail =\n", f);
	fclose(f);
	f = fopen(home, "w");
	assert_non_null(f);
	fputs("# Here\n\nPhone: {contact.phone}\n\nEmail: {contact.email}\n\nAsk at the desk.\n", f);
	fclose(f);
	Content *c = content_open(dir);
	assert_non_null(c);
	ContentPage *p = content_page(c, &c->langs[0], "home.md");
	assert_non_null(p);
	assert_int_equal(p->row_count, 2);
	assert_string_equal(p->rows[0].text, "Phone: 01632 960000");
	assert_string_equal(p->rows[1].text, "Ask at the desk.");
	assert_int_equal(p->rows[1].line, 7); /* its line in the file, as written */
	content_close(c);
	remove(home);
	remove(ini);
	rmdir(en);
	rmdir(dir);
	free(en);
	free(ini);
	free(home);
}

/* The site settings file (like /etc/kiosk/kiosk.ini) wins over kiosk.ini for the details,
 * leaves the ones it does not set alone, and a reload keeps it. */
static void the_site_file_wins(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_contact_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *en = xasprintf("%s/en", dir), *ini = xasprintf("%s/kiosk.ini", dir),
	     *home = xasprintf("%s/en/home.md", dir), *site = xasprintf("%s/site.ini", dir);
	assert_int_equal(mkdir(en, 0755), 0);
	FILE *f = fopen(ini, "w");
	assert_non_null(f);
	fputs("[contact]\nphone = 01632 960000\nhours = 9 to 5\n", f);
	fclose(f);
	f = fopen(site, "w");
	assert_non_null(f);
	fputs("[session]\nidle_timeout_s = 60\n[contact]\nphone = 01632 960999\nemail = a@b.example\n", f);
	fclose(f);
	f = fopen(home, "w");
	assert_non_null(f);
	fputs("# Here\n\nPhone: {contact.phone}\n\nEmail: {contact.email}\n\nOpen {contact.hours}\n", f);
	fclose(f);
	Content *c = content_open(dir);
	assert_non_null(c);
	content_use_site_file(c, site);
	for (int round = 0; round < 2; round++) {
		ContentPage *p = content_page(c, &c->langs[0], "home.md");
		assert_non_null(p);
		assert_int_equal(p->row_count, 3);
		assert_string_equal(p->rows[0].text, "Phone: 01632 960999");
		assert_string_equal(p->rows[1].text, "Email: a@b.example");
		assert_string_equal(p->rows[2].text, "Open 9 to 5");
		Content *fresh = content_reload(c, NULL); /* as the kiosk does when files change */
		assert_non_null(fresh);
		content_close(c);
		c = fresh;
	}
	content_close(c);
	remove(home);
	remove(ini);
	remove(site);
	rmdir(en);
	rmdir(dir);
	free(en);
	free(ini);
	free(home);
	free(site);
}

/* The phone number is said digit by digit, with a pause between groups, wherever it is shown. */
static void the_phone_number_is_said_digit_by_digit(void **state)
{
	(void)state;
	Settings s;
	settings_defaults(&s);
	Pronounce p = {0};
	contact_pronounce(&s, &p); /* not set: nothing */
	assert_int_equal(p.count, 0);
	contact(&s, "phone", "01632 960000");
	contact_pronounce(&s, &p);
	assert_int_equal(p.count, 1);
	NarrationOptions o = {.pronounce = &p};
	Narration *n = narration_text("Phone the council: 01632 960000", &o);
	assert_string_equal(n->parts[0].spoken, "Phone the council: 0 1 6 3 2, 9 6 0 0 0 0.");
	narration_destroy(n);
	pronounce_free(&p);
	contact(&s, "phone", "+44 (0)1632-960000");
	contact_pronounce(&s, &p);
	assert_string_equal(p.items[0].to, "+ 4 4, 0, 1 6 3 2, 9 6 0 0 0 0");
	pronounce_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fills_in_the_values),
	    cmocka_unit_test(leaves_out_a_row_not_filled_in),
	    cmocka_unit_test(escapes_markdown),
	    cmocka_unit_test(no_placeholder_no_copy),
	    cmocka_unit_test(finds_placeholders),
	    cmocka_unit_test(reads_the_contact_section),
	    cmocka_unit_test(the_loader_fills_pages),
	    cmocka_unit_test(the_site_file_wins),
	    cmocka_unit_test(the_phone_number_is_said_digit_by_digit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
