# Differential test of the C front end and engine against clang's own
# layouts (tests/cdiff/cdiff_main.c). cdiff_fixed replays fixed seeds;
# cdiff_random draws a fresh seed each run and prints it for replay.
if(TL_WITH_CLANG)
  add_executable(cdiff ${CMAKE_CURRENT_SOURCE_DIR}/cdiff/cdiff_main.c
                       ${CMAKE_CURRENT_SOURCE_DIR}/cdiff/cdiff_gen.c)
  target_link_libraries(cdiff PRIVATE tl_verify)
  tl_warnings(cdiff)
  add_test(NAME cdiff_fixed_1 COMMAND cdiff --seed 1 --records 3000 --files 4)
  add_test(NAME cdiff_fixed_2 COMMAND cdiff --seed 20240601 --records 3000 --files 4)
  add_test(NAME cdiff_random COMMAND cdiff --records 6000 --files 8)
  set_tests_properties(cdiff_fixed_1 cdiff_fixed_2 cdiff_random PROPERTIES
                       LABELS cdiff ENVIRONMENT "LC_ALL=C" TIMEOUT 120)
endif()

# The driver of tests/cdiff/real_headers.sh and bench/c_headers.sh.
if(TL_WITH_CLANG)
  add_executable(cverify ${CMAKE_CURRENT_SOURCE_DIR}/cdiff/cverify.c)
  target_link_libraries(cverify PRIVATE tl_verify)
  tl_warnings(cverify)
endif()
