# Runs cmake/CheckLayers.cmake, as the build does, on two small trees: scenario (which may use
# core and society) including only those passes; including timeline, services and a private
# ensemble header fails, naming each wrong-way include. Arguments: SOURCE_DIR, FIXTURES.
cmake_minimum_required(VERSION 3.25)
set(_areas "core,society,scenario,games,bargaining,timeline,ensemble,sensitivity,store,report,services")
function(check tree out_rc out_text)
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${FIXTURES}/${tree} -DAREA=scenario -DALLOWED=core,society
                          -DAREAS=${_areas} -P ${SOURCE_DIR}/cmake/CheckLayers.cmake
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${out_rc} ${rc} PARENT_SCOPE)
  set(${out_text} "${out}${err}" PARENT_SCOPE)
endfunction()

check(right_way rc text)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "includes from scenario of core, society and its own headers were rejected:\n${text}")
endif()

check(wrong_way rc text)
if(rc EQUAL 0)
  message(FATAL_ERROR "a wrong-way include passed the layer check")
endif()
foreach(expected "src/scenario/reader.cpp: includes \"statecraft/timeline/runner.hpp\" of area 'timeline'"
                 "include/statecraft/scenario/scenario.hpp: includes \"statecraft/services.hpp\" of area 'services'"
                 "include/statecraft/scenario/scenario.hpp: includes \"ensemble/questions.hpp\" of area 'ensemble'")
  string(FIND "${text}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the layer check did not report: ${expected}\nit said:\n${text}")
  endif()
endforeach()
foreach(allowed "statecraft/error.hpp" "statecraft/society/society_config.hpp")
  string(FIND "${text}" "\"${allowed}\"" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "the layer check rejected the allowed include ${allowed}:\n${text}")
  endif()
endforeach()
