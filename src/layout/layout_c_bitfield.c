/*
 * Bit-field placement, Itanium/SysV family (c-layout.md 4.1 and 4.2; clang
 * 14's ItaniumRecordLayoutBuilder::LayoutBitField). All positions are bits
 * from the start of the record, allocated from the least significant bit.
 *
 * A bit-field of declared type T lives in a notional storage unit of
 * sizeof(T) bytes aligned to alignof(T) (a typedef's alignment included,
 * rule 15); it goes to the first free bit unless that would cross the end
 * of such a unit (the straddle rule, rule 2). Then:
 *  - packed (record or member) bit-fields use bit granularity: no straddle
 *    check and no alignment (rule 9), unless zero-width;
 *  - aligned(N) on the member raises the unit alignment and always aligns
 *    the start (rule 11);
 *  - #pragma pack(N) caps the alignment of non-zero-width bit-fields and
 *    turns the straddle rule off altogether (rules 8, 10);
 *  - a zero-width bit-field rounds the next free bit up to its unit
 *    alignment (rule 7);
 *  - unnamed bit-fields add to the record alignment only on targets whose
 *    zero_width_bitfield_aligns is set (AAPCS; rule 6).
 */
#include "layout/layout_c.h"

static uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

uint64_t tl_c_place_bitfield(tl_c_rec *r, const tl_field *f, uint64_t size,
			     uint64_t align)
{
	uint64_t w = (uint64_t)f->bit_width;
	uint64_t unit = size * 8;       /* StorageUnitSize */
	uint64_t a = align * 8;         /* FieldAlign */
	uint64_t unpacked = a;          /* what it would be without packed */
	uint64_t explicit_a = (uint64_t)f->c_align * 8;
	bool packed = r->packed || f->c_packed;

	if (packed && w)
		a = 1;
	if (explicit_a) {
		a = max_u64(a, explicit_a);
		unpacked = max_u64(unpacked, explicit_a);
	}
	if (r->pack_bits && w) {
		unpacked = min_u64(unpacked, r->pack_bits);
		a = packed ? unpacked : min_u64(a, r->pack_bits);
	}

	uint64_t p = r->is_union ? 0 : r->next;
	bool allow_padding = r->pack_bits == 0;
	if (w == 0 || (allow_padding && (p % a) + w > unit))
		p = tl_c_round_up(p, a, &r->overflow);
	else if (explicit_a && (!r->pack_bits || explicit_a <= r->pack_bits))
		p = tl_c_round_up(p, explicit_a, &r->overflow);

	/* unnamed bit-fields only count for the alignment where the target
	 * says so (UseZeroLengthBitfieldAlignment in clang) */
	if (!*f->name && !r->t->zero_width_bitfield_aligns)
		a = 1;
	if (a >= 8)
		r->align_bits = max_u64(r->align_bits, a / 8 * 8);

	if (r->is_union) {
		r->end = max_u64(r->end, tl_c_round_up(w, 8, &r->overflow));
	} else {
		if (__builtin_add_overflow(p, w, &r->next))
			r->overflow = true;
		r->end = tl_c_round_up(r->next, 8, &r->overflow);
	}
	return p;
}
