# jobflow_module(NAME DEPS ...): a static library `jobflow_NAME` from every .cc under src/NAME/.
# Sources are globbed so adding a file (one class per file) needs no CMake edit.
function(jobflow_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cc)
  if(sources)
    add_library(jobflow_${name} STATIC ${sources})
    target_include_directories(jobflow_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(jobflow_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(jobflow_${name} INTERFACE)
    target_include_directories(jobflow_${name} INTERFACE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(jobflow_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# jobflow_unit_test(MODULE DEPS ... [NO_GTEST_MAIN]): one GoogleTest binary per module from
# test/unit/MODULE/*_test.cc. NO_GTEST_MAIN: the module's tests bring their own main() (the
# executor's must first let the binary act as the job spawner).
function(jobflow_unit_test name)
  cmake_parse_arguments(ARG "NO_GTEST_MAIN" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/test/unit/${name}/*.cc)
  if(NOT sources)
    return()
  endif()
  add_executable(unit_${name} ${sources})
  target_include_directories(unit_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/test)
  target_compile_definitions(unit_${name} PRIVATE JOBFLOW_TEST_DATA="${CMAKE_SOURCE_DIR}/test/data")
  target_link_libraries(unit_${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock)
  if(NOT ARG_NO_GTEST_MAIN)
    target_link_libraries(unit_${name} PRIVATE GTest::gtest_main)
  endif()
  gtest_discover_tests(unit_${name} DISCOVERY_TIMEOUT 30 DISCOVERY_MODE PRE_TEST PROPERTIES LABELS unit)
endfunction()
