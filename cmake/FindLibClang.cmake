# Finds libclang through llvm-config (the Debian libclang-dev package pulls in
# the matching llvm); no hard-coded paths. Defines LibClang::LibClang.
find_program(LLVM_CONFIG NAMES llvm-config llvm-config-16 llvm-config-15 llvm-config-14)
if(NOT LLVM_CONFIG)
  message(FATAL_ERROR "llvm-config not found: run scripts/install-deps.sh")
endif()
execute_process(COMMAND ${LLVM_CONFIG} --includedir OUTPUT_VARIABLE LLVM_INC OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --libdir OUTPUT_VARIABLE LLVM_LIBDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --version OUTPUT_VARIABLE LLVM_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
find_library(LIBCLANG_LIBRARY NAMES clang libclang HINTS ${LLVM_LIBDIR} REQUIRED)
find_path(LIBCLANG_INCLUDE clang-c/Index.h HINTS ${LLVM_INC} REQUIRED)
message(STATUS "libclang ${LLVM_VERSION}: ${LIBCLANG_LIBRARY}")
add_library(LibClang::LibClang UNKNOWN IMPORTED)
set_target_properties(LibClang::LibClang PROPERTIES
  IMPORTED_LOCATION ${LIBCLANG_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${LIBCLANG_INCLUDE})
set(LIBCLANG_RESOURCE_DIR "${LLVM_LIBDIR}/clang/${LLVM_VERSION}" CACHE STRING "")
