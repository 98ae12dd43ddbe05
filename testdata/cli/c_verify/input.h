#include <stdint.h>
struct flags { unsigned kind : 3; unsigned ready : 1; uint64_t id; };
struct __attribute__((packed)) wire { char tag; int32_t len; short crc; };
struct event {
	int type;
	union { struct { int x, y; } pos; long long key; };
	struct { char c; long double ld; } tail;
};
typedef struct { double d; char c; } pair_t;
#pragma pack(push, 2)
struct packed2 { char c; int i; double d; };
#pragma pack(pop)
enum color { RED, GREEN = 0x100000000 };
