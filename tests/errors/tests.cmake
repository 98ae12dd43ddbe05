# One bad input per front-end error message: testdata/errors/<name>.yaml
# (or .rs) with the exact diagnostic lines in <name>.stderr (exit status 2).
# TL_UPDATE_GOLDEN=1 ctest -L errors rewrites the expectations.
file(GLOB error_cases CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/testdata/errors/*.yaml
     ${CMAKE_SOURCE_DIR}/testdata/errors/*.rs)
foreach(input ${error_cases})
  get_filename_component(name ${input} NAME_WE)
  add_test(NAME error_${name}
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/errors/run_error_case.sh
                   $<TARGET_FILE:typelayout> ${input})
  set_tests_properties(error_${name} PROPERTIES LABELS errors ENVIRONMENT "LC_ALL=C")
endforeach()
