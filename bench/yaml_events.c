/*
 * The speed baseline of the YAML benchmark: a bare libyaml event parse of
 * a file (every event pulled and deleted, nothing built).
 */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	FILE *f = fopen(argv[1], "rb");
	if (!f)
		return 2;
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long events = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev))
			return 1;
		int done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
		if (done)
			break;
	}
	yaml_parser_delete(&p);
	fclose(f);
	printf("%lu events\n", events);
	return 0;
}
