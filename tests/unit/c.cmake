# The C layout engine and the C front end (need libclang).
if(TL_WITH_CLANG)
  tl_unit_test(test_layout_c SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_layout_c.c
               LIBS tl_verify)
  tl_unit_test(test_cfront SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_cfront.c
               LIBS tl_verify)
endif()
