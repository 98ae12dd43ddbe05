# The emitters' buffered writer: JSON strings, copied or escaped.
tl_unit_test(test_outbuf SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_outbuf.c
             LIBS tl_emit tl_util)
