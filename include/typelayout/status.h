/* Status codes returned by every fallible typelayout function. */
#ifndef TYPELAYOUT_STATUS_H
#define TYPELAYOUT_STATUS_H

typedef enum tl_status {
	TL_OK = 0,
	TL_EINPUT = -1,       /* bad input: diagnostics were recorded in the context */
	TL_EUNSUPPORTED = -2, /* a construct typelayout refuses, named in a diagnostic */
	TL_ELIMIT = -3,       /* overflow, or a type too big for the target */
	TL_EIO = -4,          /* a file could not be read */
	TL_ENOMEM = -5        /* out of memory */
} tl_status;

#endif
