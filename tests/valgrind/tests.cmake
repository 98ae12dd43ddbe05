# The engine's and front ends' unit binaries under valgrind (plain build
# only: valgrind and ASan do not mix). Any error fails the test.
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT TL_SANITIZE)
  foreach(t test_layout_rust test_rust_vectors test_yaml_c_vectors test_front_yaml test_typeexpr test_resolve test_rust_sizeof)
    if(TARGET ${t})
      add_test(NAME valgrind_${t}
               COMMAND ${VALGRIND} --quiet --error-exitcode=1 --leak-check=full
                       --errors-for-leak-kinds=definite $<TARGET_FILE:${t}>)
      set_tests_properties(valgrind_${t} PROPERTIES LABELS valgrind ENVIRONMENT "LC_ALL=C")
    endif()
  endforeach()
endif()
