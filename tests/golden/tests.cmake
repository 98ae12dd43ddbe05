# Golden CLI cases: testdata/cli/<case>/cmd -> expected.{stdout,stderr,exit}.
# TL_UPDATE_GOLDEN=1 ctest -L golden rewrites the expectations.
# JSON outputs are validated with the *system* python3 and Debian's
# python3-jsonschema (not a pyenv interpreter that happens to have it).
find_program(TL_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
file(GLOB golden_cases LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/testdata/cli/*)
foreach(case_dir ${golden_cases})
  if(EXISTS ${case_dir}/cmd)
    get_filename_component(case ${case_dir} NAME)
    add_test(NAME golden_${case}
             COMMAND sh ${CMAKE_SOURCE_DIR}/tests/golden/run_case.sh
                     $<TARGET_FILE:typelayout> ${case_dir})
    set_tests_properties(golden_${case} PROPERTIES LABELS golden
      ENVIRONMENT "LC_ALL=C;TL_PYTHON=${TL_SYSTEM_PYTHON}")
  endif()
endforeach()

# The threaded report stream writes what the serial one does.
add_test(NAME golden_threads_agree
         COMMAND sh ${CMAKE_SOURCE_DIR}/tests/golden/threads_agree.sh
                 $<TARGET_FILE:typelayout>)
set_tests_properties(golden_threads_agree PROPERTIES LABELS golden
  ENVIRONMENT "LC_ALL=C;TL_PYTHON=${TL_SYSTEM_PYTHON}")
