/* Help texts: `typelayout help X` and `typelayout X --help` print these. */
#include <string.h>

#include "cli.h"

static const char report_help[] =
	"usage: typelayout report [options] FILE|DIR... [-- CLANG-ARGS...]\n"
	"\n"
	"Reports size, alignment and padding of every non-generic type the input\n"
	"files define, in input order, for each target (x86_64 and aarch64 Linux\n"
	"unless --target is given). Inputs: .yaml/.yml type descriptions, .rs\n"
	"Rust sources (or a directory of them), C headers and sources (.h, .c;\n"
	"or a directory of them) parsed with libclang once per target.\n"
	"\n"
	"options:\n"
	"  -t, --target T   report for target T (a triple or an alias such as\n"
	"                   x86_64, aarch64, arm64); may repeat\n"
	"  -f, --format F   table (default) or json (schema typelayout/1)\n"
	"      --type EXPR  also report the Rust type expression EXPR, e.g.\n"
	"                   'Option<Data>'; may repeat\n"
	"      --cfg PRED   Rust: treat #[cfg(PRED)] as true (NAME or 'feature=\"x\"')\n"
	"      --opaque NAME=SIZE:ALIGN\n"
	"                   Rust: a type from another crate, known by its shape\n"
	"                   (e.g. 'Span=24:8'); may repeat\n"
	"  -p DIR           C: read compile flags from DIR/compile_commands.json\n"
	"  -j N             use up to N threads (default: one per core): C parses\n"
	"                   N translation units at a time, YAML is parsed\n"
	"                   ahead of the model; -j1 uses none\n"
	"      --all        C: also report types from system headers\n"
	"      --name GLOB  C: also report types whose name matches GLOB\n"
	"      --verify     C: compare every record with clang's own layout\n"
	"      --timings    print the wall time of each phase on stderr\n"
	"      --help       show this help\n"
	"\n"
	"exit status: 0 ok, 2 bad input or usage (diagnostics on stderr),\n"
	"3 --verify found a disagreement with clang (a typelayout bug)\n";

static const char show_help[] =
	"usage: typelayout show [options] TYPE... FILE...\n"
	"\n"
	"Prints the field-by-field layout of each TYPE (a Rust type expression,\n"
	"or --type EXPR): offsets, sizes, every hole and the tail padding, the\n"
	"enum tag or niche encoding, each variant's fields, and the largest\n"
	"niche. Targets that agree are shown once.\n"
	"\n"
	"options:\n"
	"  -t, --target T   as for report; may repeat\n"
	"  -f, --format F   text (default) or json\n"
	"      --type EXPR  a type to show; may repeat\n"
	"      --help       show this help\n";

static const char targets_help[] =
	"usage: typelayout targets\n"
	"\n"
	"Lists the supported targets, with the aliases --target accepts.\n";

const char *tl_cli_help(const char *cmd)
{
	if (!strcmp(cmd, "report"))
		return report_help;
	if (!strcmp(cmd, "show"))
		return show_help;
	if (!strcmp(cmd, "targets"))
		return targets_help;
	return NULL;
}
