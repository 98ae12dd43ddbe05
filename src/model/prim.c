#include <stddef.h>

#include "typelayout/model.h"

static const struct {
	const char *name;
	unsigned char is_int, is_signed, is_float;
} prims[TL_PRIM__COUNT] = {
	[TL_PRIM_BOOL] = {"bool", 0, 0, 0},
	[TL_PRIM_CHAR] = {"char", 0, 0, 0},
	[TL_PRIM_U8] = {"u8", 1, 0, 0},
	[TL_PRIM_U16] = {"u16", 1, 0, 0},
	[TL_PRIM_U32] = {"u32", 1, 0, 0},
	[TL_PRIM_U64] = {"u64", 1, 0, 0},
	[TL_PRIM_U128] = {"u128", 1, 0, 0},
	[TL_PRIM_USIZE] = {"usize", 1, 0, 0},
	[TL_PRIM_I8] = {"i8", 1, 1, 0},
	[TL_PRIM_I16] = {"i16", 1, 1, 0},
	[TL_PRIM_I32] = {"i32", 1, 1, 0},
	[TL_PRIM_I64] = {"i64", 1, 1, 0},
	[TL_PRIM_I128] = {"i128", 1, 1, 0},
	[TL_PRIM_ISIZE] = {"isize", 1, 1, 0},
	[TL_PRIM_F16] = {"f16", 0, 0, 1},
	[TL_PRIM_F32] = {"f32", 0, 0, 1},
	[TL_PRIM_F64] = {"f64", 0, 0, 1},
	[TL_PRIM_F128] = {"f128", 0, 0, 1},
	[TL_PRIM_C_BOOL] = {"_Bool", 1, 0, 0},
	[TL_PRIM_C_CHAR] = {"char", 1, 1, 0},
	[TL_PRIM_C_SCHAR] = {"signed char", 1, 1, 0},
	[TL_PRIM_C_UCHAR] = {"unsigned char", 1, 0, 0},
	[TL_PRIM_C_SHORT] = {"short", 1, 1, 0},
	[TL_PRIM_C_USHORT] = {"unsigned short", 1, 0, 0},
	[TL_PRIM_C_INT] = {"int", 1, 1, 0},
	[TL_PRIM_C_UINT] = {"unsigned int", 1, 0, 0},
	[TL_PRIM_C_LONG] = {"long", 1, 1, 0},
	[TL_PRIM_C_ULONG] = {"unsigned long", 1, 0, 0},
	[TL_PRIM_C_LONGLONG] = {"long long", 1, 1, 0},
	[TL_PRIM_C_ULONGLONG] = {"unsigned long long", 1, 0, 0},
	[TL_PRIM_C_INT128] = {"__int128", 1, 1, 0},
	[TL_PRIM_C_UINT128] = {"unsigned __int128", 1, 0, 0},
	[TL_PRIM_C_FLOAT] = {"float", 0, 0, 1},
	[TL_PRIM_C_DOUBLE] = {"double", 0, 0, 1},
	[TL_PRIM_C_LONGDOUBLE] = {"long double", 0, 0, 1},
	[TL_PRIM_C_FLOAT16] = {"_Float16", 0, 0, 1},
	[TL_PRIM_C_FLOAT128] = {"__float128", 0, 0, 1},
	[TL_PRIM_C_WCHAR] = {"wchar_t", 1, 1, 0},
	[TL_PRIM_C_VA_LIST] = {"__builtin_va_list", 0, 0, 0},
	[TL_PRIM_C_PTR] = {"void *", 0, 0, 0},
};

const char *tl_prim_name(tl_prim p)
{
	return p < TL_PRIM__COUNT ? prims[p].name : "?";
}

bool tl_prim_is_signed(tl_prim p)
{
	return p < TL_PRIM__COUNT && prims[p].is_signed;
}

bool tl_prim_is_int(tl_prim p)
{
	return p < TL_PRIM__COUNT && prims[p].is_int;
}

bool tl_prim_is_float(tl_prim p)
{
	return p < TL_PRIM__COUNT && prims[p].is_float;
}
