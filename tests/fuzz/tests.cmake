# Fuzz targets for the YAML front end, its fast event source (against
# libyaml), the Rust-syntax parser and the .rs front end.
# - Every build: replay_<target> runs each file of testdata/fuzz/<target>/
#   (seeds and past crashers) through the target, as a CTest test.
# - With -DTL_FUZZ=ON and clang: fuzz_<target> are libFuzzer binaries, and
#   the libraries they test are built with coverage instrumentation:
#     build/tests/fuzz_yaml -max_total_time=120 corpus testdata/fuzz/yaml
option(TL_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

set(fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(fuzz_extra_yaml_fast ${CMAKE_CURRENT_SOURCE_DIR}/common/yaml_fast_diff.c)
foreach(target yaml yaml_fast typeexpr rust)
  add_executable(replay_${target} ${fuzz_dir}/replay.c ${fuzz_dir}/fuzz_${target}.c
                 ${fuzz_extra_${target}})
  target_include_directories(replay_${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/common)
  target_link_libraries(replay_${target} PRIVATE tl_front tl_layout)
  tl_warnings(replay_${target})
  add_test(NAME fuzz_replay_${target}
           COMMAND replay_${target} ${CMAKE_SOURCE_DIR}/testdata/fuzz/${target})
  set_tests_properties(fuzz_replay_${target} PROPERTIES LABELS fuzz)
endforeach()

if(TL_FUZZ AND NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(WARNING "TL_FUZZ needs clang (configure with CC=clang): "
                  "only the replay tests are built")
elseif(TL_FUZZ)
  # every executable that links an instrumented library (the CLI, the
  # unit tests) gets the runtimes it calls, so the whole tree builds
  foreach(lib tl_util tl_model tl_front tl_layout)
    target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(${lib} INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  endforeach()
  foreach(target yaml yaml_fast typeexpr rust)
    add_executable(fuzz_${target} ${fuzz_dir}/fuzz_${target}.c ${fuzz_extra_${target}})
    target_include_directories(fuzz_${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/common)
    target_link_libraries(fuzz_${target} PRIVATE tl_front tl_layout)
    target_compile_options(fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
    tl_warnings(fuzz_${target})
  endforeach()
endif()
